// Finding, reading, verifying and parsing the MNIST files of a directory (see mnist_files.h).
#include "cli/mnist_files.h"

#include <algorithm>
#include <filesystem>
#include <optional>
#include <system_error>
#include <utility>
#include <vector>

#include "cli/gzip_file.h"
#include "core/data/idx.h"
#include "core/data/sha256.h"

namespace mnist {
namespace {

namespace fs = std::filesystem;

constexpr const char* kTrainImages = "train-images-idx3-ubyte";
constexpr const char* kTrainLabels = "train-labels-idx1-ubyte";
constexpr const char* kTestImages = "t10k-images-idx3-ubyte";
constexpr const char* kTestLabels = "t10k-labels-idx1-ubyte";
constexpr const char* kSumsFile = "SHA256SUMS.raw";
// A sums file is a few lines of text: anything bigger is not one, and is not worth inflating.
constexpr std::size_t kMaxSumsFileBytes = std::size_t(1) << 20;

// Every filesystem call passes an error_code: the no-throw overloads.
bool is_file(const fs::path& path) {
  std::error_code ec;
  return fs::is_regular_file(path, ec);
}

// Reads <dir>/<name> or <dir>/<name>.gz, checks its uncompressed bytes against sums (when the
// directory has a sums file) and parses it as IDX. Messages name the path read.
// The pinned sum of `name` in `expected`'s files ("" without one).
std::string pinned_sum(const DatasetInfo* expected, const std::string& name) {
  if (!expected) return "";
  for (const DatasetFile& f : expected->files)
    if (f.name == name) return f.sha256;
  return "";
}

Result<IdxArray> load_idx_file(const fs::path& dir, const std::string& name,
                               const std::optional<Sha256Sums>& sums,
                               const DatasetInfo* expected, std::string* sha256) {
  fs::path path = dir / name;
  if (!is_file(path)) path = dir / (name + ".gz");
  if (!is_file(path)) {
    return Error{dir.string() + ": missing file " + name + " (or " + name + ".gz)"};
  }
  Result<std::vector<std::uint8_t>> bytes = read_file_maybe_gzip(path.string());
  if (!bytes) return Error{bytes.error()};
  *sha256 = sha256_hex(bytes->data(), bytes->size());
  if (const std::string pinned = pinned_sum(expected, name); !pinned.empty() && *sha256 != pinned) {
    return Error{path.string() + " is not " + expected->name + "'s " + name + " (SHA-256 " +
                 sha256->substr(0, 16) + "..., expected " + pinned.substr(0, 16) + "...)"};
  }
  if (sums) {
    const Status verified = verify_sha256(name, bytes->data(), bytes->size(), *sums);
    if (!verified) {
      return Error{verified.error() + " (file " + path.string() + ", listed in " +
                   (dir / kSumsFile).string() + ")"};
    }
  }
  return parse_idx(bytes->data(), bytes->size(), path.string());
}

// The images and labels files of one set, as a Dataset.
// labels_sha256 receives the labels file's SHA-256 (it tells a built-in dataset apart).
Result<Dataset> load_set(const fs::path& dir, const std::string& images_name,
                         const std::string& labels_name, const std::optional<Sha256Sums>& sums,
                         const DatasetInfo* expected, std::string* labels_sha256) {
  std::string images_sha256;
  Result<IdxArray> images = load_idx_file(dir, images_name, sums, expected, &images_sha256);
  if (!images) return Error{images.error()};
  Result<IdxArray> labels = load_idx_file(dir, labels_name, sums, expected, labels_sha256);
  if (!labels) return Error{labels.error()};
  return Dataset::from_idx(std::move(images).value(), std::move(labels).value(),
                           (dir / images_name).string(), (dir / labels_name).string());
}

// "0".."highest label" (at least 2 names).
std::vector<std::string> label_names(const Dataset& d) {
  std::size_t highest = 1;
  for (std::uint8_t label : d.labels()) highest = std::max<std::size_t>(highest, label);
  std::vector<std::string> names;
  for (std::size_t i = 0; i <= highest; ++i) names.push_back(std::to_string(i));
  return names;
}

}  // namespace

Result<MnistData> load_mnist_dir(const std::string& dir_name, const DatasetInfo* expected) {
  const fs::path dir(dir_name);
  std::error_code ec;
  if (!fs::exists(dir, ec)) return Error{dir_name + ": missing directory"};
  if (!fs::is_directory(dir, ec)) return Error{dir_name + ": not a directory"};

  std::optional<Sha256Sums> sums;
  const fs::path sums_path = dir / kSumsFile;
  if (is_file(sums_path)) {
    Result<std::vector<std::uint8_t>> text = read_file_maybe_gzip(sums_path.string(), kMaxSumsFileBytes);
    if (!text) return Error{text.error()};
    Result<Sha256Sums> parsed = parse_sha256sums(
        std::string_view(reinterpret_cast<const char*>(text->data()), text->size()),
        sums_path.string());
    if (!parsed) return Error{parsed.error()};
    sums = std::move(parsed).value();
  }

  std::string train_labels_sha256, test_labels_sha256;
  Result<Dataset> train_all =
      load_set(dir, kTrainImages, kTrainLabels, sums, expected, &train_labels_sha256);
  if (!train_all) return Error{train_all.error()};
  Result<Dataset> test = load_set(dir, kTestImages, kTestLabels, sums, expected, &test_labels_sha256);
  if (!test) return Error{test.error()};
  if (test->rows() != train_all->rows() || test->cols() != train_all->cols()) {
    return Error{dir_name + ": test images are " + std::to_string(test->rows()) + "x" +
                 std::to_string(test->cols()) + " but training images are " +
                 std::to_string(train_all->rows()) + "x" + std::to_string(train_all->cols())};
  }

  const DatasetInfo* known =
      expected ? expected : builtin_dataset_with_file(kTrainLabels, train_labels_sha256);
  MnistData data;
  data.dataset_name = known ? known->name : "";
  data.class_names = known ? known->class_names : label_names(*train_all);
  for (std::uint8_t label : test->labels()) {
    if (label >= data.class_names.size()) {
      return Error{(dir / kTestLabels).string() + ": label " + std::to_string(label) +
                   " is not among the training labels 0.." +
                   std::to_string(data.class_names.size() - 1)};
    }
  }
  const std::size_t held_out = validation_count_for(train_all->size());
  Result<std::pair<Dataset, Dataset>> split =
      split_train_validation(std::move(train_all).value(), held_out);
  if (!split) return Error{(dir / kTrainImages).string() + ": " + split.error()};
  data.train = std::move(split->first);
  data.validation = std::move(split->second);
  data.test = std::move(test).value();
  return data;
}

}  // namespace mnist
