// The built-in datasets: what the page's dataset menu and the CLI's --dataset offer. Each one is
// four IDX files with the MNIST file names (train-images-idx3-ubyte, ...), pinned by the SHA-256
// of their uncompressed bytes, with its class names, source and licence. The engine is the one
// list of them: the page asks for it through the worker, scripts/fetch-data.sh reads the sums
// from `mnist-train --list-datasets`.
#pragma once
#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace mnist {

struct DatasetFile {
  std::string name;    // the uncompressed file's name, e.g. "train-images-idx3-ubyte"
  std::string sha256;  // of its uncompressed bytes, lowercase hex
};

// Which of the four files: the order of DatasetInfo::files.
enum class DatasetPart { kTrainImages = 0, kTrainLabels = 1, kTestImages = 2, kTestLabels = 3 };

struct DatasetInfo {
  std::string id;                        // "mnist", "fashion-mnist": URLs, --dataset, data/<id>/
  std::string name;                      // "Fashion-MNIST"
  std::string description;               // one English sentence
  std::vector<std::string> class_names;  // label i is class_names[i]
  std::array<DatasetFile, 4> files;      // in DatasetPart order
  std::string source;                    // where the files come from (a web page)
  std::string mirror;                    // a folder URL holding the four .gz files
  std::string licence;
};

// MNIST first (the default), then Fashion-MNIST.
const std::vector<DatasetInfo>& builtin_datasets();
// The dataset with this id, or null.
const DatasetInfo* find_builtin_dataset(std::string_view id);
// "mnist, fashion-mnist": for messages that list the choices.
std::string builtin_dataset_ids();
// The dataset whose pinned files include one with this name and sum, or null: tells which
// built-in dataset a folder of IDX files holds.
const DatasetInfo* builtin_dataset_with_file(std::string_view name, std::string_view sha256);

// How many of a dataset's training images are held out for validation: one twelfth, rounded
// (MNIST's and Fashion-MNIST's 5,000 of 60,000), at least 1 while 2 or more remain for training.
std::size_t validation_count_for(std::size_t training_images);

}  // namespace mnist
