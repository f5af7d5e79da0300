// gemm_reference: the plain triple loop that defines what gemm() computes. It is the oracle of the
// kernel tests and the baseline of the GEMM benchmark, so it stays deliberately naive.
#include "core/kernels/gemm.h"

namespace mnist::kernels {

void gemm_reference(Trans trans_a, Trans trans_b, int M, int N, int K,
                    const float* A, int lda, const float* B, int ldb,
                    float* C, int ldc, bool accumulate) {
  for (int i = 0; i < M; ++i) {
    for (int j = 0; j < N; ++j) {
      float sum = 0.0f;
      for (int k = 0; k < K; ++k) {
        const float a = trans_a == Trans::kNo ? A[i * lda + k] : A[k * lda + i];
        const float b = trans_b == Trans::kNo ? B[k * ldb + j] : B[j * ldb + k];
        sum += a * b;
      }
      C[i * ldc + j] = accumulate ? C[i * ldc + j] + sum : sum;
    }
  }
}

}  // namespace mnist::kernels
