// The small CNN's convolution GEMMs on one thread, and the core's peak, so each GEMM figure can be
// read as a share of what the core can do:
//   BM_FmaPeak        independent multiply-add chains in SIMD registers (no memory traffic): the
//                     core's GFLOP/s ceiling at the SIMD width this build uses
//   BM_ConvGemm/...   the GEMMs Conv2D runs per chunk of images for CNN small
//                     (conv:8:5x5 on 1x28x28, conv:16:5x5 on 8x12x12): forward Y = W·col,
//                     weight gradient dW = dY·colᵀ (gemm_abt), input gradient dcol = Wᵀ·dY
// GFLOPS counts 2·M·N·K flops per GEMM. The benchmark main() is in another file of bench/.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "core/kernels/gemm.h"
#include "core/kernels/gemm_abt.h"
#include "core/kernels/peak.h"
#include "core/layers/conv2d.h"
#include "core/util/parallel.h"
#include "core/util/rng.h"

namespace {

using mnist::kernels::Trans;

void BM_FmaPeak(benchmark::State& state) {
  constexpr long kSteps = 1 << 16;
  double flops = 0;
  for (auto _ : state) flops += mnist::kernels::peak_multiply_adds(kSteps);
  state.counters["GFLOPS"] = benchmark::Counter(1e-9 * flops, benchmark::Counter::kIsRate);
  state.SetLabel(std::string(mnist::kernels::simd_arch_name()) + ", " +
                 std::to_string(mnist::kernels::simd_lanes()) + " lanes");
}
BENCHMARK(BM_FmaPeak);

// C (M,N) = op(A) (M,K) · op(B) (K,N), dense, on one thread; abt: gemm_abt (B stored (N,K)).
void run_gemm(benchmark::State& state, Trans trans_a, Trans trans_b, int M, int N, int K,
              bool abt = false) {
  mnist::Rng rng(7);
  std::vector<float> a(std::size_t(M) * K), b(std::size_t(K) * N), c(std::size_t(M) * N);
  for (float& x : a) x = rng.uniform(-1.0f, 1.0f);
  for (float& x : b) x = rng.uniform(-1.0f, 1.0f);
  mnist::parallel::set_threads(1);
  const int lda = trans_a == Trans::kNo ? K : M, ldb = trans_b == Trans::kNo ? N : K;
  for (auto _ : state) {
    if (abt)
      mnist::kernels::gemm_abt(M, N, K, a.data(), K, b.data(), K, c.data(), N, false);
    else
      mnist::kernels::gemm(trans_a, trans_b, M, N, K, a.data(), lda, b.data(), ldb, c.data(), N,
                           false);
    benchmark::ClobberMemory();
  }
  state.counters["GFLOPS"] = benchmark::Counter(
      2e-9 * M * N * K * double(state.iterations()), benchmark::Counter::kIsRate);
  state.SetLabel("M=" + std::to_string(M) + " N=" + std::to_string(N) + " K=" + std::to_string(K));
}

// One convolution of CNN small: F filters over a patch of `patch` inputs, `pixels` outputs each;
// the GEMMs cover one chunk of images, as Conv2D runs them.
void conv_gemms(benchmark::State& state, int filters, int patch, int pixels) {
  const int cols = mnist::Conv2D::chunk_images(pixels) * pixels;
  switch (state.range(0)) {
    case 0: run_gemm(state, Trans::kNo, Trans::kNo, filters, cols, patch); break;     // Y = W·col
    case 1: run_gemm(state, Trans::kNo, Trans::kTrans, filters, patch, cols, true); break;  // dW
    default: run_gemm(state, Trans::kTrans, Trans::kNo, patch, cols, filters); break; // dcol = Wᵀ·dY
  }
}

void pass_names(benchmark::internal::Benchmark* b) {
  b->ArgName("forward_weightgrad_inputgrad")->DenseRange(0, 2);
}

void BM_ConvGemm1(benchmark::State& state) { conv_gemms(state, 8, 1 * 5 * 5, 24 * 24); }
void BM_ConvGemm2(benchmark::State& state) { conv_gemms(state, 16, 8 * 5 * 5, 8 * 8); }
BENCHMARK(BM_ConvGemm1)->Apply(pass_names);
BENCHMARK(BM_ConvGemm2)->Apply(pass_names);

}  // namespace
