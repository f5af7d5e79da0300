#include "core/layers/activation.h"

#include <cstdio>

#include "core/kernels/vector_ops.h"
#include "core/util/parallel.h"

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

// Element-wise passes shorter than this stay on one thread.
constexpr std::size_t kParallelGrain = 16 * 1024;

void Activation::forward(const float* x, float* y, int batch, const PassContext&) {
  parallel::for_elements(std::size_t(batch) * input_.size(), kParallelGrain,
                         [&](std::size_t begin, std::size_t end) {
    const int n = int(end - begin);
    const float* xs = x + begin;
    float* ys = y + begin;
    switch (kind_) {
      case ActivationKind::kReLU: kernels::relu_forward(n, xs, ys); break;
      case ActivationKind::kLeakyReLU: kernels::leaky_relu_forward(n, alpha_, xs, ys); break;
      case ActivationKind::kSigmoid: kernels::sigmoid_forward(n, xs, ys); break;
      case ActivationKind::kTanh: kernels::tanh_forward(n, xs, ys); break;
    }
  });
}

void Activation::backward(const float* x, const float* y, const float* dy, float* dx, int batch) {
  if (!dx) return;
  parallel::for_elements(std::size_t(batch) * input_.size(), kParallelGrain,
                         [&](std::size_t begin, std::size_t end) {
    const int n = int(end - begin);
    switch (kind_) {
      case ActivationKind::kReLU: kernels::relu_backward(n, x + begin, dy + begin, dx + begin); break;
      case ActivationKind::kLeakyReLU:
        kernels::leaky_relu_backward(n, alpha_, x + begin, dy + begin, dx + begin);
        break;
      case ActivationKind::kSigmoid:
        kernels::sigmoid_backward(n, y + begin, dy + begin, dx + begin);
        break;
      case ActivationKind::kTanh: kernels::tanh_backward(n, y + begin, dy + begin, dx + begin); break;
    }
  });
}

}  // namespace mnist
