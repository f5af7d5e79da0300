// GEMM: C = A·B (+ C), row-major, in the layouts backpropagation needs.
//   forward  (Dense)      y  = x · Wᵀ     gemm(kNo,  kTrans, ...)   x: (batch,in)  W: (out,in)
//   weight gradient       dW = dyᵀ · x    gemm(kTrans, kNo,  ...)   dy: (batch,out)
//   input gradient        dx = dy · W     gemm(kNo,  kNo,   ...)
// Shapes are those of op(A): (M,K) and op(B): (K,N); lda/ldb/ldc are the row strides of the
// matrices as stored. accumulate=false overwrites C, true adds to it.
// gemm() is the cache-blocked xsimd kernel; gemm_reference() is its plain-loop twin (the oracle in
// tests and the readable definition). gemm() skips the products it knows are zero: the k where a
// few rows of op(A) are all zero and the column blocks of op(B) that are (input images are mostly
// blank). For finite operands that changes no bit of the result; an infinity or NaN facing such a
// zero does not reach C, as it would in the full sum. gemm() runs on the threads of
// core/util/parallel.h, with the same result on any number of them.
#pragma once
#include <cstddef>

namespace mnist::kernels {

enum class Trans { kNo, kTrans };

void gemm(Trans trans_a, Trans trans_b, int M, int N, int K,
          const float* A, int lda, const float* B, int ldb,
          float* C, int ldc, bool accumulate);

void gemm_reference(Trans trans_a, Trans trans_b, int M, int N, int K,
                    const float* A, int lda, const float* B, int ldb,
                    float* C, int ldc, bool accumulate);

// The most bytes gemm()'s packing scratch (kept per thread, grown on demand) can reach, whatever
// the shapes: one A block and one B block of the cache blocking.
std::size_t gemm_workspace_bytes();

// The SIMD architecture the kernels were compiled for ("avx2", "wasm", "scalar", ...), and its
// float lanes (8, 4, 1, ...).
const char* simd_arch_name();
int simd_lanes();

}  // namespace mnist::kernels
