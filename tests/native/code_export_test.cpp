// Code export: the generated PyTorch and Keras text for every layer kind (names, arguments,
// padding, the flatten order) and the refusals. tests/interop/check_code.py runs the PyTorch code
// against the engine's outputs and the Keras code against a numpy reading of its layers.
#include <gtest/gtest.h>

#include <string>

#include "core/io/code_export.h"
#include "core/io/code_plan.h"
#include "core/model/model_spec.h"
#include "core/session/training_session.h"

namespace mnist {
namespace {

Sequential built(const std::string& text) {
  auto spec = parse_model_spec(text);
  EXPECT_TRUE(spec.ok()) << spec.error();
  auto model = Sequential::build(*spec);
  EXPECT_TRUE(model.ok()) << model.error();
  return std::move(*model);
}

std::string code(const std::string& spec, CodeFramework framework) {
  auto text = export_code(built(spec), framework);
  EXPECT_TRUE(text.ok()) << text.error();
  return text.ok() ? *text : "";
}

#define EXPECT_HAS(text, part) \
  EXPECT_NE((text).find(part), std::string::npos) << "missing: " << (part)
#define EXPECT_LACKS(text, part) \
  EXPECT_EQ((text).find(part), std::string::npos) << "found: " << (part)

const char* const kMlp = "dense:256:relu,dense:10:softmax";
// symmetric same (3x3), even kernel same with stride (extra pixel after), valid, both poolings,
// flatten, dropout and every activation
const char* const kEveryLayer =
    "conv:6:3x3:same:leaky_relu:0.1,avgpool:3:s2,conv:12:4x4:s2:same:tanh,maxpool:2:s1,"
    "conv:8:3x3:relu,flatten,dropout:0.25,dense:32:sigmoid,dense:10:softmax";

TEST(CodeExport, FrameworkNames) {
  EXPECT_EQ(*parse_code_framework("pytorch"), CodeFramework::kPyTorch);
  EXPECT_EQ(*parse_code_framework("keras"), CodeFramework::kKeras);
  auto bad = parse_code_framework("jax");
  ASSERT_FALSE(bad.ok());
  EXPECT_HAS(bad.error(), "unknown framework 'jax'");
}

TEST(CodeExport, PythonFloatsAreTheShortestThatReadBack) {
  EXPECT_EQ(python_float(0.1f), "0.1");
  EXPECT_EQ(python_float(0.25f), "0.25");
  EXPECT_EQ(python_float(0.01f), "0.01");
  EXPECT_EQ(python_float(1.0f), "1.0");
  EXPECT_EQ(python_float(0.123456789f), "0.12345679");
}

TEST(CodeExport, PyTorchMlpFlattensTheImageThenLinearLayersNamedLikeTheOnnxNodes) {
  const std::string py = code(kMlp, CodeFramework::kPyTorch);
  EXPECT_HAS(py, "PyTorch >= 1.13");
  EXPECT_HAS(py, "class MnistPlaygroundModel(nn.Sequential):");
  EXPECT_HAS(py, "(\"layer1_flatten\", nn.Flatten()),  # (C, H, W) -> C*H*W");
  EXPECT_HAS(py, "(\"layer1_gemm\", nn.Linear(784, 256)),");
  EXPECT_HAS(py, "(\"layer2_relu\", nn.ReLU()),");
  EXPECT_HAS(py, "(\"layer3_gemm\", nn.Linear(256, 10)),");
  EXPECT_HAS(py, "(\"layer4_softmax\", nn.Softmax(dim=1)),");
  EXPECT_HAS(py, "model.load_state_dict(weights)");
  EXPECT_HAS(py, "numpy_helper.to_array");
  EXPECT_HAS(py, "if __name__ == \"__main__\":");
  EXPECT_HAS(py, "torch.rand(4, 1, 28, 28)");
}

TEST(CodeExport, PyTorchEveryLayerKindPadsLikeTheEngine) {
  const std::string py = code(kEveryLayer, CodeFramework::kPyTorch);
  EXPECT_HAS(py,
             "(\"layer1_conv\", nn.Conv2d(1, 6, kernel_size=(3, 3), stride=1, padding=(1, 1))),");
  EXPECT_HAS(py, "(\"layer2_leakyrelu\", nn.LeakyReLU(negative_slope=0.1)),");
  EXPECT_HAS(py, "(\"layer3_averagepool\", nn.AvgPool2d(kernel_size=3, stride=2)),");
  // 13 pixels, 4x4 stride 2 "same": 7 outputs need 3 zeros, 1 before and 2 after
  EXPECT_HAS(py, "(\"layer4_pad\", nn.ZeroPad2d((1, 2, 1, 2))),");
  EXPECT_HAS(py, "(\"layer4_conv\", nn.Conv2d(6, 12, kernel_size=(4, 4), stride=2, padding=0)),");
  EXPECT_HAS(py, "(\"layer5_tanh\", nn.Tanh()),");
  EXPECT_HAS(py, "(\"layer6_maxpool\", nn.MaxPool2d(kernel_size=2, stride=1)),");
  EXPECT_HAS(py,
             "(\"layer7_conv\", nn.Conv2d(12, 8, kernel_size=(3, 3), stride=1, padding=(0, 0))),");
  EXPECT_HAS(py, "(\"layer9_flatten\", nn.Flatten()),");
  EXPECT_HAS(py, "(\"layer10_dropout\", nn.Dropout(p=0.25)),");
  EXPECT_HAS(py, "(\"layer11_gemm\", nn.Linear(128, 32)),");
  EXPECT_HAS(py, "(\"layer12_sigmoid\", nn.Sigmoid()),");
  EXPECT_HAS(py, "(\"layer14_softmax\", nn.Softmax(dim=1)),");
}

TEST(CodeExport, KerasIsChannelsLastWithAPermuteBeforeEachFlatten) {
  const std::string k = code(kEveryLayer, CodeFramework::kKeras);
  EXPECT_HAS(k, "TensorFlow 2.x");
  EXPECT_HAS(k, "keras.Input(shape=(28, 28, 1)),");
  EXPECT_HAS(k, "layers.Conv2D(6, (3, 3), strides=1, padding=\"same\", name=\"layer1_conv\"),");
  EXPECT_HAS(k, "layers.LeakyReLU(0.1, name=\"layer2_leakyrelu\"),");
  EXPECT_HAS(k, "layers.AveragePooling2D(pool_size=3, strides=2, name=\"layer3_averagepool\"),");
  EXPECT_HAS(k, "layers.Conv2D(12, (4, 4), strides=2, padding=\"same\", name=\"layer4_conv\"),");
  EXPECT_HAS(k, "layers.Activation(\"tanh\", name=\"layer5_tanh\"),");
  EXPECT_HAS(k, "layers.MaxPooling2D(pool_size=2, strides=1, name=\"layer6_maxpool\"),");
  EXPECT_HAS(k, "layers.Conv2D(8, (3, 3), strides=1, padding=\"valid\", name=\"layer7_conv\"),");
  EXPECT_HAS(k, "layers.ReLU(name=\"layer8_relu\"),");
  EXPECT_HAS(k, "layers.Permute((3, 1, 2), name=\"layer9_flatten_chw\"),");
  EXPECT_HAS(k, "layers.Flatten(name=\"layer9_flatten\"),");
  EXPECT_HAS(k, "layers.Dropout(0.25, name=\"layer10_dropout\"),");
  EXPECT_HAS(k, "layers.Dense(32, name=\"layer11_gemm\"),");
  EXPECT_HAS(k, "layers.Activation(\"sigmoid\", name=\"layer12_sigmoid\"),");
  EXPECT_HAS(k, "layers.Softmax(name=\"layer14_softmax\"),");
  EXPECT_HAS(k, "kernel.transpose(2, 3, 1, 0) if kernel.ndim == 4 else kernel.T");
}

TEST(CodeExport, KerasMlpPermutesTheImageBeforeTheDenseLayer) {
  const std::string k = code(kMlp, CodeFramework::kKeras);
  const auto permute = k.find("layers.Permute((3, 1, 2), name=\"layer1_flatten_chw\")");
  const auto dense = k.find("layers.Dense(256, name=\"layer1_gemm\")");
  ASSERT_NE(permute, std::string::npos);
  ASSERT_NE(dense, std::string::npos);
  EXPECT_LT(permute, dense);
}

TEST(CodeExport, AnImageOutputIsFlattenedAtTheEndAndAFlatFlattenNeedsNoPermute) {
  const std::string py = code("conv:2:3x3", CodeFramework::kPyTorch);
  EXPECT_HAS(py, "(\"output_flatten\", nn.Flatten()),");
  const std::string k = code("dense:10,flatten,softmax", CodeFramework::kKeras);
  EXPECT_HAS(k, "layers.Flatten(name=\"layer2_flatten\"),");
  EXPECT_LACKS(k, "name=\"layer2_flatten_chw\"");
}

TEST(CodeExport, AnImageLayerAfterAFlatOneIsRefusedNamingIt) {
  for (CodeFramework f : {CodeFramework::kPyTorch, CodeFramework::kKeras}) {
    auto text = export_code(built("dense:16:relu,conv:4:1x1,flatten,dense:10"), f);
    ASSERT_FALSE(text.ok());
    EXPECT_HAS(text.error(), "Code export: layer 3 'conv:4:1x1'");
  }
}

TEST(CodeExport, SessionWritesItsModelOrSaysWhyNot) {
  TrainingSession session;
  const auto none = session.export_code("pytorch");
  ASSERT_FALSE(none.ok());
  EXPECT_HAS(none.error(), "no model");
  ASSERT_TRUE(session.configure(TrainConfig{}).ok());
  const auto keras = session.export_code("keras");
  ASSERT_TRUE(keras.ok()) << keras.error();
  EXPECT_HAS(*keras, "layers.Dense(256, name=\"layer1_gemm\"),");
  const auto other = session.export_code("caffe");
  ASSERT_FALSE(other.ok());
  EXPECT_HAS(other.error(), "unknown framework 'caffe'");
}

}  // namespace
}  // namespace mnist
