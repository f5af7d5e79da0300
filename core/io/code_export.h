// The current model as Python source for another framework: a PyTorch nn.Module or a Keras
// Sequential model that computes what the engine computes, plus a function that loads the
// weights from the ONNX file core/io/onnx_export.h writes (by its initializer names,
// "layerK_<op>.weight/.bias"). The code holds the architecture; the ONNX file holds the numbers.
//   PyTorch (>= 1.13): input (N, C, H, W) as in ONNX; "same" padding as explicit zeros (an
//                      nn.ZeroPad2d when the engine puts the extra pixel after).
//   Keras (TensorFlow 2.x): input (N, H, W, C), channels_last; before each flatten a Permute to
//                      (C, H, W), so dense weights keep the engine's order; conv kernels are
//                      transposed (F, C, Kh, Kw) -> (Kh, Kw, C, F), dense (out, in) -> (in, out).
// A model ONNX export refuses (an image layer after a flat one) is refused here too.
#pragma once
#include <string>

#include "core/model/sequential.h"
#include "core/util/result.h"

namespace mnist {

enum class CodeFramework { kPyTorch, kKeras };

// "pytorch" or "keras".
Result<CodeFramework> parse_code_framework(const std::string& name);

// The Python source (UTF-8, LF line ends), or why the model cannot be written in it.
Result<std::string> export_code(const Sequential& model, CodeFramework framework);

}  // namespace mnist
