// Dense (fully connected) layer: every output neuron j sees every input i.
//   forward:   y = x · Wᵀ + b            x: (B, in)  W: (out, in)  b: (out)  y: (B, out)
//   backward:  dW = dyᵀ · x   (out, in)  — each weight's gradient summed over the batch
//              db = Σ_batch dy (out)
//              dx = dy · W    (B, in)
// Row j of W holds neuron j's incoming weights, so for a 784-input first layer each row is a
// 28x28 picture of what that neuron responds to.
#pragma once
#include "core/layers/layer.h"

namespace mnist {

class Dense : public Layer {
 public:
  Dense(Shape input, int units);

  std::string spec() const override;
  std::string kind() const override { return "Dense"; }
  std::size_t parameter_count() const override;
  void bind_parameters(float* params, float* grads) override;
  void initialize(Initializer init, Rng& rng) override;
  std::size_t decayed_offset() const override { return 0; }
  std::size_t decayed_count() const override;

  void forward(const float* x, float* y, int batch, const PassContext& ctx) override;
  void backward(const float* x, const float* y, const float* dy, float* dx, int batch) override;

  int inputs() const { return in_; }
  int units() const { return out_; }
  const float* weights() const { return w_; }  // (out, in)
  const float* bias() const { return b_; }     // (out)

 private:
  int in_, out_;
  float* w_ = nullptr;
  float* b_ = nullptr;
  float* dw_ = nullptr;
  float* db_ = nullptr;
};

}  // namespace mnist
