// Element-wise and row-wise kernels of the engine's hot paths. Each has a *_reference twin with
// plain loops: the definition to read and the oracle in tests. Buffers may be unaligned; n, rows
// and cols may be any size (the SIMD versions handle tails). In-place use (y == x) is allowed
// where noted.
#pragma once
#include <cstdint>

namespace mnist::kernels {

// y[r][c] += bias[c] for a (rows, cols) row-major matrix.
void bias_add(int rows, int cols, const float* bias, float* y);
void bias_add_reference(int rows, int cols, const float* bias, float* y);

// y[i] = x[i] + a: a convolution's output plus its filter's bias.
void add_scalar(int n, float a, const float* x, float* y);
void add_scalar_reference(int n, float a, const float* x, float* y);

// z[i] = x[i] · y[i] (in place z == x or z == y allowed): dropout's mask.
void multiply(int n, const float* x, const float* y, float* z);
void multiply_reference(int n, const float* x, const float* y, float* z);

// db[c] = sum_r dy[r][c]  (overwrites db): the bias gradient.
void column_sums(int rows, int cols, const float* dy, float* db);
void column_sums_reference(int rows, int cols, const float* dy, float* db);

// Activations, forward: y = f(x) (in place allowed). Backward: dx = dy * f'(.) where f' is
// written in terms of what is cheapest: x for ReLU/LeakyReLU, y for sigmoid/tanh (in place
// dx == dy allowed).
void relu_forward(int n, const float* x, float* y);
void relu_backward(int n, const float* x, const float* dy, float* dx);
void leaky_relu_forward(int n, float alpha, const float* x, float* y);
void leaky_relu_backward(int n, float alpha, const float* x, const float* dy, float* dx);
void sigmoid_forward(int n, const float* x, float* y);
void sigmoid_backward(int n, const float* y, const float* dy, float* dx);
void tanh_forward(int n, const float* x, float* y);
void tanh_backward(int n, const float* y, const float* dy, float* dx);
void relu_forward_reference(int n, const float* x, float* y);
void relu_backward_reference(int n, const float* x, const float* dy, float* dx);
void leaky_relu_forward_reference(int n, float alpha, const float* x, float* y);
void leaky_relu_backward_reference(int n, float alpha, const float* x, const float* dy, float* dx);
void sigmoid_forward_reference(int n, const float* x, float* y);
void sigmoid_backward_reference(int n, const float* y, const float* dy, float* dx);
void tanh_forward_reference(int n, const float* x, float* y);
void tanh_backward_reference(int n, const float* y, const float* dy, float* dx);

// Row-wise softmax of a (rows, cols) matrix, numerically stable (subtracts each row's max).
void softmax_rows(int rows, int cols, const float* x, float* y);
void softmax_rows_reference(int rows, int cols, const float* x, float* y);
// Softmax backward for a general upstream gradient: dx = y * (dy - sum(dy * y)) per row.
void softmax_rows_backward(int rows, int cols, const float* y, const float* dy, float* dx);
void softmax_rows_backward_reference(int rows, int cols, const float* y, const float* dy, float* dx);

// Reductions.
float sum(int n, const float* x);
float sum_reference(int n, const float* x);
float dot(int n, const float* x, const float* y);
float dot_reference(int n, const float* x, const float* y);
float max_value(int n, const float* x);           // n >= 1
float max_value_reference(int n, const float* x);
// Index of the largest element (the first one on ties); n >= 1.
int argmax(int n, const float* x);
int argmax_reference(int n, const float* x);
// True when every element is finite (no NaN, no infinity).
bool all_finite(int n, const float* x);
bool all_finite_reference(int n, const float* x);

// y = a * x + y, and x *= a.
void axpy(int n, float a, const float* x, float* y);
void axpy_reference(int n, float a, const float* x, float* y);
void scale(int n, float a, float* x);
void scale_reference(int n, float a, float* x);

// The vertical pass of 2-D pooling, over `rows` input rows of `width` values lying `stride`
// floats apart (the pooling window's rows), SIMD across the row:
//   column_max: out[i] = max_r x[r·stride + i], and row[i] = the first r that attains it (as a
//               float); a NaN never wins, as in argmax
//   column_sum: out[i] = Σ_r x[r·stride + i], summed in row order
void column_max(int rows, int width, int stride, const float* x, float* out, float* row);
void column_max_reference(int rows, int width, int stride, const float* x, float* out, float* row);
void column_sum(int rows, int width, int stride, const float* x, float* out);
void column_sum_reference(int rows, int width, int stride, const float* x, float* out);
// 2 x 2 max pooling with stride 2 along one pair of rows, `top` and `bottom` (n outputs, 2n
// inputs each). Output i's window is top[2i], bottom[2i], top[2i + 1], bottom[2i + 1]; the
// bottom of a column wins only when larger than its top, and the right column only when larger
// than the left (so ties and NaNs go as in column_max and argmax: to the first). out[i] = the
// winner; where[i] = base + its row (0 top, 1 bottom) · width + its column (2i or 2i + 1).
void max_pool_2x2(int n, const float* top, const float* bottom, std::int32_t base,
                  std::int32_t width, float* out, std::int32_t* where);
void max_pool_2x2_reference(int n, const float* top, const float* bottom, std::int32_t base,
                            std::int32_t width, float* out, std::int32_t* where);

// Pixels to network input: dst[i] = src[i] * scale (bytes 0..255 -> floats).
void bytes_to_floats(int n, const std::uint8_t* src, float scale, float* dst);
void bytes_to_floats_reference(int n, const std::uint8_t* src, float scale, float* dst);

// Optimizer updates over a flat parameter block; g is the gradient (already including any weight
// decay term the caller added). All of them update p (and their state) in place.
//   SGD:       p -= lr * g
//   momentum:  v = mu * v + g;  p -= lr * v                      (nesterov: p -= lr * (g + mu * v))
//   Adam:      m = b1 m + (1-b1) g;  v = b2 v + (1-b2) g²;
//              p -= lr_t * (m / (sqrt(v) + eps_t))   with lr_t, eps_t carrying the bias correction
// Momentum and moments smaller in magnitude than kTinyState are stored as zero. A weight whose
// input is rarely non-zero (MNIST's border pixels) has its momentum shrink by mu every step into
// subnormal floats, which x86 cores compute 10-100x slower, in native code and in WebAssembly
// alike (it has no flush-to-zero mode). Below 1e-30 a moment moves no weight by a representable
// amount: lr * 1e-30 / (sqrt(v) + eps) is far under a float ulp of any non-tiny weight.
constexpr float kTinyState = 1e-30f;
void sgd_update(int n, float lr, const float* g, float* p);
void sgd_update_reference(int n, float lr, const float* g, float* p);
void momentum_update(int n, float lr, float mu, bool nesterov, const float* g, float* v, float* p);
void momentum_update_reference(int n, float lr, float mu, bool nesterov, const float* g, float* v,
                               float* p);
void adam_update(int n, float lr_t, float beta1, float beta2, float eps_t, const float* g,
                 float* m, float* v, float* p);
void adam_update_reference(int n, float lr_t, float beta1, float beta2, float eps_t,
                           const float* g, float* m, float* v, float* p);

}  // namespace mnist::kernels
