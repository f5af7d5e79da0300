#include "core/kernels/gemm_timing.h"

#include <chrono>
#include <vector>

#include "core/util/rng.h"

namespace mnist::kernels {

GemmTiming time_gemm(Trans trans_a, Trans trans_b, int M, int N, int K, double min_seconds) {
  Rng rng(7);
  std::vector<float> a(std::size_t(M) * K), b(std::size_t(K) * N), c(std::size_t(M) * N);
  for (float& v : a) v = rng.uniform(-1, 1);
  for (float& v : b) v = rng.uniform(-1, 1);
  const int lda = trans_a == Trans::kNo ? K : M;
  const int ldb = trans_b == Trans::kNo ? N : K;
  gemm(trans_a, trans_b, M, N, K, a.data(), lda, b.data(), ldb, c.data(), N, false);
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  long calls = 0;
  double elapsed = 0;
  do {
    gemm(trans_a, trans_b, M, N, K, a.data(), lda, b.data(), ldb, c.data(), N, false);
    ++calls;
    elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  } while (elapsed < min_seconds);
  GemmTiming t;
  t.seconds_per_call = elapsed / double(calls);
  t.gflops = 2.0 * M * N * K / t.seconds_per_call * 1e-9;
  return t;
}

}  // namespace mnist::kernels
