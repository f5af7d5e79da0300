// The *_reference twins of vector_ops.h: one plain loop per kernel, written to be read. They define
// the numeric semantics the xsimd versions in vector_ops.cpp follow, and are the tests' oracles.
#include <cmath>

#include "core/kernels/vector_ops.h"

namespace mnist::kernels {

namespace {
float flush_tiny(float x) { return std::abs(x) < kTinyState ? 0.0f : x; }
}  // namespace

void bias_add_reference(int rows, int cols, const float* bias, float* y) {
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c) y[r * cols + c] += bias[c];
}

void add_scalar_reference(int n, float a, const float* x, float* y) {
  for (int i = 0; i < n; ++i) y[i] = x[i] + a;
}

void multiply_reference(int n, const float* x, const float* y, float* z) {
  for (int i = 0; i < n; ++i) z[i] = x[i] * y[i];
}

void column_sums_reference(int rows, int cols, const float* dy, float* db) {
  for (int c = 0; c < cols; ++c) {
    float total = 0.0f;
    for (int r = 0; r < rows; ++r) total += dy[r * cols + c];
    db[c] = total;
  }
}

void relu_forward_reference(int n, const float* x, float* y) {
  for (int i = 0; i < n; ++i) y[i] = x[i] > 0.0f ? x[i] : 0.0f;
}

void relu_backward_reference(int n, const float* x, const float* dy, float* dx) {
  for (int i = 0; i < n; ++i) dx[i] = x[i] > 0.0f ? dy[i] : 0.0f;
}

void leaky_relu_forward_reference(int n, float alpha, const float* x, float* y) {
  for (int i = 0; i < n; ++i) y[i] = x[i] > 0.0f ? x[i] : alpha * x[i];
}

void leaky_relu_backward_reference(int n, float alpha, const float* x, const float* dy, float* dx) {
  for (int i = 0; i < n; ++i) dx[i] = x[i] > 0.0f ? dy[i] : alpha * dy[i];
}

// 1 / (1 + e^-x) saturates cleanly in float: e^-x overflows to inf (y = 0) or underflows to 0 (y = 1).
void sigmoid_forward_reference(int n, const float* x, float* y) {
  for (int i = 0; i < n; ++i) y[i] = 1.0f / (1.0f + std::exp(-x[i]));
}

void sigmoid_backward_reference(int n, const float* y, const float* dy, float* dx) {
  for (int i = 0; i < n; ++i) dx[i] = dy[i] * (y[i] * (1.0f - y[i]));
}

void tanh_forward_reference(int n, const float* x, float* y) {
  for (int i = 0; i < n; ++i) y[i] = std::tanh(x[i]);
}

void tanh_backward_reference(int n, const float* y, const float* dy, float* dx) {
  for (int i = 0; i < n; ++i) dx[i] = dy[i] * (1.0f - y[i] * y[i]);
}

void softmax_rows_reference(int rows, int cols, const float* x, float* y) {
  if (cols <= 0) return;
  for (int r = 0; r < rows; ++r) {
    const float* xr = x + r * cols;
    float* yr = y + r * cols;
    float row_max = xr[0];
    for (int c = 1; c < cols; ++c)
      if (xr[c] > row_max) row_max = xr[c];
    float total = 0.0f;
    for (int c = 0; c < cols; ++c) {
      yr[c] = std::exp(xr[c] - row_max);
      total += yr[c];
    }
    const float inv_total = 1.0f / total;
    for (int c = 0; c < cols; ++c) yr[c] *= inv_total;
  }
}

void softmax_rows_backward_reference(int rows, int cols, const float* y, const float* dy, float* dx) {
  for (int r = 0; r < rows; ++r) {
    const float* yr = y + r * cols;
    const float* dyr = dy + r * cols;
    float* dxr = dx + r * cols;
    float weighted = 0.0f;
    for (int c = 0; c < cols; ++c) weighted += dyr[c] * yr[c];
    for (int c = 0; c < cols; ++c) dxr[c] = yr[c] * (dyr[c] - weighted);
  }
}

float sum_reference(int n, const float* x) {
  float total = 0.0f;
  for (int i = 0; i < n; ++i) total += x[i];
  return total;
}

float dot_reference(int n, const float* x, const float* y) {
  float total = 0.0f;
  for (int i = 0; i < n; ++i) total += x[i] * y[i];
  return total;
}

// NaNs are skipped (never compare greater), unless x[0] is one: then the result is NaN.
float max_value_reference(int n, const float* x) {
  float best = x[0];
  for (int i = 1; i < n; ++i)
    if (x[i] > best) best = x[i];
  return best;
}

int argmax_reference(int n, const float* x) {
  int best = 0;
  for (int i = 1; i < n; ++i)
    if (x[i] > x[best]) best = i;
  return best;
}

bool all_finite_reference(int n, const float* x) {
  for (int i = 0; i < n; ++i)
    if (!std::isfinite(x[i])) return false;
  return true;
}

void axpy_reference(int n, float a, const float* x, float* y) {
  for (int i = 0; i < n; ++i) y[i] += a * x[i];
}

void scale_reference(int n, float a, float* x) {
  for (int i = 0; i < n; ++i) x[i] *= a;
}

void bytes_to_floats_reference(int n, const std::uint8_t* src, float scale, float* dst) {
  for (int i = 0; i < n; ++i) dst[i] = static_cast<float>(src[i]) * scale;
}

void sgd_update_reference(int n, float lr, const float* g, float* p) {
  for (int i = 0; i < n; ++i) p[i] -= lr * g[i];
}

void momentum_update_reference(int n, float lr, float mu, bool nesterov, const float* g, float* v,
                               float* p) {
  for (int i = 0; i < n; ++i) {
    v[i] = flush_tiny(mu * v[i] + g[i]);
    p[i] -= lr * (nesterov ? g[i] + mu * v[i] : v[i]);
  }
}

void adam_update_reference(int n, float lr_t, float beta1, float beta2, float eps_t,
                           const float* g, float* m, float* v, float* p) {
  for (int i = 0; i < n; ++i) {
    m[i] = flush_tiny(beta1 * m[i] + (1.0f - beta1) * g[i]);
    v[i] = flush_tiny(beta2 * v[i] + (1.0f - beta2) * g[i] * g[i]);
    p[i] -= lr_t * (m[i] / (std::sqrt(v[i]) + eps_t));
  }
}

void column_max_reference(int rows, int width, int stride, const float* x, float* out,
                          float* row) {
  for (int i = 0; i < width; ++i) {
    float best = x[i];
    int best_row = 0;
    for (int r = 1; r < rows; ++r)
      if (x[r * stride + i] > best) best = x[r * stride + i], best_row = r;
    out[i] = best;
    row[i] = float(best_row);
  }
}

void max_pool_2x2_reference(int n, const float* top, const float* bottom, std::int32_t base,
                            std::int32_t width, float* out, std::int32_t* where) {
  for (int i = 0; i < n; ++i) {
    const int left = 2 * i, right = 2 * i + 1;
    // Down each column first (the bottom wins only if larger), then across.
    float left_best = top[left], right_best = top[right];
    int left_row = 0, right_row = 0;
    if (bottom[left] > left_best) left_best = bottom[left], left_row = 1;
    if (bottom[right] > right_best) right_best = bottom[right], right_row = 1;
    const bool right_wins = right_best > left_best;
    out[i] = right_wins ? right_best : left_best;
    where[i] = base + (right_wins ? right_row : left_row) * width + (right_wins ? right : left);
  }
}

void column_sum_reference(int rows, int width, int stride, const float* x, float* out) {
  for (int i = 0; i < width; ++i) {
    float total = x[i];
    for (int r = 1; r < rows; ++r) total += x[r * stride + i];
    out[i] = total;
  }
}

}  // namespace mnist::kernels
