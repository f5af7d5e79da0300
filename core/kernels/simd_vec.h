// The kernels' one architecture switch (internal to core/kernels): Vec is xsimd's widest float
// batch for the build's flags, or a plain float in the scalar engine (WebAssembly without
// -msimd128, or a target xsimd does not know), so every kernel runs the same loops with one-float
// "vectors" there. xsimd 13 claims its wasm architecture for every Emscripten build, hence the
// explicit __wasm_simd128__ test.
#pragma once
#include <xsimd/xsimd.hpp>

#if defined(XSIMD_NO_SUPPORTED_ARCHITECTURE) || (defined(__EMSCRIPTEN__) && !defined(__wasm_simd128__))
#define MNIST_SCALAR_KERNELS 1
#endif

namespace mnist::kernels::simd {

#ifdef MNIST_SCALAR_KERNELS
using Vec = float;
constexpr int kLanes = 1;
inline const char* arch_name() { return "scalar"; }
inline Vec load_vec(const float* p) { return *p; }
inline void store_vec(float* p, Vec v) { *p = v; }
inline Vec mul_add(Vec a, Vec b, Vec c) { return a * b + c; }  // not std::fma: a call in wasm
inline float lane_sum(Vec v) { return v; }
#else
using Vec = xsimd::batch<float>;
constexpr int kLanes = static_cast<int>(Vec::size);
inline const char* arch_name() { return xsimd::default_arch::name(); }
inline Vec load_vec(const float* p) { return Vec::load_unaligned(p); }
inline void store_vec(float* p, Vec v) { v.store_unaligned(p); }
inline Vec mul_add(Vec a, Vec b, Vec c) { return xsimd::fma(a, b, c); }  // wasm: mul, then add
inline float lane_sum(Vec v) { return xsimd::reduce_add(v); }
#endif

}  // namespace mnist::kernels::simd
