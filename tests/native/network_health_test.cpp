// Network health (core/teach/network_health.h) on hand-made networks whose state is known: ReLU
// units with very negative biases are dead (100%), sigmoid and tanh units with huge weights are
// saturated, histograms count every value, gradient norms are those of the probe's gradient.
// Then the session's report on synthetic bar digits (tests/native/bar_digits.h).
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>
#include <string>

#include "core/model/sequential.h"
#include "core/session/training_session.h"
#include "core/teach/network_health.h"
#include "tests/native/bar_digits.h"

namespace mnist {
namespace {

Sequential model_of(const std::string& spec) {
  auto parsed = parse_model_spec(spec);
  EXPECT_TRUE(parsed.ok()) << parsed.error();
  auto model = Sequential::build(*parsed);
  EXPECT_TRUE(model.ok()) << model.error();
  Rng rng(3);
  model->initialize(Initializer::kGlorotUniform, rng);
  model->prepare(32);  // smaller than the probe: the report comes from several chunks
  return std::move(*model);
}

ProbeBatch random_probe(const Sequential& model, int count) {
  ProbeBatch probe;
  probe.count = count;
  Rng rng(9);
  probe.x.resize(std::size_t(count) * model.input_shape().size());
  for (float& v : probe.x) v = rng.uniform();
  for (int b = 0; b < count; ++b) probe.labels.push_back(std::uint8_t(rng.below(10)));
  return probe;
}

// Adds `value` to the biases of layer i and multiplies its weights by `scale`.
void reshape_layer(Sequential& model, int i, float scale, float bias) {
  const Layer& layer = model.layer(i);
  float* p = model.parameters() + model.parameter_offset(i);
  for (std::size_t k = 0; k < layer.parameter_count(); ++k)
    p[k] = k < layer.decayed_count() ? p[k] * scale : p[k] + bias;
}

int total(const Histogram& h) { return std::accumulate(h.counts.begin(), h.counts.end(), 0); }

TEST(NetworkHealthTest, HistogramsCountEveryFiniteValueBetweenMinAndMax) {
  const float values[] = {-1, 0, 0.5f, 1, 2, NAN, 3, INFINITY};
  const Histogram h = histogram(values, 8);
  EXPECT_EQ(h.min, -1);
  EXPECT_EQ(h.max, 3);
  ASSERT_EQ(h.counts.size(), std::size_t(kHistogramBins));
  EXPECT_EQ(total(h), 6);
  EXPECT_EQ(h.counts[0], 1);                   // -1
  EXPECT_EQ(h.counts[6], 1);                   // 0: (0 - -1) / 4 * 24 = 6
  EXPECT_EQ(h.counts[kHistogramBins - 1], 1);  // 3, the maximum, in the last bin
  const float same[] = {2, 2, 2};
  EXPECT_EQ(histogram(same, 3).counts[0], 3);
}

TEST(NetworkHealthTest, ReluUnitsWithVeryNegativeBiasesAreDead) {
  Sequential model = model_of("input:16,dense:8:relu,dense:10:softmax");
  const ProbeBatch probe = random_probe(model, 100);
  NetworkHealth health = network_health(model, LossKind::kCrossEntropy, probe);
  ASSERT_EQ(health.layers.size(), 4u);
  EXPECT_EQ(health.examples, 100);
  const LayerHealth& relu = health.layers[1];
  ASSERT_TRUE(relu.dead_percent.has_value());
  EXPECT_LT(*relu.dead_percent, 100);
  EXPECT_FALSE(relu.saturated_percent.has_value());
  EXPECT_FALSE(health.layers[0].dead_percent.has_value());  // the dense layer itself: no
  EXPECT_FALSE(relu.weights.has_value());
  EXPECT_GT(*health.layers[0].gradient_norm, 0);

  reshape_layer(model, 0, 1, -100);
  health = network_health(model, LossKind::kCrossEntropy, probe);
  EXPECT_EQ(*health.layers[1].dead_percent, 100);
  EXPECT_EQ(health.layers[1].activations.max, 0);
  EXPECT_EQ(*health.layers[0].gradient_norm, 0);  // nothing flows back through dead units
  EXPECT_GT(*health.layers[2].gradient_norm, 0);  // the output layer's bias still learns
  // Every value counted: the weights (16x8), the outputs of every example (100 x 8).
  EXPECT_EQ(total(*health.layers[0].weights), 16 * 8);
  EXPECT_EQ(total(*health.layers[0].gradients), 16 * 8);
  EXPECT_EQ(total(health.layers[1].activations), 100 * 8);
  EXPECT_EQ(total(health.layers[3].activations), 100 * 10);
}

TEST(NetworkHealthTest, ADeadConvChannelCountsAsOneUnit) {
  Sequential model = model_of("input:8x8x1,conv:3:3x3:relu,flatten,dense:10:softmax");
  const ProbeBatch probe = random_probe(model, 40);
  float* bias = model.parameters() + model.parameter_offset(0) + 3 * 9;
  bias[1] = -100;  // channel 1 never fires
  bias[0] = bias[2] = 100;  // the others always do
  const NetworkHealth health = network_health(model, LossKind::kCrossEntropy, probe);
  EXPECT_NEAR(*health.layers[1].dead_percent, 100.0 / 3, 1e-9);
}

TEST(NetworkHealthTest, SigmoidAndTanhUnitsWithHugeWeightsAreSaturated) {
  for (const char* activation : {"sigmoid", "tanh"}) {
    SCOPED_TRACE(activation);
    Sequential model = model_of(std::string("input:16,dense:20:") + activation + ",dense:10:softmax");
    const ProbeBatch probe = random_probe(model, 64);
    reshape_layer(model, 0, 0.01f, 0);  // small weights: outputs near sigmoid(0), tanh(0)
    EXPECT_EQ(*network_health(model, LossKind::kCrossEntropy, probe).layers[1].saturated_percent, 0);
    reshape_layer(model, 0, 100 * 200, 0);  // then 200x the initial weights
    const NetworkHealth health = network_health(model, LossKind::kCrossEntropy, probe);
    EXPECT_GE(*health.layers[1].saturated_percent, 90);
    EXPECT_FALSE(health.layers[1].dead_percent.has_value());
    const Histogram& a = health.layers[1].activations;
    const int edges = a.counts.front() + a.counts.back();
    EXPECT_GT(edges, total(a) * 8 / 10);  // piled up at the two bounds
  }
}

TEST(NetworkHealthTest, TheSessionReportsOnTheFirstValidationImages) {
  const BarDigits data(5000 + 100, 4);
  TrainingSession s;
  EXPECT_FALSE(s.network_health().ok());
  ASSERT_TRUE(s.load_training_data(data.images.data(), data.images.size(), data.labels.data(),
                                   data.labels.size())
                  .ok());
  TrainConfig config;
  config.model_spec = "dense:32:relu,dense:10:softmax";
  ASSERT_TRUE(s.configure(config).ok());
  const LayerWeights before = s.layer_weights(0);
  auto health = s.network_health();
  ASSERT_TRUE(health.ok()) << health.error();
  EXPECT_EQ(health->examples, kHealthExamples);
  ASSERT_EQ(health->layers.size(), 4u);
  EXPECT_EQ(health->layers[0].spec, "dense:32");
  EXPECT_EQ(health->layers[1].kind, "ReLU");
  EXPECT_EQ(total(health->layers[1].activations), kHealthExamples * 32);
  EXPECT_EQ(s.layer_weights(0).weights, before.weights);
}

}  // namespace
}  // namespace mnist
