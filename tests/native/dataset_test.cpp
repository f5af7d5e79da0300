// Dataset: construction checks, slicing and the train/validation split, batch gathering; and
// EpochOrder: a permutation per epoch, reproducible per seed.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "core/data/dataset.h"
#include "core/util/rng.h"

namespace mnist {
namespace {

IdxArray make_array(std::vector<std::uint32_t> dims, std::vector<std::uint8_t> data) {
  IdxArray array;
  array.dims = std::move(dims);
  array.data = std::move(data);
  return array;
}

// n images of 2x3 whose pixels are image*10 + pixel index; label of image i is i % 10.
Dataset make_dataset(std::uint32_t n) {
  std::vector<std::uint8_t> pixels, labels;
  for (std::uint32_t i = 0; i < n; ++i) {
    for (int p = 0; p < 6; ++p) pixels.push_back(std::uint8_t(i * 10 + p));
    labels.push_back(std::uint8_t(i % 10));
  }
  Result<Dataset> dataset = Dataset::from_pixels(2, 3, std::move(pixels), std::move(labels));
  EXPECT_TRUE(dataset.ok()) << dataset.error();
  return std::move(dataset).value();
}

void expect_error_contains(const Result<Dataset>& result, const std::string& text) {
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().find(text), std::string::npos) << result.error();
}

TEST(DatasetTest, FromIdxKeepsShapeAndContents) {
  Result<Dataset> dataset = Dataset::from_idx(make_array({2, 2, 3}, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 255}),
                                               make_array({2}, {7, 3}));
  ASSERT_TRUE(dataset.ok()) << dataset.error();
  EXPECT_EQ(dataset->size(), 2u);
  EXPECT_EQ(dataset->rows(), 2);
  EXPECT_EQ(dataset->cols(), 3);
  EXPECT_EQ(dataset->image_size(), 6);
  EXPECT_EQ(dataset->label(0), 7);
  EXPECT_EQ(dataset->label(1), 3);
  EXPECT_EQ(dataset->image(1)[5], 255);
}

TEST(DatasetTest, FromIdxRejectsImagesThatAreNot3D) {
  expect_error_contains(Dataset::from_idx(make_array({2, 6}, std::vector<std::uint8_t>(12)),
                                          make_array({2}, {1, 2}), "imgs", "lbls"),
                        "imgs: expected 3 dimensions (count, rows, cols), got (2, 6)");
}

TEST(DatasetTest, FromIdxRejectsLabelsThatAreNot1D) {
  expect_error_contains(Dataset::from_idx(make_array({2, 1, 1}, {1, 2}),
                                          make_array({2, 1}, {1, 2}), "imgs", "lbls"),
                        "lbls: expected 1 dimension");
}

TEST(DatasetTest, FromIdxRejectsCountMismatch) {
  expect_error_contains(Dataset::from_idx(make_array({3, 1, 1}, {1, 2, 3}),
                                          make_array({2}, {1, 2}), "imgs", "lbls"),
                        "imgs has 3 images but lbls has 2 labels");
}

TEST(DatasetTest, FromIdxRejectsBadLabelNamingItsIndex) {
  expect_error_contains(Dataset::from_idx(make_array({4, 1, 1}, {1, 2, 3, 4}),
                                          make_array({4}, {9, 0, 10, 200}), "imgs", "lbls"),
                        "lbls: label 10 at index 2");
}

TEST(DatasetTest, FromPixelsRejectsInconsistentSizes) {
  expect_error_contains(Dataset::from_pixels(2, 2, std::vector<std::uint8_t>(7), {1, 2}),
                        "7 pixels is not 2 images of 2x2");
  expect_error_contains(Dataset::from_pixels(0, 2, {}, {}), "is empty");
}

TEST(DatasetTest, FromIdxBytesParsesBothFiles) {
  const std::vector<std::uint8_t> images = {0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 2, 9, 8};
  const std::vector<std::uint8_t> labels = {0, 0, 8, 1, 0, 0, 0, 1, 4};
  Result<Dataset> dataset = Dataset::from_idx_bytes(images.data(), images.size(), "img",
                                                    labels.data(), labels.size(), "lbl");
  ASSERT_TRUE(dataset.ok()) << dataset.error();
  EXPECT_EQ(dataset->size(), 1u);
  EXPECT_EQ(dataset->cols(), 2);
  EXPECT_EQ(dataset->label(0), 4);

  const std::vector<std::uint8_t> short_labels = {0, 0, 8, 1, 0, 0, 0, 2, 4};
  expect_error_contains(Dataset::from_idx_bytes(images.data(), images.size(), "img",
                                                short_labels.data(), short_labels.size(), "lbl"),
                        "lbl: truncated");
}

TEST(DatasetTest, SliceCopiesARange) {
  const Dataset all = make_dataset(10);
  Result<Dataset> part = all.slice(3, 7);
  ASSERT_TRUE(part.ok()) << part.error();
  ASSERT_EQ(part->size(), 4u);
  EXPECT_EQ(part->rows(), 2);
  EXPECT_EQ(part->label(0), 3);
  EXPECT_EQ(part->image(0)[0], 30);
  EXPECT_EQ(part->image(3)[5], 65);
  EXPECT_TRUE(all.slice(4, 4).ok());
  EXPECT_TRUE(all.slice(4, 4)->empty());
  EXPECT_FALSE(all.slice(5, 4).ok());
  EXPECT_FALSE(all.slice(0, 11).ok());
}

TEST(DatasetTest, SplitHoldsOutTheTail) {
  Result<std::pair<Dataset, Dataset>> split = split_train_validation(make_dataset(10), 3);
  ASSERT_TRUE(split.ok()) << split.error();
  const Dataset& train = split->first;
  const Dataset& validation = split->second;
  ASSERT_EQ(train.size(), 7u);
  ASSERT_EQ(validation.size(), 3u);
  EXPECT_EQ(train.pixels().size(), 7u * 6);
  EXPECT_EQ(train.label(6), 6);
  EXPECT_EQ(train.image(6)[0], 60);
  EXPECT_EQ(validation.label(0), 7);
  EXPECT_EQ(validation.image(2)[5], 95);
  EXPECT_EQ(validation.cols(), 3);
}

TEST(DatasetTest, SplitRejectsHoldingOutEverything) {
  EXPECT_FALSE(split_train_validation(make_dataset(5), 5).ok());
  EXPECT_FALSE(split_train_validation(make_dataset(5), 6).ok());
  EXPECT_TRUE(split_train_validation(make_dataset(5), 0).ok());
}

TEST(DatasetTest, GatherBatchScalesPixelsAndCopiesLabels) {
  Result<Dataset> dataset = Dataset::from_pixels(1, 3, {0, 51, 255, 255, 0, 102}, {4, 9});
  ASSERT_TRUE(dataset.ok()) << dataset.error();
  const std::uint32_t indices[3] = {1, 0, 1};
  float x[9];
  std::uint8_t labels[3];
  dataset->gather_batch(indices, 3, x, labels);
  const float expected[9] = {1.0f, 0.0f, 0.4f, 0.0f, 0.2f, 1.0f, 1.0f, 0.0f, 0.4f};
  for (int i = 0; i < 9; ++i) EXPECT_NEAR(x[i], expected[i], 1e-6f) << i;
  EXPECT_EQ(labels[0], 9);
  EXPECT_EQ(labels[1], 4);
  EXPECT_EQ(labels[2], 9);

  float x_only[3];
  dataset->gather_batch(indices, 1, x_only, nullptr);  // labels are optional
  EXPECT_NEAR(x_only[2], 0.4f, 1e-6f);
}

TEST(DatasetTest, GatherRangeMatchesGatherBatch) {
  const Dataset dataset = make_dataset(8);
  const std::uint32_t indices[4] = {2, 3, 4, 5};
  std::vector<float> by_index(4 * 6), by_range(4 * 6);
  std::uint8_t labels_by_index[4], labels_by_range[4];
  dataset.gather_batch(indices, 4, by_index.data(), labels_by_index);
  dataset.gather_range(2, 4, by_range.data(), labels_by_range);
  EXPECT_EQ(by_index, by_range);
  EXPECT_TRUE(std::equal(labels_by_index, labels_by_index + 4, labels_by_range));
  EXPECT_FLOAT_EQ(by_range[0], 20.0f / 255.0f);
}

// The indices of one whole epoch, batch by batch.
std::vector<std::uint32_t> drain_epoch(EpochOrder& order, int batch_size,
                                       std::vector<int>* batch_counts = nullptr) {
  std::vector<std::uint32_t> seen;
  for (IndexBatch b = order.next_batch(batch_size); b.count > 0; b = order.next_batch(batch_size)) {
    seen.insert(seen.end(), b.indices, b.indices + b.count);
    if (batch_counts) batch_counts->push_back(b.count);
  }
  return seen;
}

TEST(EpochOrderTest, StartsInFileOrder) {
  EpochOrder order(5);
  EXPECT_EQ(drain_epoch(order, 2), (std::vector<std::uint32_t>{0, 1, 2, 3, 4}));
  EXPECT_TRUE(order.epoch_done());
  EXPECT_EQ(order.next_batch(2).count, 0);
}

TEST(EpochOrderTest, ShuffledEpochVisitsEveryIndexOnceWithPartialLastBatch) {
  EpochOrder order(103);
  Rng rng(42);
  order.start_shuffled_epoch(rng);
  std::vector<int> counts;
  std::vector<std::uint32_t> seen = drain_epoch(order, 10, &counts);
  EXPECT_EQ(counts.size(), order.batches_per_epoch(10));
  EXPECT_EQ(counts.size(), 11u);
  EXPECT_EQ(counts.back(), 3);
  std::vector<std::uint32_t> sorted = seen;
  std::sort(sorted.begin(), sorted.end());
  for (std::uint32_t i = 0; i < 103; ++i) EXPECT_EQ(sorted[i], i);
  std::vector<std::uint32_t> identity(103);
  for (std::uint32_t i = 0; i < 103; ++i) identity[i] = i;
  EXPECT_NE(seen, identity);
}

TEST(EpochOrderTest, ReproduciblePerSeedAndDifferentPerEpoch) {
  EpochOrder a(1000), b(1000), c(1000);
  Rng rng_a(7), rng_b(7), rng_c(8);
  a.start_shuffled_epoch(rng_a);
  b.start_shuffled_epoch(rng_b);
  c.start_shuffled_epoch(rng_c);
  const std::vector<std::uint32_t> first_a = drain_epoch(a, 64);
  EXPECT_EQ(first_a, drain_epoch(b, 64));
  EXPECT_NE(first_a, drain_epoch(c, 64));

  a.start_shuffled_epoch(rng_a);
  const std::vector<std::uint32_t> second_a = drain_epoch(a, 64);
  EXPECT_NE(first_a, second_a);
  std::vector<std::uint32_t> sorted = second_a;
  std::sort(sorted.begin(), sorted.end());
  for (std::uint32_t i = 0; i < 1000; ++i) ASSERT_EQ(sorted[i], i);
}

TEST(EpochOrderTest, OrderedEpochRewinds) {
  EpochOrder order(4);
  Rng rng(1);
  order.start_shuffled_epoch(rng);
  order.next_batch(3);
  order.start_ordered_epoch();
  EXPECT_FALSE(order.epoch_done());
  EXPECT_EQ(drain_epoch(order, 8), (std::vector<std::uint32_t>{0, 1, 2, 3}));
}

TEST(EpochOrderTest, EmptyOrderHasNoBatches) {
  EpochOrder order(0);
  Rng rng(3);
  order.start_shuffled_epoch(rng);
  EXPECT_TRUE(order.epoch_done());
  EXPECT_EQ(order.next_batch(4).count, 0);
  EXPECT_EQ(order.batches_per_epoch(4), 0u);
}

}  // namespace
}  // namespace mnist
