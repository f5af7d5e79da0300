// TrainingSession as the page's worker uses it: loading the real MNIST bytes, limiting the
// training set, training, feature maps and layer weights for drawing. Also the GEMM timing probe
// that bench:web calls in the browser.
#include <gtest/gtest.h>

#include "cli/gzip_file.h"
#include "core/kernels/gemm_timing.h"
#include "core/session/training_session.h"

namespace mnist {
namespace {

std::vector<std::uint8_t> read_data_file(const std::string& name) {
  auto bytes = read_file_maybe_gzip(std::string(MNIST_TEST_DATA_DIR) + "/" + name + ".gz");
  EXPECT_TRUE(bytes.ok()) << bytes.error();
  return bytes.ok() ? std::move(*bytes) : std::vector<std::uint8_t>{};
}

TrainingSession& session_with_data() {
  static TrainingSession* session = [] {
    auto* s = new TrainingSession();
    const auto images = read_data_file("train-images-idx3-ubyte");
    const auto labels = read_data_file("train-labels-idx1-ubyte");
    EXPECT_TRUE(s->load_training_data(images.data(), images.size(), labels.data(), labels.size()).ok());
    return s;
  }();
  return *session;
}

TEST(TrainingSessionTest, LimitingTheTrainingSetShortensTheEpoch) {
  TrainingSession& s = session_with_data();
  ASSERT_EQ(s.count(Split::kTrain), 55000);
  ASSERT_TRUE(s.limit_training_data(640).ok());
  EXPECT_EQ(s.count(Split::kTrain), 640);
  EXPECT_EQ(s.count(Split::kValidation), 5000);
  TrainConfig config;
  config.batch_size = 64;
  ASSERT_TRUE(s.configure(config).ok());
  const TrainProgress p = s.train_batches(1000);
  EXPECT_TRUE(p.error.empty()) << p.error;
  EXPECT_EQ(p.batches_per_epoch, 10);
  EXPECT_TRUE(p.epoch_finished);
  EXPECT_EQ(p.samples_seen, 640);

  ASSERT_TRUE(s.limit_training_data(0).ok());  // 0: all of them again
  EXPECT_EQ(s.count(Split::kTrain), 55000);
  EXPECT_FALSE(s.limit_training_data(-1).ok());
}

TEST(TrainingSessionTest, ConvLayersExposeFiltersAndFeatureMaps) {
  TrainingSession& s = session_with_data();
  TrainConfig config;
  config.model_spec = "conv:8:5x5:relu,maxpool:2,conv:16:5x5:relu,maxpool:2,flatten,dense:10:softmax";
  ASSERT_TRUE(s.configure(config).ok());

  const LayerWeights filters = s.layer_weights(0);
  EXPECT_EQ(filters.kind, "Conv2D");
  EXPECT_EQ(filters.rows, 8);
  EXPECT_EQ(filters.cols, 25);
  EXPECT_EQ(filters.channels, 1);
  EXPECT_EQ(filters.kernel_h, 5);
  EXPECT_EQ(filters.weights.size(), 200u);

  const std::vector<std::uint8_t> image = s.image(Split::kValidation, 0);
  std::vector<float> pixels(image.begin(), image.end());
  for (float& p : pixels) p /= 255.0f;
  auto maps = s.feature_maps(pixels);
  ASSERT_TRUE(maps.ok()) << maps.error();
  // conv, relu, maxpool, conv, relu, maxpool have spatial outputs; flatten onwards do not.
  ASSERT_EQ(maps->size(), 6u);
  EXPECT_EQ((*maps)[0].kind, "Conv2D");
  EXPECT_EQ((*maps)[0].channels, 8);
  EXPECT_EQ((*maps)[0].height, 24);
  EXPECT_EQ((*maps)[0].values.size(), 8u * 24 * 24);
  EXPECT_EQ((*maps)[5].height, 4);

  EXPECT_FALSE(s.feature_maps(std::vector<float>(10)).ok());
}

TEST(GemmTimingTest, ReportsAPositiveRate) {
  const kernels::GemmTiming t =
      kernels::time_gemm(kernels::Trans::kNo, kernels::Trans::kTrans, 8, 16, 32, 0.001);
  EXPECT_GT(t.seconds_per_call, 0);
  EXPECT_GT(t.gflops, 0);
}

}  // namespace
}  // namespace mnist
