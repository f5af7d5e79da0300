// The xsimd versions of the element-wise, row-wise and reduction kernels declared in vector_ops.h.
// Each kernel body is one generic lambda over its value type V: an xsimd batch in the main loop and
// a lone float in the tail, so both paths evaluate the same expression in the same order as the
// *_reference twin (vector_ops_reference.cpp); only sums may round differently (lane-wise order),
// and exp/tanh come from xsimd's vector approximations.
#include "core/kernels/vector_ops.h"

#include <cstdint>
#include <type_traits>

#include <xsimd/xsimd.hpp>

#include "core/kernels/simd_vec.h"  // MNIST_SCALAR_KERNELS

namespace mnist::kernels {
namespace {

// No SIMD instruction set: the "batch" is one float, so every loop below runs element by element
// through the same code. xsimd 13 claims its wasm architecture for every Emscripten build, so the
// WebAssembly build without -msimd128 is recognised by the missing __wasm_simd128__.
#if defined(XSIMD_NO_SUPPORTED_ARCHITECTURE) || (defined(__EMSCRIPTEN__) && !defined(__wasm_simd128__))
using Batch = float;
constexpr int kLanes = 1;
#else
using Batch = xsimd::batch<float>;
constexpr int kLanes = static_cast<int>(Batch::size);
#endif

template <class V>
V load_lanes(const float* p) {
  if constexpr (std::is_same_v<V, float>) return *p;
  else return V::load_unaligned(p);
}

template <class V>
V load_bytes_as_floats(const std::uint8_t* p) {
  if constexpr (std::is_same_v<V, float>) return static_cast<float>(*p);
  else return V::load_unaligned(p);  // xsimd widens the kLanes bytes to floats
}

template <class V>
void store_lanes(float* p, V v) {
  if constexpr (std::is_same_v<V, float>) *p = v;
  else v.store_unaligned(p);
}

// Calls body(V{}, i) for every full batch starting at i (V = Batch), then for every leftover
// element (V = float). The first argument only carries the type.
template <class Body>
void for_each_index(int n, Body body) {
  int i = 0;
  for (; i + kLanes <= n; i += kLanes) body(Batch{}, i);
  for (; i < n; ++i) body(0.0f, i);
}

// Reduction: every lane starts at init and folds step(acc, i) over the full batches; the lanes are
// then merged with combine(float, float) and the leftover elements folded one by one.
template <class Step, class Combine>
float fold(int n, float init, Step step, Combine combine) {
  Batch lanes(init);
  int i = 0;
  for (; i + kLanes <= n; i += kLanes) lanes = step(lanes, i);
  alignas(64) float lane_values[kLanes];
  store_lanes(lane_values, lanes);
  float acc = init;
  for (float lane : lane_values) acc = combine(acc, lane);
  for (; i < n; ++i) acc = step(acc, i);
  return acc;
}

// The reference's "if (candidate > best) best = candidate", lane-wise: a NaN candidate never wins.
template <class V>
V pick_greater(V candidate, V best) {
  return xsimd::select(candidate > best, candidate, best);
}

// The reference's "if (|x| < kTinyState) x = 0", lane-wise (NaN stays NaN).
template <class V>
V flush_tiny(V x) {
  return xsimd::select(xsimd::abs(x) < V(kTinyState), V(0.0f), x);
}

float add(float a, float b) { return a + b; }

}  // namespace

void bias_add(int rows, int cols, const float* bias, float* y) {
  for (int r = 0; r < rows; ++r) {
    float* yr = y + r * cols;
    for_each_index(cols, [&](auto tag, int c) {
      using V = decltype(tag);
      store_lanes(yr + c, load_lanes<V>(yr + c) + load_lanes<V>(bias + c));
    });
  }
}

void add_scalar(int n, float a, const float* x, float* y) {
  for_each_index(n, [&](auto tag, int i) {
    using V = decltype(tag);
    store_lanes(y + i, load_lanes<V>(x + i) + V(a));
  });
}

void multiply(int n, const float* x, const float* y, float* z) {
  for_each_index(n, [&](auto tag, int i) {
    using V = decltype(tag);
    store_lanes(z + i, load_lanes<V>(x + i) * load_lanes<V>(y + i));
  });
}

// Vectorised across columns, rows summed in order: the same additions as the reference.
void column_sums(int rows, int cols, const float* dy, float* db) {
  for_each_index(cols, [&](auto tag, int c) {
    using V = decltype(tag);
    V total(0.0f);
    for (int r = 0; r < rows; ++r) total += load_lanes<V>(dy + r * cols + c);
    store_lanes(db + c, total);
  });
}

void relu_forward(int n, const float* x, float* y) {
  for_each_index(n, [&](auto tag, int i) {
    using V = decltype(tag);
    const V xi = load_lanes<V>(x + i);
    store_lanes(y + i, xsimd::select(xi > V(0.0f), xi, V(0.0f)));
  });
}

void relu_backward(int n, const float* x, const float* dy, float* dx) {
  for_each_index(n, [&](auto tag, int i) {
    using V = decltype(tag);
    store_lanes(dx + i, xsimd::select(load_lanes<V>(x + i) > V(0.0f), load_lanes<V>(dy + i), V(0.0f)));
  });
}

void leaky_relu_forward(int n, float alpha, const float* x, float* y) {
  for_each_index(n, [&](auto tag, int i) {
    using V = decltype(tag);
    const V xi = load_lanes<V>(x + i);
    store_lanes(y + i, xsimd::select(xi > V(0.0f), xi, V(alpha) * xi));
  });
}

void leaky_relu_backward(int n, float alpha, const float* x, const float* dy, float* dx) {
  for_each_index(n, [&](auto tag, int i) {
    using V = decltype(tag);
    const V dyi = load_lanes<V>(dy + i);
    store_lanes(dx + i, xsimd::select(load_lanes<V>(x + i) > V(0.0f), dyi, V(alpha) * dyi));
  });
}

void sigmoid_forward(int n, const float* x, float* y) {
  for_each_index(n, [&](auto tag, int i) {
    using V = decltype(tag);
    store_lanes(y + i, V(1.0f) / (V(1.0f) + xsimd::exp(-load_lanes<V>(x + i))));
  });
}

void sigmoid_backward(int n, const float* y, const float* dy, float* dx) {
  for_each_index(n, [&](auto tag, int i) {
    using V = decltype(tag);
    const V yi = load_lanes<V>(y + i);
    store_lanes(dx + i, load_lanes<V>(dy + i) * (yi * (V(1.0f) - yi)));
  });
}

void tanh_forward(int n, const float* x, float* y) {
  for_each_index(n, [&](auto tag, int i) {
    using V = decltype(tag);
    store_lanes(y + i, xsimd::tanh(load_lanes<V>(x + i)));
  });
}

void tanh_backward(int n, const float* y, const float* dy, float* dx) {
  for_each_index(n, [&](auto tag, int i) {
    using V = decltype(tag);
    const V yi = load_lanes<V>(y + i);
    store_lanes(dx + i, load_lanes<V>(dy + i) * (V(1.0f) - yi * yi));
  });
}

void softmax_rows(int rows, int cols, const float* x, float* y) {
  if (cols <= 0) return;
  for (int r = 0; r < rows; ++r) {
    const float* xr = x + r * cols;
    float* yr = y + r * cols;
    const float row_max = max_value(cols, xr);
    for_each_index(cols, [&](auto tag, int c) {
      using V = decltype(tag);
      store_lanes(yr + c, xsimd::exp(load_lanes<V>(xr + c) - V(row_max)));
    });
    scale(cols, 1.0f / sum(cols, yr), yr);
  }
}

void softmax_rows_backward(int rows, int cols, const float* y, const float* dy, float* dx) {
  for (int r = 0; r < rows; ++r) {
    const float* yr = y + r * cols;
    const float* dyr = dy + r * cols;
    float* dxr = dx + r * cols;
    const float weighted = dot(cols, dyr, yr);
    for_each_index(cols, [&](auto tag, int c) {
      using V = decltype(tag);
      store_lanes(dxr + c, load_lanes<V>(yr + c) * (load_lanes<V>(dyr + c) - V(weighted)));
    });
  }
}

float sum(int n, const float* x) {
  return fold(
      n, 0.0f, [&](auto acc, int i) { return acc + load_lanes<decltype(acc)>(x + i); }, add);
}

float dot(int n, const float* x, const float* y) {
  return fold(
      n, 0.0f,
      [&](auto acc, int i) {
        using V = decltype(acc);
        return acc + load_lanes<V>(x + i) * load_lanes<V>(y + i);
      },
      add);
}

float max_value(int n, const float* x) {
  return fold(
      n, x[0], [&](auto best, int i) { return pick_greater(load_lanes<decltype(best)>(x + i), best); },
      pick_greater<float>);
}

// The first element equal to the maximum is the reference's answer. None matches only when x[0] is
// NaN (the maximum is then NaN), where the reference also answers 0.
int argmax(int n, const float* x) {
  const float best = max_value(n, x);
  for (int i = 0; i < n; ++i)
    if (x[i] == best) return i;
  return 0;
}

// x * 0 is 0 for finite x and NaN for NaN or infinity, so the sum of those stays 0 exactly when
// everything is finite: branch-free, no early exit needed.
bool all_finite(int n, const float* x) {
  const float poison = fold(
      n, 0.0f,
      [&](auto acc, int i) {
        using V = decltype(acc);
        return acc + load_lanes<V>(x + i) * V(0.0f);
      },
      add);
  return poison == 0.0f;
}

void axpy(int n, float a, const float* x, float* y) {
  for_each_index(n, [&](auto tag, int i) {
    using V = decltype(tag);
    store_lanes(y + i, load_lanes<V>(y + i) + V(a) * load_lanes<V>(x + i));
  });
}

void scale(int n, float a, float* x) {
  for_each_index(n, [&](auto tag, int i) {
    using V = decltype(tag);
    store_lanes(x + i, load_lanes<V>(x + i) * V(a));
  });
}

void bytes_to_floats(int n, const std::uint8_t* src, float scale, float* dst) {
  for_each_index(n, [&](auto tag, int i) {
    using V = decltype(tag);
    store_lanes(dst + i, load_bytes_as_floats<V>(src + i) * V(scale));
  });
}

void sgd_update(int n, float lr, const float* g, float* p) {
  for_each_index(n, [&](auto tag, int i) {
    using V = decltype(tag);
    store_lanes(p + i, load_lanes<V>(p + i) - V(lr) * load_lanes<V>(g + i));
  });
}

void momentum_update(int n, float lr, float mu, bool nesterov, const float* g, float* v, float* p) {
  for_each_index(n, [&](auto tag, int i) {
    using V = decltype(tag);
    const V gi = load_lanes<V>(g + i);
    const V vi = flush_tiny(V(mu) * load_lanes<V>(v + i) + gi);
    const V step = nesterov ? gi + V(mu) * vi : vi;
    store_lanes(v + i, vi);
    store_lanes(p + i, load_lanes<V>(p + i) - V(lr) * step);
  });
}

void adam_update(int n, float lr_t, float beta1, float beta2, float eps_t, const float* g,
                 float* m, float* v, float* p) {
  for_each_index(n, [&](auto tag, int i) {
    using V = decltype(tag);
    const V gi = load_lanes<V>(g + i);
    const V mi = flush_tiny(V(beta1) * load_lanes<V>(m + i) + V(1.0f - beta1) * gi);
    const V vi = flush_tiny(V(beta2) * load_lanes<V>(v + i) + V(1.0f - beta2) * gi * gi);
    store_lanes(m + i, mi);
    store_lanes(v + i, vi);
    store_lanes(p + i, load_lanes<V>(p + i) - V(lr_t) * (mi / (xsimd::sqrt(vi) + V(eps_t))));
  });
}

void column_max(int rows, int width, int stride, const float* x, float* out, float* row) {
  for_each_index(width, [&](auto v, int i) {
    using V = decltype(v);
    V best = load_lanes<V>(x + i);
    V best_row(0.0f);
    for (int r = 1; r < rows; ++r) {
      const V candidate = load_lanes<V>(x + r * stride + i);
      const auto wins = candidate > best;
      best = xsimd::select(wins, candidate, best);
      best_row = xsimd::select(wins, V(float(r)), best_row);
    }
    store_lanes(out + i, best);
    store_lanes(row + i, best_row);
  });
}

void column_sum(int rows, int width, int stride, const float* x, float* out) {
  for_each_index(width, [&](auto v, int i) {
    using V = decltype(v);
    V total = load_lanes<V>(x + i);
    for (int r = 1; r < rows; ++r) total += load_lanes<V>(x + r * stride + i);
    store_lanes(out + i, total);
  });
}

namespace {

// 2 x 2 pooling rows are short (12 outputs in CNN small's first layer, 4 in its second), so
// max_pool_2x2 takes 4 outputs a step where the machine has 4-lane vectors (SSE, NEON,
// WebAssembly): 16 AVX-512 lanes would leave every row to the tail.
#ifndef MNIST_SCALAR_KERNELS
using Quad = xsimd::make_sized_batch_t<float, 4>;

// Lane i of a shuffle of two batches takes lane 2i + Odd of their concatenation.
template <int Odd>
struct EveryOtherLane {
  static constexpr std::uint32_t get(std::uint32_t i, std::uint32_t) { return 2 * i + Odd; }
};
// Lane i holds 2i.
struct TwiceTheLane {
  static constexpr std::int32_t get(std::int32_t i, std::int32_t) { return 2 * i; }
};

// max_pool_2x2 over the outputs [0, n - n % lanes) with batches V; returns how many it did.
template <class V>
int max_pool_2x2_lanes(int n, const float* top, const float* bottom, std::int32_t base,
                         std::int32_t width, float* out, std::int32_t* where) {
  if constexpr (std::is_void_v<V>) {
    return 0;
  } else {
    using A = typename V::arch_type;
    using Ints = xsimd::batch<std::int32_t, A>;
    constexpr int kSize = int(V::size);
    constexpr auto kLeft = xsimd::make_batch_constant<std::uint32_t, A, EveryOtherLane<0>>();
    constexpr auto kRight = xsimd::make_batch_constant<std::uint32_t, A, EveryOtherLane<1>>();
    const Ints left_columns = xsimd::make_batch_constant<std::int32_t, A, TwiceTheLane>();
    int i = 0;
    for (; i + kSize <= n; i += kSize) {
      const V top_lo = V::load_unaligned(top + 2 * i);
      const V top_hi = V::load_unaligned(top + 2 * i + kSize);
      const V bottom_lo = V::load_unaligned(bottom + 2 * i);
      const V bottom_hi = V::load_unaligned(bottom + 2 * i + kSize);
      const V top_left = xsimd::shuffle(top_lo, top_hi, kLeft);
      const V top_right = xsimd::shuffle(top_lo, top_hi, kRight);
      const V bottom_left = xsimd::shuffle(bottom_lo, bottom_hi, kLeft);
      const V bottom_right = xsimd::shuffle(bottom_lo, bottom_hi, kRight);
      const auto left_bottom_wins = bottom_left > top_left;
      const auto right_bottom_wins = bottom_right > top_right;
      const V left = xsimd::select(left_bottom_wins, bottom_left, top_left);
      const V right = xsimd::select(right_bottom_wins, bottom_right, top_right);
      const auto right_wins = right > left;
      xsimd::select(right_wins, right, left).store_unaligned(out + i);
      const auto bottom_wins = (right_wins & right_bottom_wins) | (!right_wins & left_bottom_wins);
      const auto as_ints = [](auto mask) { return xsimd::batch_bool_cast<std::int32_t>(mask); };
      const Ints place = Ints(base + 2 * i) + left_columns +
                         xsimd::select(as_ints(right_wins), Ints(1), Ints(0)) +
                         xsimd::select(as_ints(bottom_wins), Ints(width), Ints(0));
      place.store_unaligned(where + i);
    }
    return i;
  }
}

int max_pool_2x2_vectors(int n, const float* top, const float* bottom, std::int32_t base,
                         std::int32_t width, float* out, std::int32_t* where) {
  return max_pool_2x2_lanes<Quad>(n, top, bottom, base, width, out, where);
}
#else
int max_pool_2x2_vectors(int, const float*, const float*, std::int32_t, std::int32_t, float*,
                         std::int32_t*) {
  return 0;  // no vectors: the plain loop does every output
}
#endif

}  // namespace

void max_pool_2x2(int n, const float* top, const float* bottom, std::int32_t base,
                  std::int32_t width, float* out, std::int32_t* where) {
  const int done = max_pool_2x2_vectors(n, top, bottom, base, width, out, where);
  max_pool_2x2_reference(n - done, top + 2 * done, bottom + 2 * done, base + 2 * done, width,
                         out + done, where + done);
}

}  // namespace mnist::kernels
