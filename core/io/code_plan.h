// The model as the steps a Python framework writes one by one: what core/io/code_export.cpp
// works out from the engine's layers and hands to the PyTorch and Keras writers. Steps are named
// like the ONNX export's nodes ("layer3_conv"), so a step's weights are "<name>.weight/.bias".
#pragma once
#include <string>
#include <vector>

#include "core/layers/layer.h"

namespace mnist {

struct CodeStep {
  enum class Kind {
    kFlatten, kConv, kMaxPool, kAvgPool, kDense, kDropout, kReLU, kLeakyReLU, kSigmoid, kTanh,
    kSoftmax
  };
  Kind kind = Kind::kFlatten;
  std::string name;
  bool image_in = false;                        // the step's input is (C, H, W), not flat
  int inputs = 0, outputs = 0;                  // dense: features; conv: channels
  int kernel_h = 0, kernel_w = 0, stride = 1;   // conv; pooling (kernel_h x kernel_h)
  bool same = false;                            // conv
  int pad_top = 0, pad_left = 0, pad_bottom = 0, pad_right = 0;  // conv: zeros around the image
  float value = 0;                              // leaky_relu alpha, dropout rate
};

struct CodePlan {
  std::string spec;   // the model spec's canonical text
  Shape input;
  int outputs = 0;
  std::vector<CodeStep> steps;
};

std::string pytorch_code(const CodePlan& plan);
std::string keras_code(const CodePlan& plan);

// The shortest decimal text that reads back as the same float ("0.1", not "0.100000001").
std::string python_float(float value);

}  // namespace mnist
