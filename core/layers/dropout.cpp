#include "core/layers/dropout.h"

#include <cstdio>
#include <cstring>

#include "core/kernels/vector_ops.h"

namespace mnist {

Dropout::Dropout(Shape shape, float rate) : rate_(rate) { input_ = output_ = shape; }

std::string Dropout::spec() const {
  char buf[40];
  std::snprintf(buf, sizeof buf, "dropout:%.9g", double(rate_));
  return buf;
}

void Dropout::prepare(int max_batch) { mask_.resize(std::size_t(max_batch) * input_.size()); }

void Dropout::forward(const float* x, float* y, int batch, const PassContext& ctx) {
  const std::size_t n = std::size_t(batch) * input_.size();
  last_training_ = ctx.training && ctx.rng && rate_ > 0;
  if (!last_training_) {
    if (y != x) std::memcpy(y, x, sizeof(float) * n);
    return;
  }
  // The mask draws from the run's one RNG in order (a seed repeats it); applying it is SIMD.
  const float keep_scale = 1.0f / (1.0f - rate_);
  for (std::size_t i = 0; i < n; ++i) mask_[i] = ctx.rng->uniform() >= rate_ ? keep_scale : 0.0f;
  kernels::multiply(int(n), x, mask_.data(), y);
}

void Dropout::backward(const float*, const float*, const float* dy, float* dx, int batch) {
  if (!dx) return;
  const std::size_t n = std::size_t(batch) * input_.size();
  if (!last_training_) {
    std::memcpy(dx, dy, sizeof(float) * n);
    return;
  }
  kernels::multiply(int(n), dy, mask_.data(), dx);
}

}  // namespace mnist
