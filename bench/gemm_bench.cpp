// GEMM benchmarks at the seed MLP's shapes (784-256-10, batch 32): the forward, weight-gradient and
// input-gradient layouts of both layers, plus gemm_reference at the forward shape as the baseline.
// Each runs on one thread and reports a "GFLOPS" rate counted as 2*M*N*K flops per call. The benchmark main() is in another
// file of bench/.
#include <benchmark/benchmark.h>

#include <vector>

#include "core/kernels/gemm.h"
#include "core/util/parallel.h"
#include "core/util/rng.h"

namespace {

using mnist::kernels::Trans;

constexpr int kBatch = 32;
constexpr int kInputs = 784;
constexpr int kHidden = 256;
constexpr int kClasses = 10;

using GemmFunction = decltype(&mnist::kernels::gemm);

// Times C = op(A)·op(B) for op(A): (M,K), op(B): (K,N) stored densely in the given layouts.
void run_gemm(benchmark::State& state, GemmFunction gemm, Trans trans_a, Trans trans_b, int M,
              int N, int K) {
  mnist::Rng rng(42);
  std::vector<float> a(static_cast<std::size_t>(M) * K), b(static_cast<std::size_t>(K) * N),
      c(static_cast<std::size_t>(M) * N);
  for (float& x : a) x = rng.uniform(-1.0f, 1.0f);
  for (float& x : b) x = rng.uniform(-1.0f, 1.0f);
  mnist::parallel::set_threads(1);  // GFLOP/s per core, to set beside the core's peak
  const int lda = trans_a == Trans::kNo ? K : M;
  const int ldb = trans_b == Trans::kNo ? N : K;
  for (auto _ : state) {
    gemm(trans_a, trans_b, M, N, K, a.data(), lda, b.data(), ldb, c.data(), N, false);
    benchmark::DoNotOptimize(c.data());
    benchmark::ClobberMemory();
  }
  state.counters["GFLOPS"] = benchmark::Counter(
      2e-9 * M * N * K * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  state.SetLabel(mnist::kernels::simd_arch_name());
}

// Hidden layer (784 -> 256).
void BM_GemmForward(benchmark::State& state) {  // y = x · Wᵀ
  run_gemm(state, mnist::kernels::gemm, Trans::kNo, Trans::kTrans, kBatch, kHidden, kInputs);
}
void BM_GemmWeightGrad(benchmark::State& state) {  // dW = dyᵀ · x
  run_gemm(state, mnist::kernels::gemm, Trans::kTrans, Trans::kNo, kHidden, kInputs, kBatch);
}
void BM_GemmInputGrad(benchmark::State& state) {  // dx = dy · W
  run_gemm(state, mnist::kernels::gemm, Trans::kNo, Trans::kNo, kBatch, kInputs, kHidden);
}
// Output layer (256 -> 10).
void BM_GemmForwardOutput(benchmark::State& state) {
  run_gemm(state, mnist::kernels::gemm, Trans::kNo, Trans::kTrans, kBatch, kClasses, kHidden);
}
void BM_GemmWeightGradOutput(benchmark::State& state) {
  run_gemm(state, mnist::kernels::gemm, Trans::kTrans, Trans::kNo, kClasses, kHidden, kBatch);
}
void BM_GemmInputGradOutput(benchmark::State& state) {
  run_gemm(state, mnist::kernels::gemm, Trans::kNo, Trans::kNo, kBatch, kHidden, kClasses);
}
// The plain-loop twin at the hidden layer's forward shape, for scale.
void BM_GemmReferenceForward(benchmark::State& state) {
  run_gemm(state, mnist::kernels::gemm_reference, Trans::kNo, Trans::kTrans, kBatch, kHidden,
           kInputs);
}

}  // namespace

BENCHMARK(BM_GemmForward);
BENCHMARK(BM_GemmWeightGrad);
BENCHMARK(BM_GemmInputGrad);
BENCHMARK(BM_GemmForwardOutput);
BENCHMARK(BM_GemmWeightGradOutput);
BENCHMARK(BM_GemmInputGradOutput);
BENCHMARK(BM_GemmReferenceForward);
