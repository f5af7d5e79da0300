// ONNX export: the protobuf writer's bytes against encodings worked out by hand (the examples of
// the protobuf encoding guide among them), then exported models read back with a minimal
// test-only protobuf reader: the ModelProto's header, the graph's nodes and attributes, the
// initializers' bytes (the weights exactly), the input and output shapes, and the errors.
// tests/interop/check_onnx.py checks the same files with the onnx package and runs them.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "core/io/onnx_export.h"
#include "core/io/protobuf_writer.h"
#include "core/layers/conv2d.h"
#include "core/model/sequential.h"
#include "core/session/training_session.h"
#include "core/util/rng.h"

namespace mnist {
namespace {

using Bytes = std::vector<std::uint8_t>;

// ---------------------------------------------------------------- the writer

TEST(ProtoWriter, VarintsAreSevenBitsAByteLowFirst) {
  ProtoWriter w;
  w.varint(1, 150);  // the encoding guide's example
  w.varint(2, 0);
  w.varint(20, 300);  // field 20: key 160 = 0xA0 0x01
  EXPECT_EQ(w.bytes(), (Bytes{0x08, 0x96, 0x01, 0x10, 0x00, 0xA0, 0x01, 0xAC, 0x02}));
}

TEST(ProtoWriter, NegativeInt64IsTenBytesOfTwosComplement) {
  ProtoWriter w;
  w.varint(1, -1);
  EXPECT_EQ(w.bytes(), (Bytes{0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01}));
}

TEST(ProtoWriter, FloatIsFixed32LittleEndian) {
  ProtoWriter w;
  w.float32(2, 1.0f);   // 0x3F800000
  w.float32(2, -2.5f);  // 0xC0200000
  EXPECT_EQ(w.bytes(), (Bytes{0x15, 0x00, 0x00, 0x80, 0x3F, 0x15, 0x00, 0x00, 0x20, 0xC0}));
}

TEST(ProtoWriter, StringsAndMessagesAreLengthDelimited) {
  ProtoWriter inner;
  inner.varint(1, 150);
  ProtoWriter w;
  w.string(2, "testing");
  w.message(3, inner);  // the guide's nested example: 1a 03 08 96 01
  EXPECT_EQ(w.bytes(), (Bytes{0x12, 0x07, 't', 'e', 's', 't', 'i', 'n', 'g', 0x1A, 0x03, 0x08,
                              0x96, 0x01}));
}

TEST(ProtoWriter, LengthOver127IsATwoByteVarint) {
  ProtoWriter w;
  w.string(1, std::string(200, 'x'));
  ASSERT_EQ(w.bytes().size(), 3u + 200u);
  EXPECT_EQ(w.bytes()[1], 0xC8);  // 200 = 0b1_1001000
  EXPECT_EQ(w.bytes()[2], 0x01);
}

TEST(ProtoWriter, PackedFloatsAreOneLengthThenFourBytesEach) {
  const float values[] = {1.0f, -2.0f};
  ProtoWriter w;
  w.packed_floats(4, values, 2);
  EXPECT_EQ(w.bytes(), (Bytes{0x22, 0x08, 0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0xC0}));
}

// ---------------------------------------------------------------- a reader for the tests

// One field of a message: a varint or fixed32's value, or a length-delimited field's bytes.
struct Field {
  int number = 0;
  std::uint64_t value = 0;
  Bytes bytes;
};

std::uint64_t read_varint(const Bytes& b, std::size_t& at) {
  std::uint64_t v = 0;
  for (int shift = 0; at < b.size(); shift += 7) {
    const std::uint8_t byte = b[at++];
    v |= std::uint64_t(byte & 0x7F) << shift;
    if (!(byte & 0x80)) return v;
  }
  ADD_FAILURE() << "varint runs past the end";
  return v;
}

std::vector<Field> parse(const Bytes& b) {
  std::vector<Field> fields;
  for (std::size_t at = 0; at < b.size();) {
    const std::uint64_t key = read_varint(b, at);
    Field f;
    f.number = int(key >> 3);
    switch (key & 7) {
      case 0: f.value = read_varint(b, at); break;
      case 5:
        std::memcpy(&f.value, &b[at], 4);  // little-endian host
        at += 4;
        break;
      case 2: {
        const std::size_t n = read_varint(b, at);
        if (at + n > b.size()) {
          ADD_FAILURE() << "field " << f.number << " runs past the end";
          return fields;
        }
        f.bytes.assign(b.begin() + at, b.begin() + at + n);
        at += n;
        break;
      }
      default: ADD_FAILURE() << "unexpected wire type " << (key & 7); return fields;
    }
    fields.push_back(std::move(f));
  }
  return fields;
}

std::vector<Field> all(const Bytes& message, int number) {
  std::vector<Field> out;
  for (auto& f : parse(message))
    if (f.number == number) out.push_back(f);
  return out;
}

Field one(const Bytes& message, int number) {
  auto found = all(message, number);
  EXPECT_EQ(found.size(), 1u) << "field " << number;
  return found.empty() ? Field{} : found[0];
}

std::string text(const Field& f) { return std::string(f.bytes.begin(), f.bytes.end()); }

Bytes graph_of(const Bytes& model) { return one(model, 7).bytes; }

std::vector<std::string> op_types(const Bytes& graph) {
  std::vector<std::string> ops;
  for (const auto& node : all(graph, 1)) ops.push_back(text(one(node.bytes, 4)));
  return ops;
}

// The node's attribute `name`: its ints (field 8) or, for one int or float, that value.
std::vector<std::int64_t> attribute_ints(const Bytes& node, const std::string& name) {
  for (const auto& a : all(node, 5)) {
    if (text(one(a.bytes, 1)) != name) continue;
    std::vector<std::int64_t> ints;
    for (const auto& f : parse(a.bytes))
      if (f.number == 8 || f.number == 3) ints.push_back(std::int64_t(f.value));
    return ints;
  }
  return {};
}

// A ValueInfoProto's dims: "N" for the symbolic batch, else the number.
std::vector<std::string> dims_of(const Bytes& value_info) {
  const Bytes shape = one(one(one(value_info, 2).bytes, 1).bytes, 2).bytes;
  std::vector<std::string> dims;
  for (const auto& dim : all(shape, 1)) {
    const Field d = parse(dim.bytes).at(0);
    dims.push_back(d.number == 2 ? text(d) : std::to_string(d.value));
  }
  return dims;
}

Sequential built(const std::string& spec_text) {
  auto spec = parse_model_spec(spec_text);
  EXPECT_TRUE(spec.ok()) << spec.error();
  auto model = Sequential::build(*spec);
  EXPECT_TRUE(model.ok()) << model.error();
  Rng rng(7);
  model->initialize(Initializer::kGlorotUniform, rng);
  return std::move(*model);
}

// ---------------------------------------------------------------- exported models

TEST(OnnxExport, ModelHeaderNamesIrVersionOpsetProducerAndSpec) {
  const auto onnx = export_onnx(built("dense:256:relu,dense:10:softmax"));
  ASSERT_TRUE(onnx.ok()) << onnx.error();
  EXPECT_EQ(one(*onnx, 1).value, std::uint64_t(kOnnxIrVersion));
  EXPECT_EQ(one(one(*onnx, 8).bytes, 2).value, std::uint64_t(kOnnxOpset));
  EXPECT_EQ(text(one(*onnx, 2)), "mnist-playground");
  EXPECT_NE(text(one(*onnx, 6)).find("dense:256,relu,dense:10,softmax"), std::string::npos);
}

TEST(OnnxExport, MlpFlattensTheImageThenGemmsWithTheStoredWeights) {
  const Sequential model = built("dense:256:relu,dense:10:softmax");
  const auto onnx = export_onnx(model);
  ASSERT_TRUE(onnx.ok()) << onnx.error();
  const Bytes graph = graph_of(*onnx);
  EXPECT_EQ(op_types(graph),
            (std::vector<std::string>{"Flatten", "Gemm", "Relu", "Gemm", "Softmax"}));
  EXPECT_EQ(dims_of(one(graph, 11).bytes), (std::vector<std::string>{"N", "1", "28", "28"}));
  EXPECT_EQ(text(one(one(graph, 11).bytes, 1)), "input");
  EXPECT_EQ(dims_of(one(graph, 12).bytes), (std::vector<std::string>{"N", "10"}));
  const auto nodes = all(graph, 1);
  EXPECT_EQ(text(one(nodes.back().bytes, 2)), "probabilities");
  EXPECT_EQ(attribute_ints(nodes[1].bytes, "transB"), (std::vector<std::int64_t>{1}));

  // The first initializer is layer 1's W: dims (256, 784), float, its values bit for bit.
  const Bytes w = all(graph, 5).at(0).bytes;
  EXPECT_EQ(text(one(w, 8)), "layer1_gemm.weight");
  std::vector<std::uint64_t> dims;
  for (const auto& d : all(w, 1)) dims.push_back(d.value);
  EXPECT_EQ(dims, (std::vector<std::uint64_t>{256, 784}));
  EXPECT_EQ(one(w, 2).value, 1u);  // FLOAT
  const Bytes raw = one(w, 9).bytes;
  ASSERT_EQ(raw.size(), 256u * 784u * 4u);
  EXPECT_EQ(std::memcmp(raw.data(), model.parameters() + model.parameter_offset(0), raw.size()), 0);
}

TEST(OnnxExport, ConvPaddingStridesAndPoolingAsTheEngineComputesThem) {
  const Sequential model = built(
      "conv:6:3x3:same:leaky_relu:0.1,avgpool:3:s2,conv:12:4x4:s2:same:tanh,maxpool:2:s1,"
      "dropout:0.25,dense:10:softmax");
  const auto onnx = export_onnx(model);
  ASSERT_TRUE(onnx.ok()) << onnx.error();
  const Bytes graph = graph_of(*onnx);
  EXPECT_EQ(op_types(graph),
            (std::vector<std::string>{"Conv", "LeakyRelu", "AveragePool", "Conv", "Tanh", "MaxPool",
                                      "Identity", "Flatten", "Gemm", "Softmax"}));
  const auto nodes = all(graph, 1);
  EXPECT_EQ(attribute_ints(nodes[0].bytes, "pads"), (std::vector<std::int64_t>{1, 1, 1, 1}));
  // 13x13 input, 4x4 kernel, stride 2: 7 outputs need 3 pixels of padding, 1 before, 2 after.
  EXPECT_EQ(attribute_ints(nodes[3].bytes, "pads"), (std::vector<std::int64_t>{1, 1, 2, 2}));
  EXPECT_EQ(attribute_ints(nodes[3].bytes, "strides"), (std::vector<std::int64_t>{2, 2}));
  EXPECT_EQ(attribute_ints(nodes[3].bytes, "kernel_shape"), (std::vector<std::int64_t>{4, 4}));
  EXPECT_EQ(attribute_ints(nodes[2].bytes, "kernel_shape"), (std::vector<std::int64_t>{3, 3}));
  EXPECT_EQ(attribute_ints(nodes[2].bytes, "strides"), (std::vector<std::int64_t>{2, 2}));
  EXPECT_EQ(attribute_ints(nodes[5].bytes, "strides"), (std::vector<std::int64_t>{1, 1}));
  const Field alpha = one(one(nodes[1].bytes, 5).bytes, 2);
  float a;
  std::memcpy(&a, &alpha.value, 4);
  EXPECT_EQ(a, 0.1f);

  const Bytes w = all(graph, 5).at(0).bytes;  // conv 1: (6, 1, 3, 3), as the engine stores it
  std::vector<std::uint64_t> dims;
  for (const auto& d : all(w, 1)) dims.push_back(d.value);
  EXPECT_EQ(dims, (std::vector<std::uint64_t>{6, 1, 3, 3}));
  const auto& conv = dynamic_cast<const Conv2D&>(model.layer(0));
  EXPECT_EQ(std::memcmp(one(w, 9).bytes.data(), conv.weights(), 6 * 9 * 4), 0);
}

TEST(OnnxExport, SoftmaxOverAnImageFlattensFirstAndTheOutputIsFlat) {
  const auto onnx = export_onnx(built("conv:2:3x3,softmax"));
  ASSERT_TRUE(onnx.ok()) << onnx.error();
  const Bytes graph = graph_of(*onnx);
  EXPECT_EQ(op_types(graph), (std::vector<std::string>{"Conv", "Flatten", "Softmax"}));
  EXPECT_EQ(dims_of(one(graph, 12).bytes), (std::vector<std::string>{"N", "1352"}));  // 2·26·26

  const auto conv_only = export_onnx(built("conv:2:3x3"));
  ASSERT_TRUE(conv_only.ok()) << conv_only.error();
  EXPECT_EQ(op_types(graph_of(*conv_only)), (std::vector<std::string>{"Conv", "Flatten"}));
}

TEST(OnnxExport, ImageLayerAfterAFlatOneIsAnErrorNamingIt) {
  const auto onnx = export_onnx(built("dense:16,conv:4:1x1,flatten,dense:10:softmax"));
  ASSERT_FALSE(onnx.ok());
  EXPECT_NE(onnx.error().find("layer 2 'conv:4:1x1'"), std::string::npos) << onnx.error();
  EXPECT_NE(onnx.error().find("not exportable"), std::string::npos) << onnx.error();
}

TEST(OnnxExport, SessionExportsItsModelOrSaysThereIsNone) {
  TrainingSession session;
  const auto none = session.export_onnx();
  ASSERT_FALSE(none.ok());
  EXPECT_NE(none.error().find("no model"), std::string::npos) << none.error();
  ASSERT_TRUE(session.configure(TrainConfig{}).ok());
  const auto onnx = session.export_onnx();
  ASSERT_TRUE(onnx.ok()) << onnx.error();
  EXPECT_EQ(op_types(graph_of(*onnx)),
            (std::vector<std::string>{"Flatten", "Gemm", "Relu", "Gemm", "Softmax"}));
}

}  // namespace
}  // namespace mnist
