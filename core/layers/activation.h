// Element-wise activation layers: y = f(x), dx = dy * f'(x), each neuron on its own.
//   relu        f(x) = max(0, x)                   f'(x) = 1 if x > 0 else 0
//   leaky_relu  f(x) = x if x > 0 else αx          f'(x) = 1 if x > 0 else α   (α = 0.01 default)
//   sigmoid     f(x) = 1 / (1 + e^-x)              f'(x) = y (1 - y)
//   tanh        f(x) = tanh(x)                     f'(x) = 1 - y²
// Without a non-linearity between them, stacked Dense layers collapse into one linear map.
#pragma once
#include "core/layers/layer.h"
#include "core/util/result.h"

namespace mnist {

enum class ActivationKind { kReLU, kLeakyReLU, kSigmoid, kTanh };

class Activation : public Layer {
 public:
  Activation(Shape shape, ActivationKind kind, float alpha = 0.01f);

  std::string spec() const override;
  std::string kind() const override;
  ActivationKind activation() const { return kind_; }

  void forward(const float* x, float* y, int batch, const PassContext& ctx) override;
  void backward(const float* x, const float* y, const float* dy, float* dx, int batch) override;

 private:
  ActivationKind kind_;
  float alpha_;
};

}  // namespace mnist
