#include "core/layers/conv2d.h"

#include <algorithm>
#include <cstring>

#include "core/kernels/gemm.h"
#include "core/model/initializers.h"

namespace mnist {

using kernels::Trans;

Conv2D::Conv2D(Shape input, const Conv2DOptions& o) : options_(o) {
  input_ = input;
  int out_h, out_w;
  if (o.same_padding) {
    out_h = (input.height + o.stride - 1) / o.stride;
    out_w = (input.width + o.stride - 1) / o.stride;
    pad_top_ = std::max(0, ((out_h - 1) * o.stride + o.kernel_h - input.height) / 2);
    pad_left_ = std::max(0, ((out_w - 1) * o.stride + o.kernel_w - input.width) / 2);
  } else {
    out_h = (input.height - o.kernel_h) / o.stride + 1;
    out_w = (input.width - o.kernel_w) / o.stride + 1;
  }
  output_ = Shape{o.filters, out_h, out_w};
  patch_ = input.channels * o.kernel_h * o.kernel_w;
  pixels_ = out_h * out_w;
}

std::string Conv2D::spec() const {
  std::string s = "conv:" + std::to_string(options_.filters) + ":" +
                  std::to_string(options_.kernel_h) + "x" + std::to_string(options_.kernel_w);
  if (options_.stride != 1) s += ":s" + std::to_string(options_.stride);
  if (options_.same_padding) s += ":same";
  return s;
}

std::size_t Conv2D::parameter_count() const {
  return std::size_t(patch_) * options_.filters + options_.filters;
}

void Conv2D::bind_parameters(float* params, float* grads) {
  w_ = params;
  b_ = params + std::size_t(patch_) * options_.filters;
  dw_ = grads;
  db_ = grads + std::size_t(patch_) * options_.filters;
}

void Conv2D::initialize(Initializer init, Rng& rng) {
  // Each output sees C·Kh·Kw inputs; each input feeds F·Kh·Kw outputs.
  const int fan_in = patch_;
  const int fan_out = options_.filters * options_.kernel_h * options_.kernel_w;
  fill_weights(init, w_, std::size_t(patch_) * options_.filters, fan_in, fan_out, rng);
  for (int f = 0; f < options_.filters; ++f) b_[f] = 0.0f;
}

void Conv2D::prepare(int max_batch) {
  if (columns_.size() < std::size_t(max_batch) * patch_ * pixels_)
    columns_.resize(std::size_t(max_batch) * patch_ * pixels_);
  if (d_columns_.size() < std::size_t(patch_) * pixels_) d_columns_.resize(std::size_t(patch_) * pixels_);
}

void Conv2D::forward(const float* x, float* y, int batch, const PassContext&) {
  const int F = options_.filters;
  for (int b = 0; b < batch; ++b) {
    float* col = columns_.data() + std::size_t(b) * patch_ * pixels_;
    im2col(x + std::size_t(b) * input_.size(), input_, options_.kernel_h, options_.kernel_w,
           options_.stride, pad_top_, pad_left_, output_.height, output_.width, col);
    float* yb = y + std::size_t(b) * output_.size();
    for (int f = 0; f < F; ++f) std::fill(yb + std::size_t(f) * pixels_, yb + std::size_t(f + 1) * pixels_, b_[f]);
    kernels::gemm(Trans::kNo, Trans::kNo, F, pixels_, patch_, w_, patch_, col, pixels_, yb,
                  pixels_, true);
  }
}

void Conv2D::backward(const float*, const float*, const float* dy, float* dx, int batch) {
  const int F = options_.filters;
  for (int f = 0; f < F; ++f) db_[f] = 0.0f;
  for (int b = 0; b < batch; ++b) {
    const float* dyb = dy + std::size_t(b) * output_.size();
    const float* col = columns_.data() + std::size_t(b) * patch_ * pixels_;
    kernels::gemm(Trans::kNo, Trans::kTrans, F, patch_, pixels_, dyb, pixels_, col, pixels_, dw_,
                  patch_, /*accumulate=*/b > 0);
    for (int f = 0; f < F; ++f) {
      float s = 0;
      for (int p = 0; p < pixels_; ++p) s += dyb[std::size_t(f) * pixels_ + p];
      db_[f] += s;
    }
    if (dx) {
      kernels::gemm(Trans::kTrans, Trans::kNo, patch_, pixels_, F, w_, patch_, dyb, pixels_,
                    d_columns_.data(), pixels_, false);
      float* dxb = dx + std::size_t(b) * input_.size();
      std::memset(dxb, 0, sizeof(float) * input_.size());
      col2im(d_columns_.data(), input_, options_.kernel_h, options_.kernel_w, options_.stride,
             pad_top_, pad_left_, output_.height, output_.width, dxb);
    }
  }
}

namespace {

// The output columns [first, last) whose input column ox·stride + kx - pad_left lies inside
// [0, width): outside it the patch reads zero padding.
void valid_columns(int kx, int stride, int pad_left, int width, int out_w, int& first, int& last) {
  first = 0;
  while (first < out_w && first * stride + kx - pad_left < 0) ++first;
  last = out_w;
  while (last > first && (last - 1) * stride + kx - pad_left >= width) --last;
}

}  // namespace

void im2col(const float* x, Shape in, int kh, int kw, int stride, int pad_top, int pad_left,
            int out_h, int out_w, float* col) {
  for (int c = 0; c < in.channels; ++c)
    for (int ky = 0; ky < kh; ++ky)
      for (int kx = 0; kx < kw; ++kx) {
        float* row = col + (std::size_t(c * kh + ky) * kw + kx) * out_h * out_w;
        int first, last;
        valid_columns(kx, stride, pad_left, in.width, out_w, first, last);
        for (int oy = 0; oy < out_h; ++oy) {
          const int iy = oy * stride + ky - pad_top;
          float* out = row + std::size_t(oy) * out_w;
          if (iy < 0 || iy >= in.height) {
            std::fill(out, out + out_w, 0.0f);
            continue;
          }
          const float* src = x + (std::size_t(c) * in.height + iy) * in.width;
          const int shift = kx - pad_left;  // input column = ox·stride + shift
          std::fill(out, out + first, 0.0f);
          if (stride == 1 && last > first) {
            std::memcpy(out + first, src + first + shift, sizeof(float) * std::size_t(last - first));
          } else {
            for (int ox = first; ox < last; ++ox) out[ox] = src[ox * stride + shift];
          }
          std::fill(out + last, out + out_w, 0.0f);
        }
      }
}

void col2im(const float* col, Shape in, int kh, int kw, int stride, int pad_top, int pad_left,
            int out_h, int out_w, float* dx) {
  for (int c = 0; c < in.channels; ++c)
    for (int ky = 0; ky < kh; ++ky)
      for (int kx = 0; kx < kw; ++kx) {
        const float* row = col + (std::size_t(c * kh + ky) * kw + kx) * out_h * out_w;
        int first, last;
        valid_columns(kx, stride, pad_left, in.width, out_w, first, last);
        for (int oy = 0; oy < out_h; ++oy) {
          const int iy = oy * stride + ky - pad_top;
          if (iy < 0 || iy >= in.height) continue;
          float* dst = dx + (std::size_t(c) * in.height + iy) * in.width;
          const int shift = kx - pad_left;
          const float* src = row + std::size_t(oy) * out_w;
          for (int ox = first; ox < last; ++ox) dst[ox * stride + shift] += src[ox];
        }
      }
}

}  // namespace mnist
