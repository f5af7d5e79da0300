// TrainingSession::extend_run: continuing a model (trained, or loaded from a model file) for more
// epochs keeps its weights, optimizer state and position; the run's length grows in the session's
// and the trainer's config; bad counts are refused. Also: exceptions inside the session (a model
// too big for memory) come back as error messages, and predict refuses non-finite pixels.
// Synthetic data keeps it quick: each digit is a bright horizontal bar at its own height.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "core/session/training_session.h"
#include "core/util/rng.h"
#include "tests/native/bar_digits.h"

#if defined(__linux__)
#include <sys/resource.h>
#include <unistd.h>

#include <fstream>
#endif

namespace mnist {
namespace {

constexpr int kTrainImages = 640;
constexpr int kImages = 698;  // the session holds out the last twelfth (58) for validation
const float kChanceLoss = std::log(10.0f);  // cross-entropy of a uniform guess

bool contains(const std::string& text, const std::string& words) {
  return text.find(words) != std::string::npos;
}

const BarDigits& bar_digits() {
  static const BarDigits data(kImages, 3);
  return data;
}

void load(TrainingSession& s) {
  const BarDigits& d = bar_digits();
  const Status status =
      s.load_training_data(d.images.data(), d.images.size(), d.labels.data(), d.labels.size());
  ASSERT_TRUE(status.ok()) << status.error();
  ASSERT_EQ(s.count(Split::kTrain), kTrainImages);
}

TrainConfig small_config(int epochs) {
  TrainConfig config;
  config.model_spec = "dense:32:relu,dense:10:softmax";
  config.batch_size = 32;  // 20 batches an epoch
  config.epochs = epochs;
  config.seed = 7;
  return config;
}

// Trains whole epochs; returns the last call's progress.
TrainProgress train_epochs(TrainingSession& s, int epochs) {
  TrainProgress p;
  for (int e = 0; e < epochs; ++e) {
    p = s.train_batches(1000);
    EXPECT_TRUE(p.error.empty()) << p.error;
    EXPECT_TRUE(p.epoch_finished);
  }
  return p;
}

class ContinueRunTest : public ::testing::Test {
 protected:
  void SetUp() override {
    load(session_);
    ASSERT_TRUE(session_.configure(small_config(3)).ok());
  }
  TrainingSession session_;
};

TEST_F(ContinueRunTest, ContinuingKeepsTheWeightsAndCountsOn) {
  const TrainProgress trained = train_epochs(session_, 3);
  ASSERT_EQ(trained.epoch, 3);
  ASSERT_LT(trained.loss, 0.5f * kChanceLoss);  // the bars are learnt
  const auto weights = session_.layer_weights(0).weights;

  const Status extended = session_.extend_run(2);
  ASSERT_TRUE(extended.ok()) << extended.error();
  EXPECT_EQ(session_.config().epochs, 5);
  EXPECT_EQ(session_.position().epochs, 5);
  EXPECT_EQ(session_.position().epochs_done, 3);
  EXPECT_EQ(session_.layer_weights(0).weights, weights);  // extending alone trains nothing

  // The first batch starts from the trained loss level, not from chance as a fresh model does.
  const TrainProgress next = session_.train_batches(1);
  ASSERT_TRUE(next.error.empty()) << next.error;
  EXPECT_LT(next.first_batch_loss, 0.5f * kChanceLoss);
  TrainingSession fresh;
  load(fresh);
  ASSERT_TRUE(fresh.configure(small_config(3)).ok());
  EXPECT_GT(fresh.train_batches(1).first_batch_loss, 0.8f * kChanceLoss);

  // The epoch and sample counters continue from where the first run stopped.
  EXPECT_EQ(next.epoch, 3);
  EXPECT_EQ(next.batch, 1);
  EXPECT_EQ(next.samples_seen, 3 * kTrainImages + 32);
  const TrainProgress fourth = session_.train_batches(1000);
  EXPECT_TRUE(fourth.epoch_finished);
  EXPECT_EQ(fourth.epoch, 4);
  const TrainProgress fifth = session_.train_batches(1000);
  EXPECT_EQ(fifth.epoch, 5);
  EXPECT_EQ(fifth.samples_seen, 5 * kTrainImages);
  EXPECT_LE(fifth.loss, trained.loss);
}

TEST_F(ContinueRunTest, AnEpochUnderWayIsFinishedFirst) {
  train_epochs(session_, 1);
  ASSERT_TRUE(session_.train_batches(3).error.empty());
  EXPECT_EQ(session_.position().batch_in_epoch, 3);
  ASSERT_TRUE(session_.extend_run(2).ok());
  EXPECT_EQ(session_.config().epochs, 4);  // 1 done + the one under way + 2
  EXPECT_EQ(session_.position().batch_in_epoch, 3);
}

TEST_F(ContinueRunTest, ACosineScheduleFollowsTheNewTotal) {
  TrainConfig config = small_config(2);
  config.schedule = "cosine";
  config.learning_rate = 0.01f;
  ASSERT_TRUE(session_.configure(config).ok());
  train_epochs(session_, 2);
  ASSERT_TRUE(session_.extend_run(2).ok());
  // lr(e) = lr0 (1 + cos(pi e / E)) / 2 with e = 2 epochs done of E = 4: lr0 / 2.
  const TrainProgress p = session_.train_batches(1);
  EXPECT_NEAR(p.learning_rate, 0.005f, 1e-6f);
}

TEST_F(ContinueRunTest, ASavedModelLoadedAndExtendedTrainsOn) {
  train_epochs(session_, 3);
  const EvalMetrics before = session_.evaluate(Split::kValidation);
  ASSERT_TRUE(before.error.empty()) << before.error;
  ASSERT_GT(before.accuracy, 0.8f);
  const TrainProgress last = session_.train_batches(1);  // a batch of the next epoch, for the loss
  const auto bytes = session_.save_model(true);
  ASSERT_FALSE(bytes.empty());

  TrainingSession restored;
  load(restored);
  ASSERT_TRUE(restored.load_model(bytes.data(), bytes.size()).ok());
  // A model file stores whole epochs: the part-epoch is trained again from its start.
  EXPECT_EQ(restored.position().epochs_done, 3);
  EXPECT_EQ(restored.position().batch_in_epoch, 0);
  EXPECT_EQ(restored.position().samples_seen, 3 * kTrainImages + 32);
  const Status extended = restored.extend_run(2);
  ASSERT_TRUE(extended.ok()) << extended.error();
  EXPECT_EQ(restored.config().epochs, 5);

  const TrainProgress first = restored.train_batches(1);
  EXPECT_LT(first.first_batch_loss, 0.5f * kChanceLoss);
  const TrainProgress rest = train_epochs(restored, 2);
  EXPECT_EQ(rest.epoch, 5);
  EXPECT_LE(rest.loss, last.loss * 1.1f);  // keeps falling (one batch of noise allowed for)
  const EvalMetrics after = restored.evaluate(Split::kValidation);
  EXPECT_GE(after.accuracy, before.accuracy - 0.02f);
}

TEST_F(ContinueRunTest, BadCountsAreRefusedAndChangeNothing) {
  for (int more : {0, -1, kMaxEpochs + 1}) {
    const Status s = session_.extend_run(more);
    ASSERT_FALSE(s.ok()) << more;
    EXPECT_TRUE(contains(s.error(), "from 1 to 1000, got " + std::to_string(more))) << s.error();
  }
  train_epochs(session_, 1);
  const Status too_long = session_.extend_run(kMaxEpochs);
  ASSERT_FALSE(too_long.ok());
  EXPECT_TRUE(contains(too_long.error(), "trained 1 epochs")) << too_long.error();
  EXPECT_TRUE(contains(too_long.error(), "at most 1000")) << too_long.error();
  EXPECT_EQ(session_.config().epochs, 3);
  EXPECT_EQ(session_.position().epochs, 3);
  EXPECT_TRUE(session_.extend_run(kMaxEpochs - 1).ok());  // exactly 1000 is allowed

  TrainingSession empty;
  const Status no_model = empty.extend_run(1);
  ASSERT_FALSE(no_model.ok());
  EXPECT_TRUE(contains(no_model.error(), "no model")) << no_model.error();
  EXPECT_EQ(empty.position().epochs_done, 0);
}

TEST(SessionPredictTest, NonFinitePixelsAreNamed) {
  TrainingSession s;
  ASSERT_TRUE(s.configure(small_config(1)).ok());
  std::vector<float> pixels(784, 0.5f);
  pixels[12] = std::nanf("");
  auto nan = s.predict(pixels);
  ASSERT_FALSE(nan.ok());
  EXPECT_TRUE(contains(nan.error(), "pixel 12 is NaN")) << nan.error();
  pixels[12] = INFINITY;
  EXPECT_TRUE(contains(s.predict(pixels).error(), "pixel 12 is infinite"));
  EXPECT_FALSE(s.feature_maps(pixels).ok());
  pixels[12] = 0.5f;
  auto ok = s.predict(pixels);
  ASSERT_TRUE(ok.ok()) << ok.error();
  EXPECT_EQ(ok->size(), 10u);
}

// Sanitizers reserve far more address space than the limit below allows.
#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
#define MNIST_UNDER_SANITIZER 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define MNIST_UNDER_SANITIZER 1
#endif

#if defined(__linux__) && !defined(MNIST_UNDER_SANITIZER)
// The process's current address-space size in bytes (the first field of /proc/self/statm).
std::uint64_t address_space_bytes() {
  std::ifstream statm("/proc/self/statm");
  std::uint64_t pages = 0;
  statm >> pages;
  return pages * std::uint64_t(sysconf(_SC_PAGESIZE));
}

// With the address space capped at what the process uses plus 256 MB, a model of 615 MB of
// weights cannot be allocated: a real std::bad_alloc inside configure, which must come back as an
// error and leave the session usable.
TEST(SessionMemoryTest, AModelTooBigForMemoryIsAnErrorNotACrash) {
  TrainingSession s;
  ASSERT_TRUE(s.configure(small_config(1)).ok());
  rlimit old{};
  ASSERT_EQ(getrlimit(RLIMIT_AS, &old), 0);
  rlimit tight = old;
  tight.rlim_cur = rlim_t(address_space_bytes() + (256u << 20));
  if (old.rlim_cur != RLIM_INFINITY && old.rlim_cur < tight.rlim_cur) tight.rlim_cur = old.rlim_cur;
  ASSERT_EQ(setrlimit(RLIMIT_AS, &tight), 0);
  TrainConfig huge = small_config(1);
  huge.model_spec = "dense:12000:relu,dense:12000:relu,dense:10:softmax";  // 615 MB of weights
  const Status status = s.configure(huge);
  ASSERT_EQ(setrlimit(RLIMIT_AS, &old), 0);

  ASSERT_FALSE(status.ok());
  EXPECT_TRUE(contains(status.error(), "out of memory while building the model")) << status.error();
  EXPECT_EQ(s.config().model_spec, small_config(1).model_spec);  // the old model stays
  EXPECT_TRUE(s.predict(std::vector<float>(784, 0.0f)).ok());
}
#endif

}  // namespace
}  // namespace mnist
