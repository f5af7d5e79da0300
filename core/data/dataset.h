// Dataset: labelled images held as bytes (what the IDX files store, 4x smaller than floats), turned
// into network input one batch at a time. Also EpochOrder, the per-epoch shuffled visiting order a
// trainer draws its batches from.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/data/idx.h"
#include "core/util/result.h"
#include "core/util/rng.h"

namespace mnist {

// Labels are digits: 0..kDigitClasses-1.
inline constexpr int kDigitClasses = 10;
// The usual MNIST split: the last 5,000 of the 60,000 training images are held out for validation.
inline constexpr std::size_t kMnistValidationCount = 5000;

class Dataset {
 public:
  Dataset() = default;  // empty: no images, 0x0

  // pixels: (n, rows*cols) row-major, one byte per pixel; labels: (n). Checks rows, cols >= 1,
  // the sizes agree and every label is a digit.
  static Result<Dataset> from_pixels(int rows, int cols, std::vector<std::uint8_t> pixels,
                                     std::vector<std::uint8_t> labels);
  // images: 3-D (n, rows, cols); labels: 1-D (n). Any rows and cols are accepted (the model checks
  // its input size). The names start the error messages.
  static Result<Dataset> from_idx(IdxArray images, IdxArray labels,
                                  const std::string& images_name = "images",
                                  const std::string& labels_name = "labels");
  // parse_idx on both files, then from_idx.
  static Result<Dataset> from_idx_bytes(const std::uint8_t* image_bytes, std::size_t image_size,
                                        const std::string& images_name,
                                        const std::uint8_t* label_bytes, std::size_t label_size,
                                        const std::string& labels_name);

  std::size_t size() const { return labels_.size(); }
  bool empty() const { return labels_.empty(); }
  int rows() const { return rows_; }
  int cols() const { return cols_; }
  int image_size() const { return rows_ * cols_; }  // pixels per image
  const std::uint8_t* image(std::size_t i) const { return pixels_.data() + i * image_size(); }
  std::uint8_t label(std::size_t i) const { return labels_[i]; }
  const std::vector<std::uint8_t>& pixels() const { return pixels_; }  // (n, rows*cols)
  const std::vector<std::uint8_t>& labels() const { return labels_; }  // (n)

  // A copy of images [begin, end); an error unless begin <= end <= size().
  Result<Dataset> slice(std::size_t begin, std::size_t end) const;

  // Network input for the images at indices[0..count): x is (count, image_size()) with pixels
  // scaled to [0, 1]; labels (count) receives their labels unless it is null. Every index must be
  // < size(). Writes into caller-owned buffers, so a training loop allocates nothing per batch.
  void gather_batch(const std::uint32_t* indices, int count, float* x,
                    std::uint8_t* labels) const;
  // The same for the contiguous images [begin, begin + count) (evaluation in file order);
  // begin + count must be <= size().
  void gather_range(std::size_t begin, int count, float* x, std::uint8_t* labels) const;

 private:
  friend Result<std::pair<Dataset, Dataset>> split_train_validation(Dataset all,
                                                                    std::size_t validation_count);
  static Result<Dataset> build(int rows, int cols, std::vector<std::uint8_t> pixels,
                               std::vector<std::uint8_t> labels, const std::string& images_name,
                               const std::string& labels_name);
  void gather_one(std::size_t index, float* x) const;

  int rows_ = 0;
  int cols_ = 0;
  std::vector<std::uint8_t> pixels_;
  std::vector<std::uint8_t> labels_;
};

// {training, validation}: the first size() - validation_count images and the last
// validation_count. The training part reuses all's storage. An error unless
// validation_count < all.size() (training would be empty).
Result<std::pair<Dataset, Dataset>> split_train_validation(
    Dataset all, std::size_t validation_count = kMnistValidationCount);

// A run of indices into a dataset: indices[0..count).
struct IndexBatch {
  const std::uint32_t* indices = nullptr;
  int count = 0;
};

// The order in which one epoch visits a dataset of `size` images: a permutation of [0, size),
// handed out batch by batch. Typical use, once per epoch:
//   order.start_shuffled_epoch(rng);
//   for (IndexBatch b = order.next_batch(64); b.count > 0; b = order.next_batch(64)) ...
class EpochOrder {
 public:
  // Starts in file order (0, 1, ..., size-1), at the beginning of an epoch.
  explicit EpochOrder(std::uint32_t size);

  // Rewinds to a fresh permutation drawn from rng. The identity is shuffled each time, so an
  // epoch's order depends only on rng's state, not on earlier epochs.
  void start_shuffled_epoch(Rng& rng);
  // Rewinds to file order.
  void start_ordered_epoch();

  // The next min(batch_size, remaining) indices of this epoch (the last batch may be partial);
  // count 0 once the epoch is exhausted. batch_size >= 1. The pointer stays valid until the next
  // start_*_epoch call.
  IndexBatch next_batch(int batch_size);
  bool epoch_done() const { return position_ == order_.size(); }
  // Batches in one epoch, the partial last one included.
  std::size_t batches_per_epoch(int batch_size) const;

  std::uint32_t size() const { return static_cast<std::uint32_t>(order_.size()); }
  const std::vector<std::uint32_t>& order() const { return order_; }

 private:
  std::vector<std::uint32_t> order_;
  std::size_t position_ = 0;
};

}  // namespace mnist
