#include "core/layers/activation.h"

#include <cstdio>

#include "core/kernels/vector_ops.h"

namespace mnist {

Activation::Activation(Shape shape, ActivationKind kind, float alpha) : kind_(kind), alpha_(alpha) {
  input_ = output_ = shape;
}

std::string Activation::spec() const {
  switch (kind_) {
    case ActivationKind::kReLU: return "relu";
    case ActivationKind::kLeakyReLU: {
      if (alpha_ == 0.01f) return "leaky_relu";
      char buf[48];
      std::snprintf(buf, sizeof buf, "leaky_relu:%g", alpha_);
      return buf;
    }
    case ActivationKind::kSigmoid: return "sigmoid";
    case ActivationKind::kTanh: return "tanh";
  }
  return "?";
}

std::string Activation::kind() const {
  switch (kind_) {
    case ActivationKind::kReLU: return "ReLU";
    case ActivationKind::kLeakyReLU: return "LeakyReLU";
    case ActivationKind::kSigmoid: return "Sigmoid";
    case ActivationKind::kTanh: return "Tanh";
  }
  return "?";
}

void Activation::forward(const float* x, float* y, int batch, const PassContext&) {
  const int n = batch * input_.size();
  switch (kind_) {
    case ActivationKind::kReLU: kernels::relu_forward(n, x, y); break;
    case ActivationKind::kLeakyReLU: kernels::leaky_relu_forward(n, alpha_, x, y); break;
    case ActivationKind::kSigmoid: kernels::sigmoid_forward(n, x, y); break;
    case ActivationKind::kTanh: kernels::tanh_forward(n, x, y); break;
  }
}

void Activation::backward(const float* x, const float* y, const float* dy, float* dx, int batch) {
  if (!dx) return;
  const int n = batch * input_.size();
  switch (kind_) {
    case ActivationKind::kReLU: kernels::relu_backward(n, x, dy, dx); break;
    case ActivationKind::kLeakyReLU: kernels::leaky_relu_backward(n, alpha_, x, dy, dx); break;
    case ActivationKind::kSigmoid: kernels::sigmoid_backward(n, y, dy, dx); break;
    case ActivationKind::kTanh: kernels::tanh_backward(n, y, dy, dx); break;
  }
}

}  // namespace mnist
