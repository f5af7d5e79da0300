// The built-in datasets (core/data/dataset_registry.h), their pinned sums against the real files
// where they are on this machine, and a session's classes (count, names, output layer).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "cli/mnist_files.h"
#include "core/data/dataset_registry.h"
#include "core/session/training_session.h"

namespace mnist {
namespace {

bool contains(const std::string& text, const std::string& words) {
  return text.find(words) != std::string::npos;
}

TEST(DatasetRegistry, ListsMnistFirstThenFashionMnist) {
  const auto& all = builtin_datasets();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].id, "mnist");
  EXPECT_EQ(all[1].id, "fashion-mnist");
  EXPECT_EQ(builtin_dataset_ids(), "mnist, fashion-mnist");
  EXPECT_EQ(find_builtin_dataset("fashion-mnist")->name, "Fashion-MNIST");
  EXPECT_EQ(find_builtin_dataset("cifar-10"), nullptr);
  EXPECT_EQ(all[1].class_names[7], "Sneaker");
  EXPECT_EQ(all[0].class_names[7], "7");
}

TEST(DatasetRegistry, EveryDatasetHasTenClassesAndFourPinnedFiles) {
  for (const DatasetInfo& d : builtin_datasets()) {
    EXPECT_EQ(d.class_names.size(), 10u) << d.id;
    EXPECT_FALSE(d.source.empty() || d.licence.empty() || d.mirror.empty()) << d.id;
    for (const DatasetFile& f : d.files) {
      EXPECT_EQ(f.sha256.size(), 64u) << d.id << " " << f.name;
      EXPECT_EQ(f.sha256.find_first_not_of("0123456789abcdef"), std::string::npos) << f.name;
      EXPECT_EQ(builtin_dataset_with_file(f.name, f.sha256), &d) << f.name;
    }
  }
  EXPECT_EQ(builtin_dataset_with_file("train-labels-idx1-ubyte", std::string(64, '0')), nullptr);
}

// scripts/fetch-data.sh downloads with its own copy of the sums (it runs before anything is
// built): it must pin exactly the engine's.
TEST(DatasetRegistry, TheDownloadScriptPinsTheSameSums) {
  for (const DatasetInfo& d : builtin_datasets()) {
    const std::string path = std::string(MNIST_SOURCE_ROOT) + "/scripts/datasets/" + d.id + ".sha256";
    std::ifstream in(path);
    ASSERT_TRUE(in) << path;
    std::map<std::string, std::string> pinned;
    for (std::string line; std::getline(in, line);) {
      if (line.empty() || line[0] == '#') continue;
      std::istringstream fields(line);
      std::string sum, name;
      fields >> sum >> name;
      pinned[name] = sum;
    }
    ASSERT_EQ(pinned.size(), 4u) << path;
    for (const DatasetFile& f : d.files) EXPECT_EQ(pinned[f.name], f.sha256) << path << " " << f.name;
  }
}

TEST(DatasetRegistry, ValidationIsTheLastTwelfth) {
  EXPECT_EQ(validation_count_for(60000), 5000u);
  EXPECT_EQ(validation_count_for(100), 8u);
  EXPECT_EQ(validation_count_for(12), 1u);
  EXPECT_EQ(validation_count_for(2), 1u);
  EXPECT_EQ(validation_count_for(1), 0u);
}

// The pinned sums are the real files' sums: Debian's dataset-fashion-mnist (scripts/setup.sh
// installs it) read with --dataset's check, and refused as MNIST.
TEST(DatasetRegistry, FashionMnistFilesMatchTheirPinnedSums) {
  const std::string dir = "/usr/share/datasets/fashion-mnist";
  if (!std::filesystem::is_directory(dir)) GTEST_SKIP() << dir << " is not on this machine";
  auto data = load_mnist_dir(dir, find_builtin_dataset("fashion-mnist"));
  ASSERT_TRUE(data.ok()) << data.error();
  EXPECT_EQ(data->dataset_name, "Fashion-MNIST");
  EXPECT_EQ(data->class_names.at(9), "Ankle boot");
  EXPECT_EQ(data->train.size(), 55000u);
  EXPECT_EQ(data->validation.size(), 5000u);
  // Without --dataset, the labels' sum still names the dataset.
  auto recognised = load_mnist_dir(dir);
  ASSERT_TRUE(recognised.ok()) << recognised.error();
  EXPECT_EQ(recognised->dataset_name, "Fashion-MNIST");
  auto refused = load_mnist_dir(dir, find_builtin_dataset("mnist"));
  ASSERT_FALSE(refused.ok());
  EXPECT_TRUE(contains(refused.error(), "is not MNIST's train-images-idx3-ubyte")) << refused.error();
}

// A tiny dataset of `n` 28x28 images with labels 0, 1, 2, 0, 1, 2, ...
Dataset three_classes(int n) {
  std::vector<std::uint8_t> pixels(std::size_t(n) * 784, 0), labels;
  for (int i = 0; i < n; ++i) {
    labels.push_back(std::uint8_t(i % 3));
    pixels[std::size_t(i) * 784 + std::size_t(i % 3) * 100] = 255;
  }
  return Dataset::from_pixels(28, 28, std::move(pixels), std::move(labels)).value();
}

TEST(SessionClasses, StartAsTheTenDigits) {
  TrainingSession s;
  EXPECT_EQ(s.class_count(), 10);
  EXPECT_EQ(s.class_names().front(), "0");
}

TEST(SessionClasses, LoadedDatasetsSetTheClassesAndTheOutputMustMatch) {
  TrainingSession s;
  ASSERT_TRUE(s.load_datasets(three_classes(120), three_classes(21), {"cat", "dog", "fox"}).ok());
  EXPECT_EQ(s.class_count(), 3);
  EXPECT_EQ(s.class_names()[2], "fox");
  EXPECT_EQ(s.count(Split::kTrain), 110);
  EXPECT_EQ(s.count(Split::kValidation), 10);
  EXPECT_EQ(s.count(Split::kTest), 21);

  TrainConfig config;
  config.model_spec = "dense:16:relu,dense:10:softmax";
  const Status ten = s.configure(config);
  ASSERT_FALSE(ten.ok());
  EXPECT_TRUE(contains(ten.error(), "3")) << ten.error();
  config.model_spec = "dense:16:relu,dense:3:softmax";
  ASSERT_TRUE(s.configure(config).ok());
  EXPECT_TRUE(s.train_batches(4).error.empty());
}

TEST(SessionClasses, BadNamesAreRefusedAndChangeNothing) {
  TrainingSession s;
  ASSERT_TRUE(s.load_datasets(three_classes(24), three_classes(6), {"a", "b", "c"}).ok());
  EXPECT_TRUE(contains(s.set_class_names({"a"}).error(), "2 to 10 classes"));
  EXPECT_TRUE(contains(s.set_class_names(std::vector<std::string>(11, "x")).error(), "2 to 10"));
  EXPECT_TRUE(contains(s.set_class_names({"a", ""}).error(), "1 to 64 bytes"));
  EXPECT_TRUE(contains(s.set_class_names({"a", "b"}).error(), "label 2 but only 2 class names"));
  EXPECT_TRUE(contains(s.load_datasets(three_classes(24), three_classes(6), {"a", "b"}).error(),
                       "label 2"));
  EXPECT_TRUE(contains(s.load_datasets(three_classes(1), three_classes(6), {"a", "b", "c"}).error(),
                       "at least 2 images"));
  EXPECT_EQ(s.class_names(), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(s.count(Split::kTrain), 22);
  ASSERT_TRUE(s.set_class_names({"x", "y", "z", "w"}).ok());
  EXPECT_EQ(s.class_count(), 4);
}

TEST(SessionClasses, IdxLabelsGiveTheClassCount) {
  // Labels 0..2 only: classes "0", "1", "2".
  std::vector<std::uint8_t> images = {0, 0, 8, 3, 0, 0, 0, 24, 0, 0, 0, 28, 0, 0, 0, 28};
  images.resize(images.size() + 24 * 784, 7);
  std::vector<std::uint8_t> labels = {0, 0, 8, 1, 0, 0, 0, 24};
  for (int i = 0; i < 24; ++i) labels.push_back(std::uint8_t(i % 3));
  TrainingSession s;
  ASSERT_TRUE(s.load_training_data(images.data(), images.size(), labels.data(), labels.size()).ok());
  EXPECT_EQ(s.class_names(), (std::vector<std::string>{"0", "1", "2"}));
  labels.back() = 5;  // a test label the training labels do not have
  const Status test = s.load_test_data(images.data(), images.size(), labels.data(), labels.size());
  ASSERT_FALSE(test.ok());
  EXPECT_TRUE(contains(test.error(), "label 5")) << test.error();
}

}  // namespace
}  // namespace mnist
