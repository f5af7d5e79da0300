// Each build of the suite runs the kernels it claims: simd_arch_name() names the architecture the
// kernels were compiled for, and it must be the one this build's compiler flags select. The suite
// is built for several widths (native, SSE2, scalar, wasm SIMD, wasm scalar: scripts/test.sh), and
// this is what tells them apart.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include <xsimd/xsimd.hpp>

#include "core/kernels/gemm.h"

namespace {

// What the kernels' own switch (core/kernels/gemm.cpp, vector_ops.cpp) selects for these flags.
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

}  // namespace
