// The real MNIST files (data/mnist/, MNIST_TEST_DATA_DIR) for the tests that train on them.
#pragma once
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "cli/gzip_file.h"
#include "core/session/training_session.h"

namespace mnist {

// One of the four files' bytes, uncompressed (e.g. "train-images-idx3-ubyte"); empty, with a
// test failure, when it cannot be read.
inline std::vector<std::uint8_t> read_data_file(const std::string& name) {
  auto bytes = read_file_maybe_gzip(std::string(MNIST_TEST_DATA_DIR) + "/" + name + ".gz");
  EXPECT_TRUE(bytes.ok()) << bytes.error();
  return bytes.ok() ? std::move(*bytes) : std::vector<std::uint8_t>{};
}

// A new session holding MNIST's training (and validation) images; each test file keeps its own.
inline TrainingSession* new_session_with_training_data() {
  auto* s = new TrainingSession();
  const auto images = read_data_file("train-images-idx3-ubyte");
  const auto labels = read_data_file("train-labels-idx1-ubyte");
  EXPECT_TRUE(s->load_training_data(images.data(), images.size(), labels.data(), labels.size()).ok());
  return s;
}

}  // namespace mnist
