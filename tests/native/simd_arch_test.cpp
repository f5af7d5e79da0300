// Each build of the suite runs the kernels it claims: simd_arch_name() names the architecture the
// kernels were compiled for, and it must be the one this build's compiler flags select. The suite
// is built for several widths (native, SSE2, scalar, wasm SIMD, wasm scalar: scripts/test.sh), and
// this is what tells them apart.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include <xsimd/xsimd.hpp>

#include "core/kernels/gemm.h"
#include "core/kernels/peak.h"

namespace {

// What the kernels' own switch (core/kernels/simd_vec.h, vector_ops.cpp) selects for these flags.
std::string expected_arch() {
#if defined(__EMSCRIPTEN__) && defined(__wasm_simd128__)
  return "wasm";  // xsimd's WebAssembly SIMD128 kernels, 4 float lanes
#elif defined(__EMSCRIPTEN__) || defined(XSIMD_NO_SUPPORTED_ARCHITECTURE)
  return "scalar";  // one float per "vector"
#else
  return xsimd::default_arch::name();  // the best architecture -march enables
#endif
}

TEST(SimdArch, NamesTheArchitectureThisBuildSelects) {
  const std::string arch = mnist::kernels::simd_arch_name();
  EXPECT_EQ(arch, expected_arch());
  RecordProperty("simd_arch", arch);
  std::printf("[ simd arch ] %s\n", arch.c_str());
}

TEST(SimdArch, LanesAreThoseOfTheArchitecture) {
  const std::string arch = mnist::kernels::simd_arch_name();
  int lanes = 1;
#if !defined(__EMSCRIPTEN__) && !defined(XSIMD_NO_SUPPORTED_ARCHITECTURE)
  lanes = int(xsimd::batch<float>::size);
#elif defined(__wasm_simd128__)
  lanes = 4;
#endif
  EXPECT_EQ(mnist::kernels::simd_lanes(), lanes) << arch;
}

// The peak loop counts what it does (12 chains of multiply-adds, 2 flops per lane each) and its
// timing is a finite, positive rate.
TEST(SimdArch, PeakLoopCountsItsFlopsAndTimesThem) {
  EXPECT_EQ(mnist::kernels::peak_multiply_adds(1000), 2.0 * 12 * mnist::kernels::simd_lanes() * 1000);
  const mnist::kernels::PeakTiming peak = mnist::kernels::time_peak(0.02);
  EXPECT_GE(peak.seconds, 0.02);
  EXPECT_GT(peak.gflops, 0.0);
  EXPECT_LT(peak.gflops, 1e5);
  std::printf("[ peak ] %.1f GFLOP/s on one thread\n", peak.gflops);
}

}  // namespace
