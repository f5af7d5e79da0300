#include "core/layers/pool2d.h"

#include <algorithm>
#include <cstring>

#include "core/kernels/vector_ops.h"
#include "core/util/parallel.h"

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

void Pool2D::prepare(int max_batch) {  // grows only: no allocation once sized
  const std::size_t outputs = std::size_t(max_batch) * output_.size();
  if (mode_ == Mode::kMax && argmax_.size() < outputs) argmax_.resize(outputs);
  column_.resize(std::size_t(input_.width) * parallel::max_threads());
  column_row_.resize(std::size_t(input_.width) * parallel::max_threads());
}

// The planes (image, channel) of a batch are independent: threads take whole planes, each with
// its own row of column scratch.
void Pool2D::forward(const float* x, float* y, int batch, const PassContext&) {
  prepare(batch);
  parallel::for_ranges(batch * input_.channels, [&](int part, int first, int last) {
    for (int plane = first; plane < last; ++plane) forward_plane(x, y, plane, part);
  });
}

// Each output row pools `size_` input rows: first down the columns (SIMD across the row, see
// kernels::column_max/column_sum), then across each window's columns. The usual 2 x 2 max
// pooling does both in one SIMD pass (kernels::max_pool_2x2).
void Pool2D::forward_plane(const float* x, float* y, int plane, int part) {
  const int H = input_.height, W = input_.width, Ho = output_.height, Wo = output_.width;
  const float inv_area = 1.0f / float(size_ * size_);
  float* column = column_.data() + std::size_t(part) * W;
  float* column_row = column_row_.data() + std::size_t(part) * W;
  const float* in = x + std::size_t(plane) * H * W;
  const std::size_t in_image = std::size_t(plane % input_.channels) * H * W;  // plane's offset in its image
  const std::size_t out_base = std::size_t(plane) * Ho * Wo;
  for (int oy = 0; oy < Ho; ++oy) {
    const float* window_rows = in + std::size_t(oy) * stride_ * W;
    float* out = y + out_base + std::size_t(oy) * Wo;
    if (mode_ == Mode::kAverage) {
      kernels::column_sum(size_, W, W, window_rows, column);
      for (int ox = 0; ox < Wo; ++ox) {
        float total = 0;
        for (int kx = 0; kx < size_; ++kx) total += column[ox * stride_ + kx];
        out[ox] = total * inv_area;
      }
      continue;
    }
    std::int32_t* where = argmax_.data() + out_base + std::size_t(oy) * Wo;
    if (size_ == 2 && stride_ == 2) {  // the usual window, in one SIMD pass
      kernels::max_pool_2x2(Wo, window_rows, window_rows + W,
                            std::int32_t(in_image + std::size_t(oy) * 2 * W), W, out, where);
      continue;
    }
    kernels::column_max(size_, W, W, window_rows, column, column_row);
    // Branch-free (selects, not jumps): which column of a window wins is a coin toss to the
    // branch predictor, and its misses had made this loop a tenth of a CNN epoch.
    for (int ox = 0; ox < Wo; ++ox) {
      int best_x = ox * stride_;
      float best = column[best_x];
      for (int kx = 1; kx < size_; ++kx) {
        const float candidate = column[ox * stride_ + kx];
        const bool wins = candidate > best;  // a NaN never wins, as in column_max
        best = wins ? candidate : best;
        best_x = wins ? ox * stride_ + kx : best_x;
      }
      out[ox] = best;
      const int best_y = oy * stride_ + int(column_row[best_x]);
      where[ox] = std::int32_t(in_image + std::size_t(best_y) * W + best_x);
    }
  }
}

void Pool2D::backward(const float*, const float*, const float* dy, float* dx, int batch) {
  if (!dx) return;
  parallel::for_ranges(batch * input_.channels, [&](int part, int first, int last) {
    for (int plane = first; plane < last; ++plane) backward_plane(dy, dx, plane, part);
  });
}

void Pool2D::backward_plane(const float* dy, float* dx, int plane, int part) {
  const int H = input_.height, W = input_.width, Ho = output_.height, Wo = output_.width;
  float* dx_plane = dx + std::size_t(plane) * H * W;
  std::memset(dx_plane, 0, sizeof(float) * std::size_t(H) * W);
  const std::size_t out_base = std::size_t(plane) * Ho * Wo;
  if (mode_ == Mode::kMax) {  // a scatter: each output's gradient goes to its max
    // argmax_ holds positions within the image; this plane starts in_image floats into it.
    float* dx_image = dx_plane - std::size_t(plane % input_.channels) * H * W;
    for (int o = 0; o < Ho * Wo; ++o) dx_image[argmax_[out_base + o]] += dy[out_base + o];
    return;
  }
  // Average: spread each output's share across its window's columns, then add that row to
  // every row of the window (SIMD across the row).
  const float inv_area = 1.0f / float(size_ * size_);
  float* column = column_.data() + std::size_t(part) * W;
  for (int oy = 0; oy < Ho; ++oy) {
    std::fill(column, column + W, 0.0f);
    const float* g = dy + out_base + std::size_t(oy) * Wo;
    for (int ox = 0; ox < Wo; ++ox)
      for (int kx = 0; kx < size_; ++kx) column[ox * stride_ + kx] += g[ox] * inv_area;
    float* rows = dx_plane + std::size_t(oy) * stride_ * W;
    for (int ky = 0; ky < size_; ++ky) kernels::axpy(W, 1.0f, column, rows + std::size_t(ky) * W);
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
