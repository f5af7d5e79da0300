// Loading the MNIST data set from a directory holding the four standard IDX files (each plain or
// .gz), checked against the directory's SHA256SUMS.raw when it has one, and split into the
// training, validation and test sets.
#pragma once
#include <string>

#include "core/data/dataset.h"
#include "core/util/result.h"

namespace mnist {

struct MnistData {
  Dataset train;       // the first 55,000 images of the training file
  Dataset validation;  // its last 5,000 (kMnistValidationCount)
  Dataset test;        // the 10,000 images of the test file
};

// Reads <dir>/train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and
// t10k-labels-idx1-ubyte, each with or without a .gz suffix (the plain file wins if both exist).
// When <dir>/SHA256SUMS.raw exists, every file's uncompressed bytes must match the digest listed
// for its plain name. Errors name the directory or file and the problem: missing directory,
// missing file, unreadable or corrupt gzip, checksum mismatch, malformed IDX, inconsistent sets.
Result<MnistData> load_mnist_dir(const std::string& dir);

}  // namespace mnist
