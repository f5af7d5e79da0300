#include "core/io/onnx_export.h"

#include <algorithm>
#include <string>

#include "core/io/protobuf_writer.h"
#include "core/layers/conv2d.h"
#include "core/layers/dense.h"

namespace mnist {
namespace {

// Field numbers and enum values from onnx/onnx.proto (the ones used here).
namespace field {
constexpr int kModelIrVersion = 1, kModelProducerName = 2, kModelDocString = 6, kModelGraph = 7,
              kModelOpsetImport = 8;
constexpr int kOpsetVersion = 2;
constexpr int kGraphNode = 1, kGraphName = 2, kGraphInitializer = 5, kGraphInput = 11,
              kGraphOutput = 12;
constexpr int kNodeInput = 1, kNodeOutput = 2, kNodeName = 3, kNodeOpType = 4, kNodeAttribute = 5;
constexpr int kAttributeName = 1, kAttributeF = 2, kAttributeI = 3, kAttributeInts = 8,
              kAttributeType = 20;
constexpr int kTensorDims = 1, kTensorDataType = 2, kTensorName = 8, kTensorRawData = 9;
constexpr int kValueInfoName = 1, kValueInfoType = 2;
constexpr int kTypeTensorType = 1, kTensorTypeElemType = 1, kTensorTypeShape = 2;
constexpr int kShapeDim = 1, kDimValue = 1, kDimParam = 2;
}  // namespace field
constexpr int kAttributeFloat = 1, kAttributeInt = 2, kAttributeInts = 7;  // AttributeType
constexpr int kFloatTensor = 1;                                             // TensorProto.DataType
constexpr std::uint64_t kMaxProtoBytes = std::uint64_t(2000) << 20;  // protobuf's 2 GiB limit

ProtoWriter float_attribute(const std::string& name, float value) {
  ProtoWriter a;
  a.string(field::kAttributeName, name);
  a.float32(field::kAttributeF, value);
  a.varint(field::kAttributeType, kAttributeFloat);
  return a;
}

ProtoWriter int_attribute(const std::string& name, std::int64_t value) {
  ProtoWriter a;
  a.string(field::kAttributeName, name);
  a.varint(field::kAttributeI, value);
  a.varint(field::kAttributeType, kAttributeInt);
  return a;
}

ProtoWriter ints_attribute(const std::string& name, const std::vector<std::int64_t>& values) {
  ProtoWriter a;
  a.string(field::kAttributeName, name);
  for (std::int64_t v : values) a.varint(field::kAttributeInts, v);
  a.varint(field::kAttributeType, kAttributeInts);
  return a;
}

// A float tensor value (N, dims...) with a symbolic batch dimension "N".
ProtoWriter value_info(const std::string& name, const std::vector<std::int64_t>& dims) {
  ProtoWriter shape;
  ProtoWriter batch;
  batch.string(field::kDimParam, "N");
  shape.message(field::kShapeDim, batch);
  for (std::int64_t d : dims) {
    ProtoWriter dim;
    dim.varint(field::kDimValue, d);
    shape.message(field::kShapeDim, dim);
  }
  ProtoWriter tensor_type;
  tensor_type.varint(field::kTensorTypeElemType, kFloatTensor);
  tensor_type.message(field::kTensorTypeShape, shape);
  ProtoWriter type;
  type.message(field::kTypeTensorType, tensor_type);
  ProtoWriter info;
  info.string(field::kValueInfoName, name);
  info.message(field::kValueInfoType, type);
  return info;
}

struct Node {
  std::string op, name;
  std::vector<std::string> inputs;
  std::vector<ProtoWriter> attributes;
};

// The graph as it is built: nodes in order, each writing a tensor named after itself, except the
// last, whose output is the graph's "probabilities".
class GraphBuilder {
 public:
  explicit GraphBuilder(Shape input) : input_(input) {}

  bool image() const { return image_; }
  void add(Node node, bool image_out) {
    // A node's first input is the previous node's output unless given.
    if (node.inputs.empty()) node.inputs.push_back(last_);
    else if (node.inputs[0].empty()) node.inputs[0] = last_;
    last_ = node.name;
    image_ = image_out;
    nodes_.push_back(std::move(node));
  }
  void flatten(const std::string& name) {
    add({"Flatten", name, {}, {int_attribute("axis", 1)}}, false);
  }
  // An initializer holding values, (dims) row-major; returns its name.
  std::string weights(const std::string& name, const std::vector<std::int64_t>& dims,
                      const float* values) {
    std::size_t count = 1;
    for (std::int64_t d : dims) count *= std::size_t(d);
    ProtoWriter t;
    for (std::int64_t d : dims) t.varint(field::kTensorDims, d);
    t.varint(field::kTensorDataType, kFloatTensor);
    t.string(field::kTensorName, name);
    t.packed_floats(field::kTensorRawData, values, count);
    initializers_.push_back(std::move(t));
    return name;
  }

  ProtoWriter finish(int outputs) {
    if (image_) flatten("output_flatten");
    ProtoWriter graph;
    for (std::size_t i = 0; i < nodes_.size(); ++i) {
      const Node& n = nodes_[i];
      ProtoWriter node;
      for (const auto& in : n.inputs) node.string(field::kNodeInput, in);
      node.string(field::kNodeOutput, i + 1 == nodes_.size() ? "probabilities" : n.name);
      node.string(field::kNodeName, n.name);
      node.string(field::kNodeOpType, n.op);
      for (const auto& a : n.attributes) node.message(field::kNodeAttribute, a);
      graph.message(field::kGraphNode, node);
    }
    graph.string(field::kGraphName, "mnist-playground");
    for (const auto& t : initializers_) graph.message(field::kGraphInitializer, t);
    graph.message(field::kGraphInput,
                  value_info("input", {input_.channels, input_.height, input_.width}));
    graph.message(field::kGraphOutput, value_info("probabilities", {outputs}));
    return graph;
  }

 private:
  Shape input_;
  bool image_ = true;  // the last tensor is (N, C, H, W); else (N, features)
  std::string last_ = "input";
  std::vector<Node> nodes_;
  std::vector<ProtoWriter> initializers_;
};

// Conv's pads (top, left, bottom, right): the engine's "same" puts pad_top/pad_left before and
// the rest of what the last window needs after.
std::vector<std::int64_t> conv_pads(const Conv2D& conv) {
  const Conv2DOptions& o = conv.options();
  const Shape in = conv.input_shape(), out = conv.output_shape();
  const int total_h = std::max(0, (out.height - 1) * o.stride + o.kernel_h - in.height);
  const int total_w = std::max(0, (out.width - 1) * o.stride + o.kernel_w - in.width);
  return {conv.pad_top(), conv.pad_left(), total_h - conv.pad_top(), total_w - conv.pad_left()};
}

// ONNX's output size for a window: floor((size + pads - kernel) / stride) + 1.
int window_output(int size, int pads, int kernel, int stride) {
  return (size + pads - kernel) / stride + 1;
}

Status add_layer(GraphBuilder& g, const Layer& layer, const LayerSpec& spec, int index) {
  const std::string name = "layer" + std::to_string(index + 1) + "_";
  const auto fail = [&](const std::string& why) {
    return Error{"ONNX export: layer " + std::to_string(index + 1) + " '" + layer.spec() + "': " +
                 why};
  };
  const bool window = spec.type == LayerSpec::Type::kConv ||
                      spec.type == LayerSpec::Type::kMaxPool ||
                      spec.type == LayerSpec::Type::kAvgPool;
  if (window && !g.image())
    return fail("an image layer after a flat one (dense, flatten or softmax) is not exportable");
  switch (spec.type) {
    case LayerSpec::Type::kDense: {
      const auto* dense = dynamic_cast<const Dense*>(&layer);
      if (!dense) return fail("not a dense layer");
      if (g.image()) g.flatten(name + "flatten");
      const std::string n = name + "gemm";
      const auto w = g.weights(n + ".weight", {dense->units(), dense->inputs()}, dense->weights());
      const auto b = g.weights(n + ".bias", {dense->units()}, dense->bias());
      g.add({"Gemm", n, {"", w, b}, {int_attribute("transB", 1)}}, false);
      return Status::Ok();
    }
    case LayerSpec::Type::kConv: {
      const auto* conv = dynamic_cast<const Conv2D*>(&layer);
      if (!conv) return fail("not a conv layer");
      const Conv2DOptions& o = conv->options();
      const auto pads = conv_pads(*conv);
      const Shape in = conv->input_shape(), out = conv->output_shape();
      if (window_output(in.height, int(pads[0] + pads[2]), o.kernel_h, o.stride) != out.height ||
          window_output(in.width, int(pads[1] + pads[3]), o.kernel_w, o.stride) != out.width)
        return fail("its padding has no ONNX equivalent");
      const std::string n = name + "conv";
      const auto w = g.weights(n + ".weight", {o.filters, in.channels, o.kernel_h, o.kernel_w},
                               conv->weights());
      const auto b = g.weights(n + ".bias", {o.filters}, conv->bias());
      g.add({"Conv", n, {"", w, b},
             {ints_attribute("kernel_shape", {o.kernel_h, o.kernel_w}),
              ints_attribute("strides", {o.stride, o.stride}), ints_attribute("pads", pads)}},
            true);
      return Status::Ok();
    }
    case LayerSpec::Type::kMaxPool:
    case LayerSpec::Type::kAvgPool: {
      const bool max = spec.type == LayerSpec::Type::kMaxPool;
      const Shape in = layer.input_shape(), out = layer.output_shape();
      if (window_output(in.height, 0, spec.kernel_h, spec.stride) != out.height ||
          window_output(in.width, 0, spec.kernel_h, spec.stride) != out.width)
        return fail("its output size has no ONNX equivalent");
      g.add({max ? "MaxPool" : "AveragePool", name + (max ? "maxpool" : "averagepool"), {},
             {ints_attribute("kernel_shape", {spec.kernel_h, spec.kernel_h}),
              ints_attribute("strides", {spec.stride, spec.stride})}},
            true);
      return Status::Ok();
    }
    case LayerSpec::Type::kFlatten: g.flatten(name + "flatten"); return Status::Ok();
    case LayerSpec::Type::kDropout:
      g.add({"Identity", name + "dropout", {}, {}}, g.image());
      return Status::Ok();
    case LayerSpec::Type::kSoftmax:
      if (g.image()) g.flatten(name + "flatten");
      g.add({"Softmax", name + "softmax", {}, {int_attribute("axis", 1)}}, false);
      return Status::Ok();
    case LayerSpec::Type::kActivation:
      switch (spec.activation) {  // element-wise: the tensor keeps its shape
        case ActivationKind::kReLU: g.add({"Relu", name + "relu", {}, {}}, g.image()); break;
        case ActivationKind::kSigmoid:
          g.add({"Sigmoid", name + "sigmoid", {}, {}}, g.image());
          break;
        case ActivationKind::kTanh: g.add({"Tanh", name + "tanh", {}, {}}, g.image()); break;
        case ActivationKind::kLeakyReLU:
          g.add({"LeakyRelu", name + "leakyrelu", {}, {float_attribute("alpha", spec.alpha)}},
                g.image());
          break;
      }
      return Status::Ok();
  }
  return fail("unknown layer type");
}

}  // namespace

Result<std::vector<std::uint8_t>> export_onnx(const Sequential& model) {
  if (model.layer_count() == 0) return Error{"ONNX export: the model has no layers"};
  if (std::uint64_t(model.trainable_count()) * sizeof(float) > kMaxProtoBytes)
    return Error{"ONNX export: the model's weights exceed the 2 GiB an ONNX file can hold"};
  const ModelSpec& spec = model.spec();
  GraphBuilder g(spec.input);
  for (int i = 0; i < model.layer_count(); ++i)
    if (Status s = add_layer(g, model.layer(i), spec.layers[i], i); !s) return Error{s.error()};

  ProtoWriter opset;
  opset.varint(field::kOpsetVersion, kOnnxOpset);
  ProtoWriter onnx;
  onnx.varint(field::kModelIrVersion, kOnnxIrVersion);
  onnx.message(field::kModelOpsetImport, opset);
  onnx.string(field::kModelProducerName, "mnist-playground");
  onnx.string(field::kModelDocString,
              "mnist-playground model " + spec.to_string() +
                  ". Input: pixel / 255 (MNIST: white digit on black); output: the last "
                  "layer's values per example.");
  onnx.message(field::kModelGraph, g.finish(model.output_shape().size()));
  return onnx.bytes();
}

}  // namespace mnist
