// Layers and the Sequential model: each layer's backward pass against finite differences of its
// forward pass, a Dense forward/backward computed by hand, the dx == nullptr contract, and the
// Sequential block layout (sizes, alignment, padding) and whole-model backpropagation.
//
// Gradient checks use the scalar objective L = Σ y·r with a fixed random r, so dL/dy = r is what
// backward() receives, and compare every dL/dx and dL/dθ with the central difference
// (L(v + ε) - L(v - ε)) / 2ε. The forward passes run in float; L is summed in double.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <functional>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "core/layers/activation.h"
#include "core/layers/dense.h"
#include "core/layers/layer.h"
#include "core/layers/softmax.h"
#include "core/model/model_spec.h"
#include "core/model/sequential.h"
#include "core/util/rng.h"
#include "tests/native/gradient_check.h"

namespace mnist {
namespace {

using test::central_difference;
using test::expect_close;
using test::random_values;
using test::weighted_sum;

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

// Moves every value at least `gap` away from 0, so a ±ε probe never crosses a ReLU kink.
void keep_away_from_zero(std::vector<float>& values, float gap) {
  for (float& v : values) v = v >= 0 ? v + gap : v - gap;
}

// ------------------------------------------------------------------------------------------------
// Per-layer gradient checks: every layer kind, odd sizes (batch 3, 7 inputs; Dense has 5 outputs).

struct LayerCase {
  std::string name;
  std::function<std::unique_ptr<Layer>()> make;
  bool has_kink;  // ReLU-like: inputs are kept away from 0
  float eps;
};

constexpr int kBatch = 3;
constexpr int kIn = 7;
constexpr int kOut = 5;

std::vector<LayerCase> layer_cases() {
  const Shape in{kIn, 1, 1};
  return {
      {"Dense", [in] { return std::make_unique<Dense>(in, kOut); }, false, 1e-2f},
      {"ReLU", [in] { return std::make_unique<Activation>(in, ActivationKind::kReLU); }, true, 1e-2f},
      {"LeakyReLU",
       [in] { return std::make_unique<Activation>(in, ActivationKind::kLeakyReLU, 0.2f); }, true,
       1e-2f},
      {"Sigmoid", [in] { return std::make_unique<Activation>(in, ActivationKind::kSigmoid); },
       false, 2e-3f},
      {"Tanh", [in] { return std::make_unique<Activation>(in, ActivationKind::kTanh); }, false,
       2e-3f},
      {"Softmax", [in] { return std::make_unique<Softmax>(in); }, false, 2e-3f},
  };
}

// A layer with its parameters (if any) bound to buffers followed by a canary region, random
// parameters, a random input batch and a random upstream gradient r.
struct LayerFixture {
  static constexpr std::size_t kCanary = 16;
  static constexpr float kCanaryValue = -12345.0f;

  std::unique_ptr<Layer> layer;
  std::vector<float> params, grads;  // parameter_count() + kCanary each
  std::vector<float> x, y, r;

  LayerFixture(const LayerCase& c, std::uint64_t seed) : layer(c.make()) {
    Rng rng(seed);
    const std::size_t n = layer->parameter_count();
    params = random_values(rng, n, -1.0f, 1.0f);
    params.resize(n + kCanary, kCanaryValue);
    grads.assign(n + kCanary, kCanaryValue);
    layer->bind_parameters(params.data(), grads.data());
    layer->prepare(kBatch);
    x = random_values(rng, std::size_t(kBatch) * layer->input_shape().size(), -2.0f, 2.0f);
    if (c.has_kink) keep_away_from_zero(x, 0.1f);
    y.assign(std::size_t(kBatch) * layer->output_shape().size(), kNaN);
    r = random_values(rng, y.size(), -1.0f, 1.0f);
  }

  double objective() {
    layer->forward(x.data(), y.data(), kBatch, PassContext{});
    return weighted_sum(y.data(), r);
  }
};

class LayerGradientTest : public ::testing::TestWithParam<LayerCase> {};

TEST_P(LayerGradientTest, InputGradientMatchesFiniteDifferences) {
  LayerFixture f(GetParam(), /*seed=*/101);
  f.objective();
  std::vector<float> dx(f.x.size(), kNaN);  // backward must overwrite every element
  f.layer->backward(f.x.data(), f.y.data(), f.r.data(), dx.data(), kBatch);

  const int in = f.layer->input_shape().size();
  for (std::size_t i = 0; i < f.x.size(); ++i) {
    const double numeric = central_difference(&f.x[i], GetParam().eps, [&] { return f.objective(); });
    expect_close(numeric, dx[i], 1e-3, 2e-3,
                 "dx[" + std::to_string(i) + "] (row " + std::to_string(i / in) + ", input " +
                     std::to_string(i % in) + ")");
  }
}

TEST_P(LayerGradientTest, ParameterGradientsMatchFiniteDifferences) {
  LayerFixture f(GetParam(), /*seed=*/202);
  const std::size_t n = f.layer->parameter_count();
  if (n == 0) return;  // activations and softmax have none
  f.objective();
  std::vector<float> dx(f.x.size());
  f.layer->backward(f.x.data(), f.y.data(), f.r.data(), dx.data(), kBatch);

  for (std::size_t i = 0; i < n; ++i) {
    const double numeric =
        central_difference(&f.params[i], GetParam().eps, [&] { return f.objective(); });
    expect_close(numeric, f.grads[i], 1e-3, 2e-3, "parameter gradient [" + std::to_string(i) + "]");
  }
  for (std::size_t i = n; i < f.grads.size(); ++i)
    EXPECT_EQ(f.grads[i], LayerFixture::kCanaryValue) << "wrote past the gradient view at " << i;
}

// The first layer of a model gets dx == nullptr: it must fill its parameter gradients exactly as
// with a dx buffer, and leave its input, output, upstream gradient and parameters untouched.
TEST_P(LayerGradientTest, BackwardWithoutDxOnlyWritesParameterGradients) {
  LayerFixture f(GetParam(), /*seed=*/303);
  f.objective();
  std::vector<float> dx(f.x.size());
  f.layer->backward(f.x.data(), f.y.data(), f.r.data(), dx.data(), kBatch);
  const std::vector<float> expected_grads = f.grads;

  std::fill(f.grads.begin(), f.grads.begin() + f.layer->parameter_count(), kNaN);
  const auto x = f.x, y = f.y, r = f.r, params = f.params;
  f.layer->backward(f.x.data(), f.y.data(), f.r.data(), nullptr, kBatch);

  EXPECT_EQ(0, std::memcmp(x.data(), f.x.data(), x.size() * sizeof(float))) << "x changed";
  EXPECT_EQ(0, std::memcmp(y.data(), f.y.data(), y.size() * sizeof(float))) << "y changed";
  EXPECT_EQ(0, std::memcmp(r.data(), f.r.data(), r.size() * sizeof(float))) << "dy changed";
  EXPECT_EQ(0, std::memcmp(params.data(), f.params.data(), params.size() * sizeof(float)))
      << "parameters changed";
  for (std::size_t i = 0; i < f.grads.size(); ++i)
    EXPECT_EQ(expected_grads[i], f.grads[i]) << "gradient [" << i << "]";
}

INSTANTIATE_TEST_SUITE_P(AllLayers, LayerGradientTest, ::testing::ValuesIn(layer_cases()),
                         [](const ::testing::TestParamInfo<LayerCase>& info) {
                           return info.param.name;
                         });

// ------------------------------------------------------------------------------------------------
// Dense by hand: 2 inputs, 2 units, one example.

TEST(DenseLayerTest, ForwardAndBackwardComputedByHand) {
  Dense dense(Shape{2, 1, 1}, 2);
  // W = [[0.5, -1], [2, 0.25]] (row j = unit j's weights), b = [0.1, -0.2]
  std::vector<float> params = {0.5f, -1.0f, 2.0f, 0.25f, 0.1f, -0.2f};
  std::vector<float> grads(6, kNaN);
  dense.bind_parameters(params.data(), grads.data());
  ASSERT_EQ(dense.parameter_count(), 6u);

  const float x[2] = {1.0f, 2.0f};
  float y[2] = {kNaN, kNaN};
  dense.forward(x, y, 1, PassContext{});
  EXPECT_FLOAT_EQ(y[0], -1.4f);  // 0.5·1 + (-1)·2 + 0.1
  EXPECT_FLOAT_EQ(y[1], 2.3f);   // 2·1 + 0.25·2 - 0.2

  const float dy[2] = {1.0f, -2.0f};
  float dx[2] = {kNaN, kNaN};
  dense.backward(x, y, dy, dx, 1);
  // dW = dyᵀ·x = [[1·1, 1·2], [-2·1, -2·2]], db = dy
  EXPECT_FLOAT_EQ(grads[0], 1.0f);
  EXPECT_FLOAT_EQ(grads[1], 2.0f);
  EXPECT_FLOAT_EQ(grads[2], -2.0f);
  EXPECT_FLOAT_EQ(grads[3], -4.0f);
  EXPECT_FLOAT_EQ(grads[4], 1.0f);
  EXPECT_FLOAT_EQ(grads[5], -2.0f);
  // dx = dy·W = [1·0.5 + (-2)·2, 1·(-1) + (-2)·0.25]
  EXPECT_FLOAT_EQ(dx[0], -3.5f);
  EXPECT_FLOAT_EQ(dx[1], -1.5f);
}

TEST(DenseLayerTest, InitializeFillsWeightsAndZeroesBiases) {
  Dense dense(Shape{7, 1, 1}, 5);
  std::vector<float> params(dense.parameter_count(), kNaN), grads(params.size());
  dense.bind_parameters(params.data(), grads.data());
  Rng rng(7);
  dense.initialize(Initializer::kGlorotUniform, rng);
  const float limit = std::sqrt(6.0f / (7 + 5));
  for (int i = 0; i < 35; ++i) EXPECT_LE(std::fabs(params[i]), limit * 1.000001f) << "weight " << i;
  for (int j = 0; j < 5; ++j) EXPECT_EQ(params[35 + j], 0.0f) << "bias " << j;
  EXPECT_EQ(dense.decayed_offset(), 0u);
  EXPECT_EQ(dense.decayed_count(), 35u);
  EXPECT_EQ(dense.spec(), "dense:5");
}

// ------------------------------------------------------------------------------------------------
// Sequential.

Sequential build_model(const std::string& text) {
  Result<ModelSpec> spec = parse_model_spec(text);
  EXPECT_TRUE(spec.ok()) << spec.error();
  Result<Sequential> model = Sequential::build(*spec);
  EXPECT_TRUE(model.ok()) << model.error();
  return std::move(model).value();
}

TEST(SequentialTest, SeedMlpHasTheExpectedLayersAndParameterCount) {
  Sequential model = build_model("dense:256:relu,dense:10:softmax");
  ASSERT_EQ(model.layer_count(), 4);
  EXPECT_EQ(model.layer(0).kind(), "Dense");
  EXPECT_EQ(model.layer(1).kind(), "ReLU");
  EXPECT_EQ(model.layer(2).kind(), "Dense");
  EXPECT_EQ(model.layer(3).kind(), "Softmax");
  EXPECT_EQ(model.input_shape().size(), 784);
  EXPECT_EQ(model.output_shape().size(), 10);
  // 784·256 + 256 + 256·10 + 10
  EXPECT_EQ(model.trainable_count(), 203530u);
  EXPECT_GE(model.parameter_count(), model.trainable_count());

  const std::string summary = model.summary();
  EXPECT_NE(summary.find("total parameters: 203530"), std::string::npos) << summary;
  EXPECT_NE(summary.find("(1, 28, 28)"), std::string::npos) << summary;
  EXPECT_NE(summary.find("(256)"), std::string::npos) << summary;
  EXPECT_NE(summary.find("200960"), std::string::npos) << summary;
  EXPECT_NE(summary.find("2570"), std::string::npos) << summary;
  EXPECT_NE(summary.find("Softmax"), std::string::npos) << summary;
}

TEST(SequentialTest, EveryLayerViewIs64ByteAligned) {
  for (const char* text : {"dense:256:relu,dense:10:softmax", "input:7,dense:5:relu,dense:3,dense:9"}) {
    Sequential model = build_model(text);
    for (int i = 0; i < model.layer_count(); ++i) {
      const auto params = reinterpret_cast<std::uintptr_t>(model.parameters() + model.parameter_offset(i));
      const auto grads = reinterpret_cast<std::uintptr_t>(model.gradients() + model.parameter_offset(i));
      EXPECT_EQ(params % 64, 0u) << text << ", layer " << i;
      EXPECT_EQ(grads % 64, 0u) << text << ", layer " << i;
    }
  }
}

TEST(SequentialTest, UnpaddedAndSetFromUnpaddedRoundTrip) {
  // 7·5 + 5 = 40 and 5·3 + 3 = 18 parameters: both views are padded to 16-float lines.
  Sequential model = build_model("input:7,dense:5:relu,dense:3");
  ASSERT_EQ(model.trainable_count(), 58u);
  ASSERT_EQ(model.parameter_count(), 48u + 32u);

  std::vector<float> values(model.trainable_count());
  for (std::size_t i = 0; i < values.size(); ++i) values[i] = float(i + 1);
  std::vector<float> block(model.parameter_count(), 0.0f);
  model.set_from_unpadded(values.data(), block.data());

  // Layer 0's 40 values at offset 0, layer 2's 18 at its offset, zeros in the padding.
  const std::size_t second = model.parameter_offset(2);
  EXPECT_EQ(second, 48u);
  for (std::size_t i = 0; i < block.size(); ++i) {
    float expected = 0;
    if (i < 40) expected = float(i + 1);
    else if (i >= second && i < second + 18) expected = float(40 + (i - second) + 1);
    EXPECT_EQ(block[i], expected) << "block[" << i << "]";
  }
  EXPECT_EQ(model.unpadded(block.data()), values);
}

// Whole-model backpropagation: every trainable parameter's gradient against a central difference
// of L = Σ output·r, through two hidden layers and a softmax.
TEST(SequentialTest, BackwardMatchesFiniteDifferencesOnEveryParameter) {
  Sequential model = build_model("input:7,dense:6:tanh,dense:5:sigmoid,dense:4:softmax");
  Rng rng(404);
  const auto values = random_values(rng, model.trainable_count(), -0.8f, 0.8f);
  model.set_from_unpadded(values.data(), model.parameters());
  const auto x = random_values(rng, std::size_t(kBatch) * 7, -1.0f, 1.0f);
  const auto r = random_values(rng, std::size_t(kBatch) * 4, -1.0f, 1.0f);
  auto objective = [&] { return weighted_sum(model.forward(x.data(), kBatch, PassContext{}), r); };

  objective();
  std::fill(model.gradients(), model.gradients() + model.parameter_count(), kNaN);
  model.backward(x.data(), r.data(), model.layer_count() - 1, kBatch);
  const std::vector<float> grads(model.gradients(), model.gradients() + model.parameter_count());

  for (int l = 0; l < model.layer_count(); ++l) {
    const std::size_t at = model.parameter_offset(l);
    for (std::size_t j = 0; j < model.layer(l).parameter_count(); ++j) {
      const double numeric = central_difference(model.parameters() + at + j, 2e-3f, objective);
      expect_close(numeric, grads[at + j], 5e-4, 2e-3,
                   "layer " + std::to_string(l) + " parameter " + std::to_string(j));
    }
  }
}

// backward(from = the layer before the softmax) starts from dL/d(logits): the trainer's fused
// softmax + cross-entropy path. The gradients are those of L = Σ logits·r.
TEST(SequentialTest, BackwardFromAnInnerLayerSkipsTheLayersAfterIt) {
  Sequential model = build_model("input:7,dense:6:tanh,dense:4:softmax");
  Rng rng(505);
  const auto values = random_values(rng, model.trainable_count(), -0.8f, 0.8f);
  model.set_from_unpadded(values.data(), model.parameters());
  const auto x = random_values(rng, std::size_t(kBatch) * 7, -1.0f, 1.0f);
  const auto r = random_values(rng, std::size_t(kBatch) * 4, -1.0f, 1.0f);
  const int logits = model.layer_count() - 2;
  auto objective = [&] {
    model.forward(x.data(), kBatch, PassContext{});
    return weighted_sum(model.activation(logits), r);
  };

  objective();
  model.backward(x.data(), r.data(), logits, kBatch);
  const std::vector<float> grads(model.gradients(), model.gradients() + model.parameter_count());
  for (int l = 0; l <= logits; ++l) {
    const std::size_t at = model.parameter_offset(l);
    for (std::size_t j = 0; j < model.layer(l).parameter_count(); ++j) {
      const double numeric = central_difference(model.parameters() + at + j, 2e-3f, objective);
      expect_close(numeric, grads[at + j], 5e-4, 2e-3,
                   "layer " + std::to_string(l) + " parameter " + std::to_string(j));
    }
  }
}

}  // namespace
}  // namespace mnist
