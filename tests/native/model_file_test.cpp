// Model files: the encode/decode round trip, every kind of damage a file can suffer giving an
// error (never a crash), restoring a Trainer from a file, and TrainingSession's save/load.
//
// What "a restored run continues identically" means here: the file stores the weights, the
// optimizer state (velocity, or Adam's m and v, and the step count t) and the position (epochs,
// samples seen), but not the batch-order RNG, so a restored trainer shuffles differently from the
// original. The continuation test therefore trains on a data set of identical images, where every
// batch is the same whatever the order; then original and restored trainer must stay
// bit-identical, and a restore without the optimizer state must not (the state matters).
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "core/data/dataset.h"
#include "core/io/model_file.h"
#include "core/io/trainer_snapshot.h"
#include "core/session/training_session.h"
#include "core/train/trainer.h"
#include "core/util/crc32.h"
#include "core/util/rng.h"

namespace mnist {
namespace {

// A 4x4-pixel, 3-class model: 16·5 + 5 + 5·3 + 3 = 103 parameters.
constexpr int kSide = 4;
constexpr int kClasses = 3;
constexpr std::size_t kTrainable = 103;
const Shape kInput{1, kSide, kSide};

TrainConfig small_config(const std::string& optimizer = "adam") {
  TrainConfig config;
  config.model_spec = "input:4x4,dense:5:relu,dense:3:softmax";
  config.optimizer = optimizer;
  config.learning_rate = 0.01f;
  config.batch_size = 3;
  config.seed = 42;
  return config;
}

ModelFile sample_file(bool with_optimizer_state) {
  ModelFile file;
  file.config = small_config();
  file.epochs_completed = 3;
  file.samples_seen = 12345678901ll;  // beyond 32 bits
  for (std::size_t i = 0; i < kTrainable; ++i) file.parameters.push_back(0.01f * float(i) - 0.5f);
  if (with_optimizer_state) {
    file.has_optimizer_state = true;
    file.optimizer_steps = 77;
    for (std::size_t i = 0; i < 2 * kTrainable; ++i) file.optimizer_state.push_back(1e-3f * float(i));
  }
  return file;
}

void expect_same_file(const ModelFile& a, const ModelFile& b) {
  EXPECT_EQ(config_to_text(a.config), config_to_text(b.config));
  EXPECT_EQ(a.epochs_completed, b.epochs_completed);
  EXPECT_EQ(a.samples_seen, b.samples_seen);
  EXPECT_EQ(a.parameters, b.parameters);
  EXPECT_EQ(a.has_optimizer_state, b.has_optimizer_state);
  EXPECT_EQ(a.optimizer_steps, b.optimizer_steps);
  EXPECT_EQ(a.optimizer_state, b.optimizer_state);
}

// Rewrites the trailing CRC-32 so a deliberately edited file passes the checksum and reaches the
// check under test.
void resign(std::vector<std::uint8_t>& bytes) {
  const std::uint32_t crc = crc32(bytes.data(), bytes.size() - 4);
  for (int i = 0; i < 4; ++i) bytes[bytes.size() - 4 + i] = std::uint8_t(crc >> (8 * i));
}

void put_u32(std::vector<std::uint8_t>& bytes, std::size_t at, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) bytes[at + i] = std::uint8_t(v >> (8 * i));
}
void put_u64(std::vector<std::uint8_t>& bytes, std::size_t at, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) bytes[at + i] = std::uint8_t(v >> (8 * i));
}
std::uint32_t get_u32(const std::vector<std::uint8_t>& bytes, std::size_t at) {
  std::uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v |= std::uint32_t(bytes[at + i]) << (8 * i);
  return v;
}

// Offsets of the fields after the variable-length config (see model_file.h).
std::size_t parameter_count_offset(const std::vector<std::uint8_t>& bytes) {
  return 20 + get_u32(bytes, 16) + 4 + 8;
}

void expect_decode_error(const std::vector<std::uint8_t>& bytes, const std::string& words) {
  Result<ModelFile> file = decode_model_file(bytes.data(), bytes.size());
  ASSERT_FALSE(file.ok()) << "expected an error about: " << words;
  EXPECT_NE(file.error().find(words), std::string::npos) << file.error();
}

// ------------------------------------------------------------------------------------------------
// Round trip.

TEST(ModelFileTest, RoundTripWithoutOptimizerState) {
  const ModelFile original = sample_file(false);
  const auto bytes = encode_model_file(original);
  EXPECT_EQ(std::memcmp(bytes.data(), "MNISTPG\0", 8), 0);
  Result<ModelFile> decoded = decode_model_file(bytes.data(), bytes.size());
  ASSERT_TRUE(decoded.ok()) << decoded.error();
  expect_same_file(*decoded, original);
}

TEST(ModelFileTest, RoundTripWithOptimizerState) {
  const ModelFile original = sample_file(true);
  const auto bytes = encode_model_file(original);
  Result<ModelFile> decoded = decode_model_file(bytes.data(), bytes.size());
  ASSERT_TRUE(decoded.ok()) << decoded.error();
  expect_same_file(*decoded, original);
  EXPECT_EQ(encode_model_file(*decoded), bytes) << "re-encoding gives the same bytes";
}

// ------------------------------------------------------------------------------------------------
// Damage.

TEST(ModelFileCorruptionTest, EmptyInputIsNotAModelFile) {
  Result<ModelFile> file = decode_model_file(nullptr, 0);
  ASSERT_FALSE(file.ok());
  EXPECT_NE(file.error().find("not a model file"), std::string::npos) << file.error();
}

TEST(ModelFileCorruptionTest, WrongMagicIsNotAModelFile) {
  auto bytes = encode_model_file(sample_file(false));
  bytes[0] = 'X';
  expect_decode_error(bytes, "not a model file");
  expect_decode_error(std::vector<std::uint8_t>(100, 0), "not a model file");
}

// Every prefix of a valid file, from 0 bytes to all but the last, is an error. Each prefix is
// copied to a buffer of exactly its size, so a read past the end is a read past the allocation.
TEST(ModelFileCorruptionTest, EveryTruncationIsAnError) {
  for (bool with_state : {false, true}) {
    const auto bytes = encode_model_file(sample_file(with_state));
    for (std::size_t length = 0; length < bytes.size(); ++length) {
      const std::vector<std::uint8_t> prefix(bytes.begin(), bytes.begin() + length);
      Result<ModelFile> file = decode_model_file(prefix.data(), prefix.size());
      EXPECT_FALSE(file.ok()) << "a file cut to " << length << " of " << bytes.size()
                              << " bytes was accepted (optimizer state: " << with_state << ")";
      if (!file.ok()) {
        EXPECT_FALSE(file.error().empty()) << "length " << length;
      }
    }
  }
}

// Changing any single byte (magic, version, flags, config, counts, data or the CRC itself) is
// caught: by the signature check, the version check or the checksum.
TEST(ModelFileCorruptionTest, AFlippedByteAnywhereIsAnError) {
  const auto bytes = encode_model_file(sample_file(true));
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    auto damaged = bytes;
    damaged[i] ^= 0x10;
    Result<ModelFile> file = decode_model_file(damaged.data(), damaged.size());
    EXPECT_FALSE(file.ok()) << "flipping a bit of byte " << i << " of " << bytes.size()
                            << " went unnoticed";
  }
  auto damaged = bytes;
  damaged[parameter_count_offset(bytes) + 8 + 4 * 10] ^= 0x01;  // one bit of parameter 10
  expect_decode_error(damaged, "checksum mismatch");
}

TEST(ModelFileCorruptionTest, UnsupportedVersion) {
  auto bytes = encode_model_file(sample_file(false));
  put_u32(bytes, 8, 0);
  resign(bytes);
  expect_decode_error(bytes, "format version 0 is not supported");
}

// A file from a newer engine: the message says so and what to do, whatever the rest of the file
// holds (its layout and checksum may have changed too).
TEST(ModelFileCorruptionTest, ANewerVersionSaysToUpdate) {
  auto bytes = encode_model_file(sample_file(false));
  put_u32(bytes, 8, 7);
  resign(bytes);
  expect_decode_error(bytes, "model file version 7 is newer than this engine reads (version " +
                                 std::to_string(kModelFileVersion) +
                                 "): update mnist-playground");
  put_u32(bytes, 8, kModelFileVersion + 1);  // unsigned: the next version, CRC now stale
  expect_decode_error(bytes, "is newer than this engine reads");

  TrainingSession session;
  const Status loaded = session.load_model(bytes.data(), bytes.size());
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(loaded.error().find("update mnist-playground"), std::string::npos) << loaded.error();
}

TEST(ModelFileCorruptionTest, UnknownFlags) {
  auto bytes = encode_model_file(sample_file(false));
  put_u32(bytes, 12, 0x6);
  resign(bytes);
  expect_decode_error(bytes, "unknown flags 6");
}

TEST(ModelFileCorruptionTest, CountsThatExceedTheFile) {
  const auto good = encode_model_file(sample_file(true));
  const std::size_t count_at = parameter_count_offset(good);

  auto bytes = good;
  put_u64(bytes, count_at, std::uint64_t(1) << 40);
  resign(bytes);
  expect_decode_error(bytes, "parameter count exceeds the file");

  bytes = good;
  put_u32(bytes, 16, 1u << 30);  // config length
  resign(bytes);
  expect_decode_error(bytes, "config length exceeds the file");

  bytes = good;
  const std::size_t state_count_at = count_at + 8 + 4 * kTrainable + 8;
  put_u64(bytes, state_count_at, ~std::uint64_t(0));
  resign(bytes);
  expect_decode_error(bytes, "optimizer state count exceeds the file");
}

TEST(ModelFileCorruptionTest, BytesAfterTheData) {
  auto bytes = encode_model_file(sample_file(false));
  bytes.insert(bytes.end() - 4, {1, 2, 3, 4, 5, 6, 7, 8});
  resign(bytes);
  expect_decode_error(bytes, "8 unexpected bytes after the data");
}

TEST(ModelFileCorruptionTest, ConfigWithABadSpec) {
  ModelFile file = sample_file(false);
  file.config.model_spec = "dense:abc";
  const auto bytes = encode_model_file(file);
  expect_decode_error(bytes, "model file config");
  expect_decode_error(bytes, "units");
}

// ------------------------------------------------------------------------------------------------
// Restoring a Trainer from a file.

TEST(RestoreTrainerTest, ParameterCountMustMatchTheSpec) {
  ModelFile file = sample_file(false);
  file.parameters.pop_back();
  const auto bytes = encode_model_file(file);  // a well-formed file...
  ASSERT_TRUE(decode_model_file(bytes.data(), bytes.size()).ok());
  auto trainer = load_trainer(bytes.data(), bytes.size(), kInput, kClasses);  // ...for another model
  ASSERT_FALSE(trainer.ok());
  EXPECT_NE(trainer.error().find("it has 102 parameters, its model spec needs 103"),
            std::string::npos)
      << trainer.error();
}

TEST(RestoreTrainerTest, OptimizerStateSizeMustMatch) {
  ModelFile file = sample_file(true);
  file.optimizer_state.resize(kTrainable);  // adam needs m and v
  auto trainer = restore_trainer(file, kInput, kClasses);
  ASSERT_FALSE(trainer.ok());
  EXPECT_NE(trainer.error().find("optimizer state has 103 values, adam needs 206"), std::string::npos)
      << trainer.error();
}

TEST(RestoreTrainerTest, ModelMustFitTheData) {
  auto other_input = restore_trainer(sample_file(false), Shape{1, 28, 28}, kClasses);
  ASSERT_FALSE(other_input.ok());
  EXPECT_NE(other_input.error().find("model file: model expects 4x4x1 images but the data has 28x28x1"), std::string::npos)
      << other_input.error();
  auto other_classes = restore_trainer(sample_file(false), kInput, 10);
  ASSERT_FALSE(other_classes.ok());
  EXPECT_NE(other_classes.error().find("classes"), std::string::npos) << other_classes.error();
}

TEST(RestoreTrainerTest, RestoresWeightsPositionAndOptimizerState) {
  const ModelFile file = sample_file(true);
  auto trainer = restore_trainer(file, kInput, kClasses);
  ASSERT_TRUE(trainer.ok()) << trainer.error();
  Trainer& t = **trainer;
  EXPECT_EQ(t.model().unpadded(t.model().parameters()), file.parameters);
  EXPECT_EQ(t.epoch(), 3);
  EXPECT_EQ(t.samples_seen(), 12345678901ll);
  EXPECT_EQ(t.optimizer().steps(), 77);
  // Taking a snapshot again gives back the same file.
  expect_same_file(snapshot_trainer(t, true), file);
}

// n copies of one 4x4 image, all labelled 1.
Dataset identical_images(int n) {
  std::vector<std::uint8_t> pixels, labels;
  for (int i = 0; i < n; ++i) {
    for (int p = 0; p < kSide * kSide; ++p) pixels.push_back(std::uint8_t(p * 15));
    labels.push_back(1);
  }
  Result<Dataset> data = Dataset::from_pixels(kSide, kSide, std::move(pixels), std::move(labels));
  EXPECT_TRUE(data.ok()) << data.error();
  return std::move(data).value();
}

bool same_floats(const float* a, const float* b, std::size_t n) {
  return std::memcmp(a, b, n * sizeof(float)) == 0;
}

class ContinueTrainingTest : public ::testing::TestWithParam<const char*> {};

TEST_P(ContinueTrainingTest, RestoredTrainerContinuesBitIdentically) {
  const Dataset data = identical_images(6);  // batch 3: two batches an epoch
  auto created = Trainer::create(small_config(GetParam()), kInput, kClasses);
  ASSERT_TRUE(created.ok()) << created.error();
  Trainer& original = **created;
  TrainProgress progress = original.train_batches(data, 2);
  progress = original.train_batches(data, 2);
  ASSERT_TRUE(progress.error.empty()) << progress.error;
  ASSERT_EQ(original.epoch(), 2);

  const auto bytes = encode_model_file(snapshot_trainer(original, true));
  auto loaded = load_trainer(bytes.data(), bytes.size(), kInput, kClasses);
  ASSERT_TRUE(loaded.ok()) << loaded.error();
  Trainer& restored = **loaded;
  const std::size_t n = original.model().parameter_count();
  ASSERT_EQ(restored.model().parameter_count(), n);
  EXPECT_TRUE(same_floats(original.model().parameters(), restored.model().parameters(), n));
  EXPECT_EQ(restored.optimizer().steps(), original.optimizer().steps());
  EXPECT_EQ(restored.optimizer().state(), original.optimizer().state());
  EXPECT_EQ(restored.epoch(), original.epoch());
  EXPECT_EQ(restored.samples_seen(), original.samples_seen());

  for (int step = 1; step <= 3; ++step) {
    original.train_batches(data, 1);
    restored.train_batches(data, 1);
    EXPECT_TRUE(same_floats(original.model().parameters(), restored.model().parameters(), n))
        << "parameters differ after " << step << " more batches";
  }

  // The control: without the optimizer state the continuation differs.
  auto forgetful = restore_trainer(snapshot_trainer(original, false), kInput, kClasses);
  ASSERT_TRUE(forgetful.ok()) << forgetful.error();
  original.train_batches(data, 1);
  (*forgetful)->train_batches(data, 1);
  EXPECT_FALSE(same_floats(original.model().parameters(), (*forgetful)->model().parameters(), n));
}

INSTANTIATE_TEST_SUITE_P(StatefulOptimizers, ContinueTrainingTest,
                         ::testing::Values("momentum", "adam"));

// ------------------------------------------------------------------------------------------------
// TrainingSession save/load.

// An IDX file of n 28x28 images of random bytes, and one of n labels.
std::vector<std::uint8_t> idx_images(int n, Rng& rng) {
  std::vector<std::uint8_t> bytes = {0, 0, 8, 3};
  for (std::uint32_t dim : {std::uint32_t(n), 28u, 28u})
    for (int s = 24; s >= 0; s -= 8) bytes.push_back(std::uint8_t(dim >> s));
  for (int i = 0; i < n * 784; ++i) bytes.push_back(std::uint8_t(rng.below(256)));
  return bytes;
}
std::vector<std::uint8_t> idx_labels(int n, Rng& rng) {
  std::vector<std::uint8_t> bytes = {0, 0, 8, 1};
  for (int s = 24; s >= 0; s -= 8) bytes.push_back(std::uint8_t(std::uint32_t(n) >> s));
  for (int i = 0; i < n; ++i) bytes.push_back(std::uint8_t(rng.below(10)));
  return bytes;
}

TEST(TrainingSessionModelTest, SaveThenLoadGivesTheSameModelAndPredictions) {
  Rng rng(8);
  const auto images = idx_images(5100, rng), labels = idx_labels(5100, rng);
  TrainingSession trained;
  ASSERT_TRUE(trained.load_training_data(images.data(), images.size(), labels.data(), labels.size()).ok());
  TrainConfig config;
  config.model_spec = "dense:16:relu,dense:10:softmax";
  config.seed = 5;
  ASSERT_TRUE(trained.configure(config).ok());
  const TrainProgress progress = trained.train_batches(5);
  ASSERT_TRUE(progress.error.empty()) << progress.error;

  const auto saved = trained.save_model(true);
  TrainingSession loaded;
  Status status = loaded.load_model(saved.data(), saved.size());
  ASSERT_TRUE(status.ok()) << status.error();

  EXPECT_EQ(config_to_text(loaded.config()), config_to_text(trained.config()));
  EXPECT_EQ(loaded.parameter_count(), trained.parameter_count());
  EXPECT_EQ(loaded.model_summary(), trained.model_summary());
  ASSERT_EQ(loaded.layer_count(), trained.layer_count());
  for (int i = 0; i < trained.layer_count(); ++i) {
    const LayerWeights a = trained.layer_weights(i), b = loaded.layer_weights(i);
    EXPECT_EQ(a.kind, b.kind) << "layer " << i;
    EXPECT_EQ(a.weights, b.weights) << "layer " << i;
    EXPECT_EQ(a.bias, b.bias) << "layer " << i;
  }
  for (int example = 0; example < 5; ++example) {
    std::vector<float> pixels(784);
    for (float& p : pixels) p = rng.uniform();
    auto expected = trained.predict(pixels), actual = loaded.predict(pixels);
    ASSERT_TRUE(expected.ok() && actual.ok());
    EXPECT_EQ(*expected, *actual) << "example " << example;
  }
  // Position and optimizer state came along too: saving again gives the same bytes.
  EXPECT_EQ(loaded.save_model(true), saved);
  EXPECT_LT(trained.save_model(false).size(), saved.size());
}

TEST(TrainingSessionModelTest, AFailedLoadKeepsTheCurrentModel) {
  TrainingSession session;
  TrainConfig config;
  config.model_spec = "dense:16:relu,dense:10:softmax";
  ASSERT_TRUE(session.configure(config).ok());
  const auto before = session.save_model(false);

  auto damaged = before;
  damaged[damaged.size() / 2] ^= 0xFF;
  Status status = session.load_model(damaged.data(), damaged.size());
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().find("checksum"), std::string::npos) << status.error();
  EXPECT_EQ(session.save_model(false), before);

  // A valid file for a model that does not take 28x28 images is refused too.
  const auto small = encode_model_file(sample_file(false));
  status = session.load_model(small.data(), small.size());
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().find("28x28x1"), std::string::npos) << status.error();
  EXPECT_EQ(session.save_model(false), before);
}

}  // namespace
}  // namespace mnist
