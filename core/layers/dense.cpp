#include "core/layers/dense.h"

#include "core/kernels/gemm.h"
#include "core/kernels/vector_ops.h"
#include "core/model/initializers.h"

namespace mnist {

using kernels::Trans;

Dense::Dense(Shape input, int units) : in_(input.size()), out_(units) {
  input_ = input;
  output_ = Shape{units, 1, 1};
}

std::string Dense::spec() const { return "dense:" + std::to_string(out_); }

std::size_t Dense::parameter_count() const { return std::size_t(out_) * in_ + out_; }
std::size_t Dense::decayed_count() const { return std::size_t(out_) * in_; }

void Dense::bind_parameters(float* params, float* grads) {
  w_ = params;
  b_ = params + std::size_t(out_) * in_;
  dw_ = grads;
  db_ = grads + std::size_t(out_) * in_;
}

void Dense::initialize(Initializer init, Rng& rng) {
  fill_weights(init, w_, std::size_t(out_) * in_, /*fan_in=*/in_, /*fan_out=*/out_, rng);
  for (int j = 0; j < out_; ++j) b_[j] = 0.0f;  // biases start at zero whatever the scheme
}

void Dense::forward(const float* x, float* y, int batch, const PassContext&) {
  kernels::gemm(Trans::kNo, Trans::kTrans, batch, out_, in_, x, in_, w_, in_, y, out_, false);
  kernels::bias_add(batch, out_, b_, y);
}

void Dense::backward(const float* x, const float*, const float* dy, float* dx, int batch) {
  kernels::gemm(Trans::kTrans, Trans::kNo, out_, in_, batch, dy, out_, x, in_, dw_, in_, false);
  kernels::column_sums(batch, out_, dy, db_);
  if (dx) kernels::gemm(Trans::kNo, Trans::kNo, batch, in_, out_, dy, out_, w_, in_, dx, in_, false);
}

}  // namespace mnist
