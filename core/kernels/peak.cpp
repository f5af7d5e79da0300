#include "core/kernels/peak.h"

#include <chrono>

#include "core/kernels/simd_vec.h"

namespace mnist::kernels {
namespace {

// Enough chains to cover a multiply-add's latency (4 cycles) on two ports, with room to spare,
// and few enough (plus two constants) for 16 registers.
constexpr int kChains = 12;
volatile float sink;  // keeps the chains' results alive

}  // namespace

double peak_multiply_adds(long steps) {
  using simd::Vec;
  Vec acc[kChains];
  for (int c = 0; c < kChains; ++c) acc[c] = Vec(float(c));
  const Vec a(0.999f), b(1e-3f);  // each chain converges to 1: no overflow however long it runs
  for (long s = 0; s < steps; ++s)
    for (auto& chain : acc) chain = simd::mul_add(chain, a, b);
  Vec total(0.0f);
  for (const Vec& chain : acc) total += chain;
  sink = simd::lane_sum(total);
  return 2.0 * kChains * simd::kLanes * double(steps);
}

PeakTiming time_peak(double min_seconds) {
  using Clock = std::chrono::steady_clock;
  constexpr long kSteps = 1 << 16;
  peak_multiply_adds(kSteps);  // warm up
  const auto start = Clock::now();
  double flops = 0, elapsed = 0;
  do {
    flops += peak_multiply_adds(kSteps);
    elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  } while (elapsed < min_seconds);
  return {flops / elapsed * 1e-9, elapsed};
}

}  // namespace mnist::kernels
