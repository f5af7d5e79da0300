// 2-D pooling over P×P windows with stride S (default S = P), channel by channel.
//   max:  y = max over the window      backward: dy goes to the input that was the max (ties:
//                                      the leftmost column, then the top row), the others get 0
//   avg:  y = mean over the window     backward: each input of the window gets dy / (P·P)
// Output size: Ho = (H - P) / S + 1 (windows that would hang over the edge are dropped).
// Pooling halves the resolution, so later layers see larger parts of the digit for less work.
#pragma once
#include <cstdint>
#include <vector>

#include "core/layers/layer.h"

namespace mnist {

class Pool2D : public Layer {
 public:
  enum class Mode { kMax, kAverage };
  Pool2D(Shape input, Mode mode, int size, int stride);

  std::string spec() const override;
  std::string kind() const override { return mode_ == Mode::kMax ? "MaxPool2D" : "AvgPool2D"; }
  void prepare(int max_batch) override;
  std::size_t workspace_bytes() const override {
    return argmax_.capacity() * sizeof(std::int32_t) +
           (column_.capacity() + column_row_.capacity()) * sizeof(float);
  }
  void forward(const float* x, float* y, int batch, const PassContext& ctx) override;
  void backward(const float* x, const float* y, const float* dy, float* dx, int batch) override;

  Mode mode() const { return mode_; }
  // Max pooling: for each output of the last forward pass, (batch, output size), the index of
  // the input it took within its example; nullptr for average pooling.
  const std::int32_t* max_positions() const {
    return mode_ == Mode::kMax ? argmax_.data() : nullptr;
  }

 private:
  Mode mode_;
  int size_, stride_;
  std::vector<std::int32_t> argmax_;  // (batch, output size): input index of each max
  // Per thread (max_threads() rows of the input's width): one output row's column maxima or
  // sums, and the window row each column maximum came from.
  std::vector<float> column_;
  std::vector<float> column_row_;

  // One (image, channel) plane of the batch, numbered image · channels + channel; part: the
  // thread's scratch row.
  void forward_plane(const float* x, float* y, int plane, int part);
  void backward_plane(const float* dy, float* dx, int plane, int part);
};

// Flatten: (C, H, W) -> (C·H·W). The memory is already laid out that way; only the shape changes.
class Flatten : public Layer {
 public:
  explicit Flatten(Shape input);
  std::string spec() const override { return "flatten"; }
  std::string kind() const override { return "Flatten"; }
  void forward(const float* x, float* y, int batch, const PassContext& ctx) override;
  void backward(const float* x, const float* y, const float* dy, float* dx, int batch) override;
};

}  // namespace mnist
