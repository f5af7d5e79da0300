// Times the GEMM kernel at a given shape, for benchmarks that cannot link Google Benchmark (the
// browser: `npm run bench:web` calls this through the bindings to report wasm GFLOP/s).
#pragma once
#include "core/kernels/gemm.h"

namespace mnist::kernels {

struct GemmTiming {
  double seconds_per_call = 0;
  double gflops = 0;  // 2·M·N·K floating-point operations per call
};

// Runs gemm(trans_a, trans_b, M, N, K) on seeded random data until at least min_seconds have
// passed (after one warm-up call).
GemmTiming time_gemm(Trans trans_a, Trans trans_b, int M, int N, int K, double min_seconds);

}  // namespace mnist::kernels
