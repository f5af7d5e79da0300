// gemm_abt: C (M,N) = A (M,K) · Bᵀ, where B is (N,K): every element of C is a dot product of a row
// of A with a row of B, both contiguous along K. This is a convolution's weight gradient,
// dW (F, patch) = dY (F, columns) · colᵀ with K = the chunk's output columns (hundreds) and M, N
// small (8..16 filters, 25..200 patch values): gemm() would have to transpose-pack col into
// panels wider than N, while here each row is read in place.
// gemm_abt_reference is the plain-loop twin (the oracle in tests and the readable definition).
#pragma once

namespace mnist::kernels {

void gemm_abt(int M, int N, int K, const float* A, int lda, const float* B, int ldb, float* C,
              int ldc, bool accumulate);
void gemm_abt_reference(int M, int N, int K, const float* A, int lda, const float* B, int ldb,
                        float* C, int ldc, bool accumulate);

}  // namespace mnist::kernels
