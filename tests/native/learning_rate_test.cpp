// TrainingSession::set_learning_rate: how the page recovers from a diverged run. It goes back to
// a model file saved before the divergence and lowers the rate; the weights, optimizer state and
// position stay, the session's and the trainer's configs carry the new rate, and training goes on
// with finite losses. Refused: no model, a rate out of (0, 100], a model mid-epoch.
// Synthetic data keeps it quick: each digit is a bright horizontal bar at its own height.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "core/session/training_session.h"
#include "core/util/rng.h"
#include "tests/native/bar_digits.h"

namespace mnist {
namespace {

constexpr int kTrainImages = 320;
constexpr int kImages = 349;  // the session holds out the last twelfth (29) for validation

// A session with the bar digits loaded and `config` built.
void prepare(TrainingSession& session, const TrainConfig& config) {
  static const BarDigits data(kImages, 7);
  ASSERT_TRUE(session.load_training_data(data.images.data(), data.images.size(),
                                         data.labels.data(), data.labels.size()));
  ASSERT_TRUE(session.configure(config)) << session.configure(config).error();
}

// The run that diverges in the page's test: momentum at rate 100 with He-initialised ReLUs.
TrainConfig diverging_config() {
  TrainConfig c;
  c.model_spec = "dense:64:leaky_relu,dense:64:leaky_relu,dense:10:softmax";
  c.optimizer = "momentum";
  c.init = "he_normal";
  c.learning_rate = 100;
  c.batch_size = 32;
  c.epochs = 3;
  c.seed = 1;
  return c;
}

// Trains whole epochs; returns the last call's progress (an error when it diverged).
TrainProgress train_epoch(TrainingSession& session) {
  TrainProgress p;
  do {
    p = session.train_batches(1000);
  } while (p.error.empty() && !p.epoch_finished);
  return p;
}

TEST(SetLearningRate, RecoversADivergedRunFromTheLastGoodModelFile) {
  TrainingSession session;
  prepare(session, diverging_config());
  const std::vector<std::uint8_t> good = session.save_model(true);  // the run's start
  const TrainProgress diverged = train_epoch(session);
  ASSERT_EQ(diverged.error_kind, TrainError::kDiverged) << "the test needs a diverging run";

  // Back to the good weights, ten times lower until it trains (100 -> 10 -> 1 -> 0.1 at most).
  float rate = 100;
  TrainProgress p;
  for (int tries = 0; tries < 4; ++tries) {
    rate /= 10;
    ASSERT_TRUE(session.load_model(good.data(), good.size()));
    const Status s = session.set_learning_rate(rate);
    ASSERT_TRUE(s) << s.error();
    EXPECT_FLOAT_EQ(session.config().learning_rate, rate);
    p = train_epoch(session);
    if (p.error.empty()) break;
    EXPECT_EQ(p.error_kind, TrainError::kDiverged) << p.error;
  }
  ASSERT_TRUE(p.error.empty()) << "still diverging at rate " << rate << ": " << p.error;
  EXPECT_TRUE(std::isfinite(p.loss));
  EXPECT_EQ(session.position().epochs_done, 1);
  // The trainer uses the new rate (the progress reports the rate of its last batch).
  EXPECT_FLOAT_EQ(p.learning_rate, rate);
  // The model file written now carries it too.
  const auto bytes = session.save_model(true);
  TrainingSession reloaded;
  ASSERT_TRUE(reloaded.load_model(bytes.data(), bytes.size()));
  EXPECT_FLOAT_EQ(reloaded.config().learning_rate, rate);
}

TEST(SetLearningRate, KeepsWeightsOptimizerStateAndPosition) {
  TrainConfig config;
  config.model_spec = "dense:16:relu,dense:10:softmax";
  config.optimizer = "adam";
  config.learning_rate = 0.01f;
  config.epochs = 4;
  TrainingSession session;
  prepare(session, config);
  ASSERT_TRUE(train_epoch(session).error.empty());
  const std::vector<std::uint8_t> before = session.save_model(true);

  ASSERT_TRUE(session.set_learning_rate(0.002f));
  const TrainingPosition at = session.position();
  EXPECT_EQ(at.epochs_done, 1);
  EXPECT_EQ(at.samples_seen, kTrainImages);
  EXPECT_EQ(at.epochs, 4);
  EXPECT_FLOAT_EQ(session.config().learning_rate, 0.002f);
  // Weights and optimizer state are those of before: setting the old rate back gives the same file.
  ASSERT_TRUE(session.set_learning_rate(0.01f));
  EXPECT_EQ(session.save_model(true), before);
}

TEST(SetLearningRate, RefusesWithoutAModelOutOfRangeAndMidEpoch) {
  TrainingSession empty;
  EXPECT_NE(empty.set_learning_rate(0.1f).error().find("no model"), std::string::npos);

  TrainConfig config;
  config.model_spec = "dense:8:relu,dense:10:softmax";
  config.learning_rate = 0.05f;
  TrainingSession session;
  prepare(session, config);
  for (float bad : {0.0f, -1.0f, 101.0f, std::nanf("")}) {
    const Status s = session.set_learning_rate(bad);
    EXPECT_FALSE(s) << bad;
    EXPECT_NE(s.error().find("learning rate"), std::string::npos) << s.error();
  }
  EXPECT_FLOAT_EQ(session.config().learning_rate, 0.05f);

  ASSERT_TRUE(session.train_batches(2).error.empty());
  const Status mid = session.set_learning_rate(0.01f);
  EXPECT_FALSE(mid);
  EXPECT_NE(mid.error().find("between epochs"), std::string::npos) << mid.error();
  EXPECT_EQ(session.position().batch_in_epoch, 2);
  EXPECT_FLOAT_EQ(session.config().learning_rate, 0.05f);
}

}  // namespace
}  // namespace mnist
