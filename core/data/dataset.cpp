// Dataset construction and validation, slicing, batch gathering, and EpochOrder (see dataset.h).
#include "core/data/dataset.h"

#include <cassert>
#include <climits>
#include <numeric>

#include "core/kernels/vector_ops.h"

namespace mnist {
namespace {

constexpr float kPixelScale = 1.0f / 255.0f;

std::string dims_text(const std::vector<std::uint32_t>& dims) {
  std::string text = "(";
  for (std::size_t i = 0; i < dims.size(); ++i) {
    if (i) text += ", ";
    text += std::to_string(dims[i]);
  }
  return text + ")";
}

}  // namespace

Result<Dataset> Dataset::build(int rows, int cols, std::vector<std::uint8_t> pixels,
                               std::vector<std::uint8_t> labels, const std::string& images_name,
                               const std::string& labels_name) {
  if (rows < 1 || cols < 1) {
    return Error{images_name + ": image size " + std::to_string(rows) + "x" +
                 std::to_string(cols) + " is empty"};
  }
  // Pixels per image must fit the int the kernels take.
  const std::uint64_t image_size = std::uint64_t(rows) * std::uint64_t(cols);
  if (image_size > std::uint64_t(INT_MAX)) {
    return Error{images_name + ": image size " + std::to_string(rows) + "x" +
                 std::to_string(cols) + " is too large"};
  }
  if (pixels.size() != labels.size() * image_size) {
    return Error{images_name + ": " + std::to_string(pixels.size()) + " pixels is not " +
                 std::to_string(labels.size()) + " images of " + std::to_string(rows) + "x" +
                 std::to_string(cols)};
  }
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (labels[i] >= kDigitClasses) {
      return Error{labels_name + ": label " + std::to_string(labels[i]) + " at index " +
                   std::to_string(i) + " is not a digit 0.." + std::to_string(kDigitClasses - 1)};
    }
  }
  Dataset dataset;
  dataset.rows_ = rows;
  dataset.cols_ = cols;
  dataset.pixels_ = std::move(pixels);
  dataset.labels_ = std::move(labels);
  return dataset;
}

Result<Dataset> Dataset::from_pixels(int rows, int cols, std::vector<std::uint8_t> pixels,
                                     std::vector<std::uint8_t> labels) {
  return build(rows, cols, std::move(pixels), std::move(labels), "images", "labels");
}

Result<Dataset> Dataset::from_idx(IdxArray images, IdxArray labels,
                                  const std::string& images_name,
                                  const std::string& labels_name) {
  if (images.dims.size() != 3) {
    return Error{images_name + ": expected 3 dimensions (count, rows, cols), got " +
                 dims_text(images.dims)};
  }
  if (labels.dims.size() != 1) {
    return Error{labels_name + ": expected 1 dimension (count), got " + dims_text(labels.dims)};
  }
  if (images.dims[0] != labels.dims[0]) {
    return Error{images_name + " has " + std::to_string(images.dims[0]) + " images but " +
                 labels_name + " has " + std::to_string(labels.dims[0]) + " labels"};
  }
  // parse_idx caps the element count at 2^31, but a single dimension can still exceed INT_MAX.
  if (images.dims[1] > std::uint32_t(INT_MAX) || images.dims[2] > std::uint32_t(INT_MAX)) {
    return Error{images_name + ": image size " + std::to_string(images.dims[1]) + "x" +
                 std::to_string(images.dims[2]) + " is too large"};
  }
  return build(static_cast<int>(images.dims[1]), static_cast<int>(images.dims[2]),
               std::move(images.data), std::move(labels.data), images_name, labels_name);
}

Result<Dataset> Dataset::from_idx_bytes(const std::uint8_t* image_bytes, std::size_t image_size,
                                        const std::string& images_name,
                                        const std::uint8_t* label_bytes, std::size_t label_size,
                                        const std::string& labels_name) {
  Result<IdxArray> images = parse_idx(image_bytes, image_size, images_name);
  if (!images) return Error{images.error()};
  Result<IdxArray> labels = parse_idx(label_bytes, label_size, labels_name);
  if (!labels) return Error{labels.error()};
  return from_idx(std::move(images).value(), std::move(labels).value(), images_name, labels_name);
}

Result<Dataset> Dataset::slice(std::size_t begin, std::size_t end) const {
  if (begin > end || end > size()) {
    return Error{"dataset slice [" + std::to_string(begin) + ", " + std::to_string(end) +
                 ") is outside [0, " + std::to_string(size()) + ")"};
  }
  Dataset part;
  part.rows_ = rows_;
  part.cols_ = cols_;
  const std::size_t pixels_per_image = static_cast<std::size_t>(image_size());
  part.pixels_.assign(pixels_.begin() + begin * pixels_per_image,
                      pixels_.begin() + end * pixels_per_image);
  part.labels_.assign(labels_.begin() + begin, labels_.begin() + end);
  return part;
}

void Dataset::gather_one(std::size_t index, float* x) const {
  kernels::bytes_to_floats(image_size(), image(index), kPixelScale, x);
}

void Dataset::gather_batch(const std::uint32_t* indices, int count, float* x,
                           std::uint8_t* labels) const {
  const std::size_t stride = static_cast<std::size_t>(image_size());
  for (int i = 0; i < count; ++i) {
    assert(indices[i] < size());
    gather_one(indices[i], x + i * stride);
    if (labels) labels[i] = labels_[indices[i]];
  }
}

void Dataset::gather_range(std::size_t begin, int count, float* x, std::uint8_t* labels) const {
  assert(begin + count <= size());
  const std::size_t stride = static_cast<std::size_t>(image_size());
  for (int i = 0; i < count; ++i) {
    gather_one(begin + i, x + i * stride);
    if (labels) labels[i] = labels_[begin + i];
  }
}

Result<std::pair<Dataset, Dataset>> split_train_validation(Dataset all,
                                                           std::size_t validation_count) {
  const std::size_t total = all.size();
  if (validation_count >= total) {
    return Error{"cannot hold out " + std::to_string(validation_count) +
                 " validation images from a dataset of " + std::to_string(total) +
                 ": no training images would remain"};
  }
  const std::size_t train_count = total - validation_count;
  Result<Dataset> validation = all.slice(train_count, total);
  if (!validation) return Error{validation.error()};
  // The training part keeps all's storage: only the tail is dropped, nothing is copied.
  all.pixels_.resize(train_count * static_cast<std::size_t>(all.image_size()));
  all.labels_.resize(train_count);
  return std::make_pair(std::move(all), std::move(validation).value());
}

EpochOrder::EpochOrder(std::uint32_t size) : order_(size) { start_ordered_epoch(); }

void EpochOrder::start_shuffled_epoch(Rng& rng) {
  start_ordered_epoch();
  rng.shuffle(order_.data(), size());
}

void EpochOrder::start_ordered_epoch() {
  std::iota(order_.begin(), order_.end(), std::uint32_t(0));
  position_ = 0;
}

IndexBatch EpochOrder::next_batch(int batch_size) {
  assert(batch_size >= 1);
  const std::size_t remaining = order_.size() - position_;
  const std::size_t count =
      remaining < static_cast<std::size_t>(batch_size) ? remaining : std::size_t(batch_size);
  IndexBatch batch{order_.data() + position_, static_cast<int>(count)};
  position_ += count;
  return batch;
}

std::size_t EpochOrder::batches_per_epoch(int batch_size) const {
  assert(batch_size >= 1);
  return (order_.size() + batch_size - 1) / static_cast<std::size_t>(batch_size);
}

}  // namespace mnist
