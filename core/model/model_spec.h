// The model as data: a compact text form parsed into a list of layer descriptions, shared by the
// CLI, the page, the widget and model files. The grammar itself is a table (spec_grammar.h).
//
// Grammar (comma-separated tokens, spaces ignored):
//   input:28x28x1 | input:784     optional first token; default 28x28x1 (an MNIST image)
//   dense:UNITS[:ACTIVATION]      fully connected layer, optionally followed by an activation
//   relu | leaky_relu[:ALPHA] | sigmoid | tanh | softmax      activation layers on their own
//   conv:FILTERS:KHxKW[:sSTRIDE][:same|valid][:ACTIVATION]   2-D convolution (default s1, valid)
//   maxpool:SIZE[:sSTRIDE] | avgpool:SIZE[:sSTRIDE]           pooling (default stride = size)
//   flatten                       (C, H, W) -> (C·H·W); dense layers also accept images directly
//   dropout:RATE                  0 <= RATE < 1, active in training only
// e.g. the seed MLP:  "dense:256:relu,dense:10:softmax"  (784 -> 256 -> 10)
//      a small CNN:   "conv:8:5x5:relu,maxpool:2,conv:16:5x5:relu,maxpool:2,flatten,dense:10:softmax"
#pragma once
#include <string>
#include <vector>

#include "core/layers/activation.h"
#include "core/layers/layer.h"
#include "core/model/spec_grammar.h"
#include "core/util/result.h"

namespace mnist {

struct LayerSpec {
  enum class Type { kDense, kActivation, kSoftmax, kConv, kMaxPool, kAvgPool, kFlatten, kDropout };
  Type type = Type::kDense;
  int units = 0;                                   // dense units, conv filters
  int kernel_h = 0, kernel_w = 0;                  // conv kernel; pool size in kernel_h
  int stride = 1;                                  // conv, pool
  bool same_padding = false;                       // conv
  float rate = 0;                                  // dropout
  int token = 0;                                   // 1-based position in the spec text
  ActivationKind activation = ActivationKind::kReLU;  // activation
  float alpha = 0.01f;                             // leaky_relu slope
};

struct ModelSpec {
  Shape input{1, 28, 28};
  std::vector<LayerSpec> layers;
  // Canonical text: one token per layer (activations after dense layers written separately).
  std::string to_string() const;
};

// Reads the text with the grammar (spec_rows.h) and turns each row into its layers.
Result<ModelSpec> parse_model_spec(const std::string& text);

// Whether parse_model_spec knows how to build the kind (tests check every kind of the grammar).
bool kind_builds_layers(const LayerKindInfo& kind);

}  // namespace mnist
