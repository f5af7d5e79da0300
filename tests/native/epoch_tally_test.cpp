// mnist-train's epoch figures (EpochTally): with --limit N an epoch is N images, and samples/s
// counts those, not the 55,000 of the training set (a bug once: the rate was 55,000/N too high).
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "cli/epoch_tally.h"
#include "core/data/dataset.h"
#include "core/train/trainer.h"

namespace mnist {
namespace {

TEST(EpochTallyTest, CountsTheImagesOfEachCallNotTheTrainingSet) {
  EpochTally tally(1000);  // samples seen before the epoch
  TrainProgress p;
  p.samples_seen = 1064, p.seconds = 0.5, p.loss = 2.0f, p.accuracy = 0.25f;
  tally.add(p);
  p.samples_seen = 1100, p.seconds = 0.25, p.loss = 1.0f, p.accuracy = 1.0f;
  tally.add(p);
  EXPECT_EQ(tally.samples(), 100);
  EXPECT_DOUBLE_EQ(tally.seconds(), 0.75);
  EXPECT_DOUBLE_EQ(tally.samples_per_second(), 100 / 0.75);
  EXPECT_NEAR(tally.loss(), (2.0 * 64 + 1.0 * 36) / 100, 1e-6);
  EXPECT_NEAR(tally.accuracy(), (0.25 * 64 + 36) / 100, 1e-6);
}

// A real epoch limited to 100 of 300 images: 100 samples, and the rate is 100 per its seconds.
TEST(EpochTallyTest, ALimitedEpochReportsTheLimitedCount) {
  Rng rng(3);
  std::vector<std::uint8_t> pixels(300 * 64), labels(300);
  for (auto& p : pixels) p = std::uint8_t(rng.uniform() * 255);
  for (std::size_t i = 0; i < labels.size(); ++i) labels[i] = std::uint8_t(i % 10);
  auto data = Dataset::from_pixels(8, 8, std::move(pixels), std::move(labels));
  ASSERT_TRUE(data.ok()) << data.error();
  TrainConfig config;
  config.model_spec = "input:8x8,dense:16:relu,dense:10:softmax";
  config.train_limit = 100;
  auto trainer = Trainer::create(config, Shape{1, 8, 8}, kDigitClasses);
  ASSERT_TRUE(trainer.ok()) << trainer.error();
  for (int epoch = 0; epoch < 2; ++epoch) {
    EpochTally tally((*trainer)->samples_seen());
    for (;;) {
      const TrainProgress p = (*trainer)->train_batches(*data, 2);  // several calls per epoch
      ASSERT_TRUE(p.error.empty()) << p.error;
      tally.add(p);
      if (p.epoch_finished) break;
    }
    EXPECT_EQ(tally.samples(), 100) << "epoch " << epoch;
    EXPECT_DOUBLE_EQ(tally.samples_per_second(), 100 / tally.seconds());
  }
}

}  // namespace
}  // namespace mnist
