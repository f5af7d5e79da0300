// The gradient check (core/teach/gradient_check.h) on real MNIST images: backpropagation agrees
// with central finite differences of the float32 engine's loss, and a wrong gradient is caught.
// Bounds, as measured (20 seeds x 5 checks per layer, fresh and after 5 and 100 batches):
//   seed MLP 784-256-10 (ReLU)         max 3.5e-4  -> asserted < 1e-3
//   sigmoid/tanh MLP 784-64-32-10      max 3.9e-4  -> asserted < 1e-3
//   CNN small (conv 8, conv 16, ReLU, max-pool) max 1.9e-2, in the convolutions, whose many
//   ReLU and max-pool switches leave few kink-free steps at float32 -> asserted < 5e-2
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/data/dataset.h"
#include "core/model/presets.h"
#include "core/session/training_session.h"
#include "core/train/trainer.h"
#include "tests/native/mnist_files.h"

namespace mnist {
namespace {

struct MnistBytes {
  std::vector<std::uint8_t> images = read_data_file("train-images-idx3-ubyte");
  std::vector<std::uint8_t> labels = read_data_file("train-labels-idx1-ubyte");
};

const MnistBytes& mnist_bytes() {
  static const MnistBytes bytes;
  return bytes;
}

TrainingSession& session_with_data() {
  static TrainingSession* session = [] {
    auto* s = new TrainingSession();
    const MnistBytes& d = mnist_bytes();
    EXPECT_TRUE(s->load_training_data(d.images.data(), d.images.size(), d.labels.data(), d.labels.size()).ok());
    return s;
  }();
  return *session;
}

// The largest relative error over a few seeds, each checking per_layer parameters per layer.
double worst_error(TrainingSession& s, int per_layer, int seeds) {
  double worst = 0;
  for (int seed = 1; seed <= seeds; ++seed) {
    GradientCheckOptions options;
    options.per_layer = per_layer;
    options.seed = std::uint64_t(seed);
    auto report = s.gradient_check(options);
    EXPECT_TRUE(report.ok()) << report.error();
    if (!report.ok()) return 1;
    EXPECT_EQ(report->examples, kGradientCheckExamples);
    for (const LayerGradientCheck& layer : report->layers) {
      EXPECT_EQ(int(layer.checks.size()) + layer.unchecked, per_layer);
      double layer_max = 0;
      for (const GradientCheckEntry& c : layer.checks) layer_max = std::max(layer_max, c.relative_error);
      EXPECT_EQ(layer.max_relative_error, layer_max);
    }
    worst = std::max(worst, report->max_relative_error);
  }
  return worst;
}

TEST(GradientCheckTest, TheSeedMlpsBackpropMatchesFiniteDifferences) {
  TrainingSession& s = session_with_data();
  ASSERT_TRUE(s.configure(find_preset("mlp")->config).ok());
  const LayerWeights before = s.layer_weights(0);
  GradientCheckOptions options;
  options.per_layer = 10;
  auto report = s.gradient_check(options);
  ASSERT_TRUE(report.ok()) << report.error();
  ASSERT_EQ(report->layers.size(), 2u);  // the two dense layers
  EXPECT_EQ(report->layers[0].index, 0);
  EXPECT_EQ(report->layers[0].kind, "Dense");
  EXPECT_EQ(report->layers[1].index, 2);
  for (const LayerGradientCheck& layer : report->layers) {
    ASSERT_EQ(layer.checks.size(), 10u);
    EXPECT_EQ(layer.unchecked, 0);
    const auto biases = std::count_if(layer.checks.begin(), layer.checks.end(),
                                      [](const GradientCheckEntry& c) { return c.name[0] == 'b'; });
    EXPECT_EQ(biases, 2);  // one draw in five
    for (const GradientCheckEntry& c : layer.checks) {
      EXPECT_NE(c.backprop, 0.0) << c.name;
      EXPECT_GE(c.step, options.min_step / 1024);
      EXPECT_LE(c.step, options.max_step);
    }
  }
  EXPECT_EQ(report->layers[0].checks[0].name.rfind("w[", 0), 0u);
  EXPECT_EQ(s.layer_weights(0).weights, before.weights);  // every perturbation undone

  const double fresh = worst_error(s, 5, 4);
  EXPECT_LT(fresh, 1e-3);
  ASSERT_TRUE(s.train_batches(100).error.empty());
  const double trained = worst_error(s, 5, 4);
  EXPECT_LT(trained, 1e-3);
  std::printf("[ measured ] seed MLP: max relative error %.2e fresh, %.2e after 100 batches\n", fresh,
              trained);
}

TEST(GradientCheckTest, ASigmoidTanhMlpsBackpropMatchesFiniteDifferences) {
  TrainingSession& s = session_with_data();
  TrainConfig config;
  config.model_spec = "dense:64:sigmoid,dense:32:tanh,dense:10:softmax";
  ASSERT_TRUE(s.configure(config).ok());
  const double fresh = worst_error(s, 5, 4);
  ASSERT_TRUE(s.train_batches(100).error.empty());
  const double trained = worst_error(s, 5, 4);
  EXPECT_LT(fresh, 1e-3);
  EXPECT_LT(trained, 1e-3);
  std::printf("[ measured ] sigmoid/tanh MLP: max relative error %.2e fresh, %.2e after 100 batches\n",
              fresh, trained);
}

TEST(GradientCheckTest, ASmallCnnsBackpropMatchesFiniteDifferences) {
  TrainingSession& s = session_with_data();
  ASSERT_TRUE(s.configure(find_preset("cnn-small")->config).ok());
  ASSERT_TRUE(s.train_batches(20).error.empty());
  GradientCheckOptions options;
  auto report = s.gradient_check(options);
  ASSERT_TRUE(report.ok()) << report.error();
  ASSERT_EQ(report->layers.size(), 3u);  // two convolutions and the dense layer
  EXPECT_EQ(report->layers[0].kind, "Conv2D");
  int checks = 0;
  for (const LayerGradientCheck& layer : report->layers) checks += int(layer.checks.size());
  EXPECT_GE(checks, 10);
  const double worst = worst_error(s, 5, 3);
  EXPECT_LT(worst, 5e-2);
  std::printf("[ measured ] CNN small after 20 batches: max relative error %.2e\n", worst);
}

// A backprop that is 2% off in one layer: the check sees it there, and only there.
TEST(GradientCheckTest, AWrongGradientIsCaught) {
  const MnistBytes& d = mnist_bytes();
  auto data = Dataset::from_idx_bytes(d.images.data(), d.images.size(), "images", d.labels.data(),
                                      d.labels.size(), "labels");
  ASSERT_TRUE(data.ok()) << data.error();
  auto trainer = Trainer::create(find_preset("mlp")->config, Shape{1, 28, 28}, kDigitClasses);
  ASSERT_TRUE(trainer.ok()) << trainer.error();
  Sequential& model = (*trainer)->model();
  const ProbeBatch probe = first_examples(*data, kGradientCheckExamples);
  std::vector<float> gradient = probe_gradient(model, LossKind::kCrossEntropy, probe);
  const GradientCheckReport right =
      check_gradients(model, LossKind::kCrossEntropy, probe, gradient, GradientCheckOptions{});
  EXPECT_LT(right.max_relative_error, 1e-3);

  const std::size_t first = model.parameter_offset(2);
  for (std::size_t i = first; i < first + model.layer(2).parameter_count(); ++i) gradient[i] *= 1.02f;
  const GradientCheckReport wrong =
      check_gradients(model, LossKind::kCrossEntropy, probe, gradient, GradientCheckOptions{});
  ASSERT_EQ(wrong.layers.size(), 2u);
  EXPECT_LT(wrong.layers[0].max_relative_error, 1e-3);
  EXPECT_GT(wrong.layers[1].max_relative_error, 1e-2);
  for (const GradientCheckEntry& c : wrong.layers[1].checks) EXPECT_GT(c.relative_error, 1e-2) << c.name;
  EXPECT_GT(wrong.max_relative_error, 1e-2);
}

TEST(GradientCheckTest, ItNeedsAModelDataAndASensibleCount) {
  TrainingSession empty;
  EXPECT_NE(empty.gradient_check({}).error().find("no model"), std::string::npos);
  ASSERT_TRUE(empty.configure(TrainConfig{}).ok());
  EXPECT_NE(empty.gradient_check({}).error().find("no training data"), std::string::npos);
  TrainingSession& s = session_with_data();
  ASSERT_TRUE(s.configure(TrainConfig{}).ok());
  GradientCheckOptions options;
  options.per_layer = 0;
  EXPECT_NE(s.gradient_check(options).error().find("from 1 to 50"), std::string::npos);
  options.per_layer = 51;
  EXPECT_FALSE(s.gradient_check(options).ok());
}

}  // namespace
}  // namespace mnist
