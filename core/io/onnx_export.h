// The trained model as an ONNX file, for use outside this project (onnxruntime, PyTorch, Netron).
// Written by hand with core/io/protobuf_writer.h: an ONNX ModelProto at ir_version 7, opset 13,
// with one graph:
//   input          "input"          float (N, C, H, W)  (MNIST: (N, 1, 28, 28), pixel / 255)
//   output         "probabilities"  float (N, classes)  (the last layer's output, flattened)
//   initializers   every weight and bias, raw little-endian floats, named "<node>.weight/.bias"
// One or two nodes per engine layer, named "layerK_<op>" after the spec's K-th layer:
//   dense        Flatten (if its input is an image) + Gemm(transB=1)   W is (out, in), as stored
//   conv         Conv(kernel_shape, strides, pads)    W (F, C, Kh, Kw), as stored; "same" pads
//                                                     split like the engine (extra pixel after)
//   maxpool      MaxPool(kernel_shape, strides)       no padding, floor: as the engine drops
//   avgpool      AveragePool(kernel_shape, strides)   windows hanging over the edge
//   flatten      Flatten(axis=1)                      the engine's (C, H, W) row-major order is
//                                                     ONNX's NCHW flattening
//   relu, leaky_relu, sigmoid, tanh    Relu, LeakyRelu(alpha), Sigmoid, Tanh
//   softmax      Softmax(axis=1), after a Flatten if its input is an image (the engine's softmax
//                runs over all C·H·W values of an example)
//   dropout      Identity (dropout does nothing at inference)
// The model spec is in the model's doc_string. An image layer (conv, pooling) after a flat one
// (dense, flatten, softmax) would need a Reshape back to (N, C, H, W); no preset builds such a
// model, so it is refused with an error naming the layer.
#pragma once
#include <cstdint>
#include <vector>

#include "core/model/sequential.h"
#include "core/util/result.h"

namespace mnist {

inline constexpr int kOnnxIrVersion = 7;
inline constexpr int kOnnxOpset = 13;

// The ModelProto's bytes, or why the model cannot be exported.
Result<std::vector<std::uint8_t>> export_onnx(const Sequential& model);

}  // namespace mnist
