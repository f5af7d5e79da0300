// TrainingSession as the page's worker uses it: loading the real MNIST bytes, limiting the
// training set, training, feature maps and layer weights for drawing. Also the GEMM timing probe
// that bench:web calls in the browser.
#include <gtest/gtest.h>

#include "core/kernels/gemm_timing.h"
#include "core/session/training_session.h"
#include "tests/native/mnist_files.h"

namespace mnist {
namespace {

TrainingSession& session_with_data() {
  static TrainingSession* session = new_session_with_training_data();
  return *session;
}

TEST(TrainingSessionTest, ATrainingLimitShortensTheEpoch) {
  TrainingSession& s = session_with_data();
  ASSERT_EQ(s.count(Split::kTrain), 55000);
  TrainConfig config;
  config.batch_size = 64;
  config.train_limit = 640;
  ASSERT_TRUE(s.configure(config).ok());
  const TrainProgress p = s.train_batches(1000);
  EXPECT_TRUE(p.error.empty()) << p.error;
  EXPECT_EQ(p.batches_per_epoch, 10);
  EXPECT_TRUE(p.epoch_finished);
  EXPECT_EQ(p.samples_seen, 640);
  EXPECT_EQ(s.count(Split::kTrain), 55000);  // the data itself is untouched

  config.train_limit = 100000;  // more than there are: all of them
  ASSERT_TRUE(s.configure(config).ok());
  EXPECT_EQ(s.train_batches(1).batches_per_epoch, 860);

  config.train_limit = -1;
  const Status refused = s.configure(config);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().find("limit"), std::string::npos) << refused.error();
}

TEST(TrainingSessionTest, TrainingErrorsSayWhatKindTheyAre) {
  TrainingSession empty;
  EXPECT_EQ(empty.train_batches(1).error_kind, TrainError::kNoModel);
  ASSERT_TRUE(empty.configure(TrainConfig{}).ok());
  EXPECT_EQ(empty.train_batches(1).error_kind, TrainError::kNoData);
  EXPECT_STREQ(train_error_name(TrainError::kNoData), "no-data");

  TrainingSession& s = session_with_data();
  TrainConfig blows_up;  // found empirically: blows up within a few batches
  blows_up.model_spec = "dense:256:relu,dense:10";
  blows_up.loss = "mse";
  blows_up.optimizer = "sgd";
  blows_up.learning_rate = 100;
  blows_up.init = "he_normal";
  ASSERT_TRUE(s.configure(blows_up).ok());
  const TrainProgress p = s.train_batches(50);
  EXPECT_EQ(p.error_kind, TrainError::kDiverged) << p.error;
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
