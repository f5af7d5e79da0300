// Softmax: turns a row of scores (logits) into probabilities that sum to 1.
//   y_k = e^(x_k - m) / Σ_j e^(x_j - m),   m = max_j x_j (subtracting m changes nothing
//   mathematically but keeps e^(.) from overflowing)
//   backward (general): dx_k = y_k (dy_k - Σ_j dy_j y_j)
// Followed by cross-entropy, the trainer skips this backward and uses the fused, exact
// gradient dL/dx = (y - target) / B instead (see core/train/loss.h).
#pragma once
#include "core/layers/layer.h"

namespace mnist {

class Softmax : public Layer {
 public:
  explicit Softmax(Shape shape);
  std::string spec() const override { return "softmax"; }
  std::string kind() const override { return "Softmax"; }
  void forward(const float* x, float* y, int batch, const PassContext& ctx) override;
  void backward(const float* x, const float* y, const float* dy, float* dx, int batch) override;
};

}  // namespace mnist
