// Finding, reading, verifying and parsing the MNIST files of a directory (see mnist_files.h).
#include "cli/mnist_files.h"

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
Result<IdxArray> load_idx_file(const fs::path& dir, const std::string& name,
                               const std::optional<Sha256Sums>& sums) {
  fs::path path = dir / name;
  if (!is_file(path)) path = dir / (name + ".gz");
  if (!is_file(path)) {
    return Error{dir.string() + ": missing file " + name + " (or " + name + ".gz)"};
  }
  Result<std::vector<std::uint8_t>> bytes = read_file_maybe_gzip(path.string());
  if (!bytes) return Error{bytes.error()};
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
Result<Dataset> load_set(const fs::path& dir, const std::string& images_name,
                         const std::string& labels_name, const std::optional<Sha256Sums>& sums) {
  Result<IdxArray> images = load_idx_file(dir, images_name, sums);
  if (!images) return Error{images.error()};
  Result<IdxArray> labels = load_idx_file(dir, labels_name, sums);
  if (!labels) return Error{labels.error()};
  return Dataset::from_idx(std::move(images).value(), std::move(labels).value(),
                           (dir / images_name).string(), (dir / labels_name).string());
}

}  // namespace

Result<MnistData> load_mnist_dir(const std::string& dir_name) {
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

  Result<Dataset> train_all = load_set(dir, kTrainImages, kTrainLabels, sums);
  if (!train_all) return Error{train_all.error()};
  Result<Dataset> test = load_set(dir, kTestImages, kTestLabels, sums);
  if (!test) return Error{test.error()};
  if (test->rows() != train_all->rows() || test->cols() != train_all->cols()) {
    return Error{dir_name + ": test images are " + std::to_string(test->rows()) + "x" +
                 std::to_string(test->cols()) + " but training images are " +
                 std::to_string(train_all->rows()) + "x" + std::to_string(train_all->cols())};
  }

  Result<std::pair<Dataset, Dataset>> split =
      split_train_validation(std::move(train_all).value(), kMnistValidationCount);
  if (!split) return Error{(dir / kTrainImages).string() + ": " + split.error()};
  MnistData data;
  data.train = std::move(split->first);
  data.validation = std::move(split->second);
  data.test = std::move(test).value();
  return data;
}

}  // namespace mnist
