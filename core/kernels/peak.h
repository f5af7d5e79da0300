// The core's arithmetic ceiling at the kernels' SIMD width: independent multiply-add chains held
// in registers (no memory traffic), the most GFLOP/s any kernel of this build can reach on one
// thread. Benchmarks print it beside every GEMM figure (bench/conv_bench.cpp natively, the
// engine's timePeak in the browser). In WebAssembly a multiply-add is a multiply then an add, as
// in the kernels: wasm SIMD has no fused instruction browsers accept.
#pragma once

namespace mnist::kernels {

// Runs `steps` multiply-adds on each chain; returns the flops done (2 per lane per multiply-add).
double peak_multiply_adds(long steps);

struct PeakTiming {
  double gflops = 0;
  double seconds = 0;  // measured
};

// Repeats the chains for at least min_seconds on the calling thread.
PeakTiming time_peak(double min_seconds);

}  // namespace mnist::kernels
