// Layer: one step of a Sequential model, with its forward pass and its backward pass side by side.
//
// Activations flow as row-major (batch, features) matrices; image layers read the same memory as
// (batch, channels, height, width), described by Shape. A layer never allocates in forward() or
// backward(): scratch is sized once in prepare(max_batch), parameters and their gradients are
// views into the model's one aligned block (bind_parameters).
//
// Backward contract: given the layer's input x, its output y and dL/dy, the layer
//   - overwrites the gradients of its parameters with dL/dθ (summed over the batch), and
//   - writes dL/dx into dx, unless dx is nullptr (the first layer: nobody needs it).
#pragma once
#include <cstddef>
#include <string>

#include "core/util/rng.h"

namespace mnist {

// Per-example shape: (channels, height, width); a plain vector of n features is (n, 1, 1).
struct Shape {
  int channels = 1, height = 1, width = 1;
  int size() const { return channels * height * width; }
  bool operator==(const Shape& o) const {
    return channels == o.channels && height == o.height && width == o.width;
  }
};

enum class Initializer {
  kZeros, kUniform, kNormal, kGlorotUniform, kGlorotNormal, kHeUniform, kHeNormal, kNormalLarge
};

// What a pass needs besides the data: training or evaluation mode, and the run's RNG (dropout).
struct PassContext {
  bool training = false;
  Rng* rng = nullptr;
};

class Layer {
 public:
  virtual ~Layer() = default;

  // The spec token this layer was made from, e.g. "dense:256" or "relu".
  virtual std::string spec() const = 0;
  // A short human-readable kind, e.g. "Dense", "ReLU".
  virtual std::string kind() const = 0;

  Shape input_shape() const { return input_; }
  Shape output_shape() const { return output_; }

  virtual std::size_t parameter_count() const { return 0; }
  // params/grads point at parameter_count() floats each inside the model's aligned blocks.
  virtual void bind_parameters(float* params, float* grads) {}
  virtual void initialize(Initializer init, Rng& rng) {}
  // Parameters that weight decay applies to (weights, not biases), as [offset, offset + count)
  // inside this layer's block.
  virtual std::size_t decayed_offset() const { return 0; }
  virtual std::size_t decayed_count() const { return 0; }

  // Sizes scratch for batches of up to max_batch examples.
  virtual void prepare(int max_batch) {}
  // Bytes of the scratch the layer holds now (im2col columns, pooling indices, dropout masks), as
  // allocated: what core/train/memory_budget.h must not underestimate.
  virtual std::size_t workspace_bytes() const { return 0; }

  // x: (batch, input size) -> y: (batch, output size)
  virtual void forward(const float* x, float* y, int batch, const PassContext& ctx) = 0;
  virtual void backward(const float* x, const float* y, const float* dy, float* dx,
                        int batch) = 0;

 protected:
  Shape input_, output_;
};

}  // namespace mnist
