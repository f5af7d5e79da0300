// The model as data: a compact text form parsed into a list of layer descriptions, shared by the
// CLI, the page, the widget and model files.
//
// Grammar (comma-separated tokens, spaces ignored):
//   input:28x28x1 | input:784     optional first token; default 28x28x1 (an MNIST image)
//   dense:UNITS[:ACTIVATION]      fully connected layer, optionally followed by an activation
//   relu | leaky_relu[:ALPHA] | sigmoid | tanh | softmax      activation layers on their own
// e.g. the seed MLP:  "dense:256:relu,dense:10:softmax"  (784 -> 256 -> 10)
#pragma once
#include <string>
#include <vector>

#include "core/layers/activation.h"
#include "core/layers/layer.h"
#include "core/util/result.h"

namespace mnist {

struct LayerSpec {
  enum class Type { kDense, kActivation, kSoftmax };
  Type type = Type::kDense;
  int units = 0;                                   // dense
  ActivationKind activation = ActivationKind::kReLU;  // activation
  float alpha = 0.01f;                             // leaky_relu slope
};

struct ModelSpec {
  Shape input{1, 28, 28};
  std::vector<LayerSpec> layers;
  // Canonical text: one token per layer (activations after dense layers written separately).
  std::string to_string() const;
};

Result<ModelSpec> parse_model_spec(const std::string& text);

}  // namespace mnist
