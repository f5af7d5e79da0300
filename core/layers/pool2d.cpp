#include "core/layers/pool2d.h"

#include <cstring>

namespace mnist {

Pool2D::Pool2D(Shape input, Mode mode, int size, int stride)
    : mode_(mode), size_(size), stride_(stride) {
  input_ = input;
  output_ = Shape{input.channels, (input.height - size) / stride + 1,
                  (input.width - size) / stride + 1};
}

std::string Pool2D::spec() const {
  std::string s = (mode_ == Mode::kMax ? "maxpool:" : "avgpool:") + std::to_string(size_);
  if (stride_ != size_) s += ":s" + std::to_string(stride_);
  return s;
}

void Pool2D::prepare(int max_batch) {
  if (mode_ == Mode::kMax) argmax_.resize(std::size_t(max_batch) * output_.size());
}

void Pool2D::forward(const float* x, float* y, int batch, const PassContext&) {
  const int H = input_.height, W = input_.width, Ho = output_.height, Wo = output_.width;
  const float inv_area = 1.0f / float(size_ * size_);
  for (int b = 0; b < batch; ++b)
    for (int c = 0; c < input_.channels; ++c) {
      const std::size_t in_base = (std::size_t(b) * input_.channels + c) * H * W;
      const std::size_t out_base = (std::size_t(b) * input_.channels + c) * Ho * Wo;
      for (int oy = 0; oy < Ho; ++oy)
        for (int ox = 0; ox < Wo; ++ox) {
          const std::size_t first = in_base + std::size_t(oy * stride_) * W + ox * stride_;
          float best = x[first], total = 0;
          std::size_t best_at = first;
          for (int ky = 0; ky < size_; ++ky)
            for (int kx = 0; kx < size_; ++kx) {
              const std::size_t at = first + std::size_t(ky) * W + kx;
              total += x[at];
              if (x[at] > best) best = x[at], best_at = at;
            }
          const std::size_t o = out_base + std::size_t(oy) * Wo + ox;
          if (mode_ == Mode::kMax) {
            y[o] = best;
            argmax_[o] = std::int32_t(best_at - std::size_t(b) * input_.size());
          } else {
            y[o] = total * inv_area;
          }
        }
    }
}

void Pool2D::backward(const float*, const float*, const float* dy, float* dx, int batch) {
  if (!dx) return;
  std::memset(dx, 0, sizeof(float) * std::size_t(batch) * input_.size());
  const int W = input_.width, Ho = output_.height, Wo = output_.width;
  const float inv_area = 1.0f / float(size_ * size_);
  for (int b = 0; b < batch; ++b) {
    float* dxb = dx + std::size_t(b) * input_.size();
    const std::size_t out_base = std::size_t(b) * output_.size();
    if (mode_ == Mode::kMax) {
      for (int o = 0; o < output_.size(); ++o) dxb[argmax_[out_base + o]] += dy[out_base + o];
      continue;
    }
    for (int c = 0; c < input_.channels; ++c)
      for (int oy = 0; oy < Ho; ++oy)
        for (int ox = 0; ox < Wo; ++ox) {
          const float g = dy[out_base + (std::size_t(c) * Ho + oy) * Wo + ox] * inv_area;
          float* first = dxb + (std::size_t(c) * input_.height + oy * stride_) * W + ox * stride_;
          for (int ky = 0; ky < size_; ++ky)
            for (int kx = 0; kx < size_; ++kx) first[std::size_t(ky) * W + kx] += g;
        }
  }
}

Flatten::Flatten(Shape input) {
  input_ = input;
  output_ = Shape{input.size(), 1, 1};
}

void Flatten::forward(const float* x, float* y, int batch, const PassContext&) {
  std::memcpy(y, x, sizeof(float) * std::size_t(batch) * input_.size());
}

void Flatten::backward(const float*, const float*, const float* dy, float* dx, int batch) {
  if (dx) std::memcpy(dx, dy, sizeof(float) * std::size_t(batch) * input_.size());
}

}  // namespace mnist
