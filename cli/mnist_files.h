// Loading the MNIST data set from a directory holding the four standard IDX files (each plain or
// .gz), checked against the directory's SHA256SUMS.raw when it has one, and split into the
// training, validation and test sets.
#pragma once
#include <string>
#include <vector>

#include "core/data/dataset.h"
#include "core/data/dataset_registry.h"
#include "core/util/result.h"

namespace mnist {

struct MnistData {
  Dataset train;       // the training file's images but the last twelfth (MNIST: 55,000)
  Dataset validation;  // that last twelfth (validation_count_for: MNIST's last 5,000)
  Dataset test;        // the 10,000 images of the test file
  std::string dataset_name;              // "MNIST", "Fashion-MNIST"; "" for other files
  std::vector<std::string> class_names;  // the built-in dataset's, else "0".."highest label"
};

// Reads <dir>/train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and
// t10k-labels-idx1-ubyte, each with or without a .gz suffix (the plain file wins if both exist).
// When <dir>/SHA256SUMS.raw exists, every file's uncompressed bytes must match the digest listed
// for its plain name. Errors name the directory or file and the problem: missing directory,
// missing file, unreadable or corrupt gzip, checksum mismatch, malformed IDX, inconsistent sets.
// With `expected` (--dataset), every file must also match that built-in dataset's pinned sum;
// without it, files that match a built-in dataset's pinned labels take its class names.
Result<MnistData> load_mnist_dir(const std::string& dir, const DatasetInfo* expected = nullptr);

}  // namespace mnist
