// Reading a folder-per-class image data set (see image_folder.h): path checks and decoding in
// add(), the layout, classes, polarity and split in finish().
#include "core/data/image_folder.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>
#include <utility>

#include "core/data/gray_image.h"
#include "core/util/rng.h"

namespace mnist {
namespace {

// The seed of the train and test shuffles: fixed, so the same files always give the same sets.
constexpr std::uint64_t kShuffleSeed = 20261201;
// Without train/ and test/, image i of a class (in natural path order) is a test image when
// i % kTestEvery == 0.
constexpr std::size_t kTestEvery = 7;

std::string lower(std::string text) {
  for (char& c : text) c = char(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool is_image_name(const std::string& name) {
  const std::string l = lower(name);
  return ends_with(l, ".png") || ends_with(l, ".jpg") || ends_with(l, ".jpeg");
}

bool is_split_name(const std::string& name) {
  const std::string l = lower(name);
  return l == "train" || l == "test";
}

std::string join(const std::vector<std::string>& parts, std::size_t from = 0) {
  std::string text;
  for (std::size_t i = from; i < parts.size(); ++i) text += (i > from ? "/" : "") + parts[i];
  return text;
}

std::string size_text(int cols, int rows) {
  return std::to_string(cols) + "x" + std::to_string(rows);
}

std::string bytes_text(std::size_t bytes) {
  if (bytes < (std::size_t(1) << 20)) return std::to_string(bytes) + " bytes";
  char text[32];
  std::snprintf(text, sizeof text, "%.1f MiB", double(bytes) / (1 << 20));
  return text;
}

// Natural order: runs of digits compare by their value ("2" < "10"), the rest byte by byte; equal
// values with different leading zeros, and otherwise equal names, fall back to plain order.
bool natural_less(const std::string& a, const std::string& b) {
  std::size_t i = 0, j = 0;
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  while (i < a.size() && j < b.size()) {
    if (digit(a[i]) && digit(b[j])) {
      std::size_t ie = i, je = j;
      while (ie < a.size() && digit(a[ie])) ++ie;
      while (je < b.size() && digit(b[je])) ++je;
      std::size_t is = i, js = j;  // skip leading zeros
      while (is + 1 < ie && a[is] == '0') ++is;
      while (js + 1 < je && b[js] == '0') ++js;
      if (ie - is != je - js) return ie - is < je - js;
      const int c = a.compare(is, ie - is, b, js, je - js);
      if (c != 0) return c < 0;
      i = ie;
      j = je;
    } else {
      if (a[i] != b[j]) return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[j]);
      ++i;
      ++j;
    }
  }
  if ((i < a.size()) != (j < b.size())) return j < b.size();
  return a < b;
}

// path split at '/' ("a/b/" gives {"a", "b"} and folder = true), or the reason it is refused.
struct SplitPath {
  std::vector<std::string> parts;
  bool folder = false;
};
Result<SplitPath> split_path(const std::string& path, std::size_t max_bytes) {
  if (path.empty()) return Error{"empty path"};
  for (char c : path) {
    if (static_cast<unsigned char>(c) < 0x20) return Error{"path with a control character"};
    if (c == '\\') return Error{path + ": '\\' in a path (paths are '/'-separated)"};
  }
  if (path.size() > max_bytes)
    return Error{path.substr(0, 60) + "...: path longer than " + std::to_string(max_bytes) +
                 " bytes"};
  const bool drive =
      path.size() >= 2 && path[1] == ':' && std::isalpha(static_cast<unsigned char>(path[0]));
  if (path[0] == '/' || drive) return Error{path + ": absolute path (paths must be relative)"};
  SplitPath split;
  std::size_t start = 0;
  for (;;) {
    const std::size_t slash = path.find('/', start);
    const std::string part = path.substr(start, slash == std::string::npos ? slash : slash - start);
    if (slash == std::string::npos && part.empty()) {  // "a/b/": a folder
      split.folder = true;
      break;
    }
    if (part.empty()) return Error{path + ": empty folder name ('//')"};
    if (part == "." || part == "..") return Error{path + ": '" + part + "' in a path"};
    split.parts.push_back(part);
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return split;
}

bool is_hidden(const std::vector<std::string>& parts) {
  for (const std::string& part : parts)
    if (part[0] == '.' || part == "__MACOSX") return true;
  return false;
}

// A class folder's images in one part (train or test), as indices into the reader's images.
struct ClassImages {
  std::vector<std::size_t> train, test;
};

}  // namespace

ImageFolderReader::ImageFolderReader(ImageFolderLimits limits) : limits_(limits) {}

Status ImageFolderReader::add(const std::string& path, const std::uint8_t* bytes,
                              std::size_t size) {
  if (finished_) return Error{path + ": the data set is already finished (add() after finish())"};
  if (files_ >= limits_.max_files)
    return Error{path + ": more than " + std::to_string(limits_.max_files) + " files"};
  auto split = split_path(path, limits_.max_path_bytes);
  if (!split) return Error{split.error()};
  std::vector<std::string>& parts = split->parts;

  if (is_hidden(parts)) {  // .DS_Store, .git/..., __MACOSX/...: listed unless a folder
    if (!split->folder) skipped_.push_back(path);
    ++files_;
    return Status::Ok();
  }
  if (split->folder || !is_image_name(parts.back())) {
    if (!split->folder) {
      skipped_.push_back(path);
      parts.pop_back();
    }
    if (!parts.empty()) folders_.push_back({std::move(parts)});
    ++files_;
    return Status::Ok();
  }

  if (images_.size() >= limits_.max_images)
    return Error{path + ": more than " + std::to_string(limits_.max_images) + " images"};
  if (size > limits_.max_file_bytes)
    return Error{path + ": " + bytes_text(size) + " is more than the limit of " +
                 bytes_text(limits_.max_file_bytes) + " per file"};
  if (size > 0 && bytes == nullptr) return Error{path + ": no bytes"};
  auto header = read_image_header(bytes, size);
  if (!header) return Error{path + ": " + header.error()};
  if (!first_path_.empty() && (header->rows != source_rows_ || header->cols != source_cols_))
    return Error{path + " is " + size_text(header->cols, header->rows) + " but " + first_path_ +
                 " is " + size_text(source_cols_, source_rows_) + ": all images must be one size"};
  auto decoded = decode_gray_image(bytes, size, limits_.max_side);
  if (!decoded) return Error{path + ": " + decoded.error()};

  const double border = border_mean(*decoded);
  GrayImage fitted =
      fit_image(*decoded, kImageFolderSide, kImageFolderSide, std::uint8_t(std::lround(border)));
  if (first_path_.empty()) {
    first_path_ = path;
    source_rows_ = decoded->rows;
    source_cols_ = decoded->cols;
  }
  border_sum_ += border;
  images_.push_back({std::move(parts), std::move(fitted.pixels)});
  ++files_;
  return Status::Ok();
}

Result<ImageFolderData> ImageFolderReader::finish() {
  if (finished_) return Error{"the data set is already finished (finish() called twice)"};
  finished_ = true;
  if (images_.empty()) {
    std::string text =
        "no images: expected PNG or JPEG files in one folder per class (cat/001.png)";
    if (!skipped_.empty())
      text += "; " + std::to_string(skipped_.size()) + " other files skipped, e.g. " + skipped_[0];
    return Error{text};
  }

  // One folder wrapping every image, with class folders (or train/ and test/) inside: stripped.
  std::size_t strip = 1;
  for (const Image& image : images_)
    if (image.parts.size() < 3 || image.parts[0] != images_[0].parts[0]) strip = 0;
  const std::string wrapper = strip ? images_[0].parts[0] + "/" : "";

  // train/ and test/ at the top when any image is in train/<class>/ or test/<class>/.
  const Image* split_example = nullptr;
  for (const Image& image : images_)
    if (image.parts.size() - strip == 3 && is_split_name(image.parts[strip])) {
      split_example = &image;
      break;
    }
  const bool split_layout = split_example != nullptr;
  const std::string layout_hint =
      "expected class folders (cat/001.png) or train/ and test/ holding class folders "
      "(train/cat/001.png)";

  std::map<std::string, ClassImages> classes;
  for (std::size_t i = 0; i < images_.size(); ++i) {
    const std::vector<std::string>& parts = images_[i].parts;
    const std::string path = join(parts);
    const std::size_t depth = parts.size() - strip;
    if (depth == 1)
      return Error{path + " is directly at the top" + (strip ? " of " + wrapper : "") +
                   ": put each image in its class folder (" + wrapper + "cat/" + parts.back() +
                   ")"};
    if (!split_layout) {
      if (depth > 2) return Error{path + " is nested too deep: " + layout_hint};
      classes[parts[strip]].train.push_back(i);
      continue;
    }
    if (!is_split_name(parts[strip]))
      return Error{"mixed layout: " + path + " is outside train/ and test/ but " +
                   join(split_example->parts) + " is inside: " + layout_hint};
    if (depth == 2)
      return Error{path + " is directly in " + parts[strip] + "/: put it in a class folder (" +
                   wrapper + parts[strip] + "/cat/" + parts.back() + ")"};
    if (depth > 3) return Error{path + " is nested too deep: " + layout_hint};
    ClassImages& c = classes[parts[strip + 1]];
    (lower(parts[strip]) == "train" ? c.train : c.test).push_back(i);
  }

  // Folders seen without images (folder entries, folders holding only other files) at the class
  // level are empty classes.
  for (const Folder& folder : folders_) {
    const std::vector<std::string>& parts = folder.parts;
    if (strip && parts[0] != images_[0].parts[0]) continue;  // beside the wrapping folder
    if (parts.size() <= strip) continue;
    const std::string& top = parts[strip];
    if (!split_layout) {
      if (!classes.count(top)) return Error{"class folder " + wrapper + top + "/ has no images"};
      continue;
    }
    if (!is_split_name(top))
      return Error{"mixed layout: folder " + wrapper + top +
                   "/ is beside train/ and test/: " + layout_hint};
    if (parts.size() <= strip + 1) continue;
    auto found = classes.find(parts[strip + 1]);
    const bool train = lower(top) == "train";
    if (found == classes.end() || (train ? found->second.train : found->second.test).empty())
      return Error{"class folder " + wrapper + top + "/" + parts[strip + 1] + "/ has no images"};
  }

  std::vector<std::string> names;
  for (const auto& entry : classes) names.push_back(entry.first);
  std::sort(names.begin(), names.end(), natural_less);
  auto listed = [&names] {
    std::string text;
    for (std::size_t i = 0; i < names.size(); ++i) text += (i ? ", " : "") + names[i];
    return text;
  };
  if (names.size() < std::size_t(kImageFolderMinClasses))
    return Error{"only 1 class folder (" + wrapper + names[0] + "/): need " +
                 std::to_string(kImageFolderMinClasses) + " to " +
                 std::to_string(kImageFolderMaxClasses) + ", one folder of images per class"};
  if (names.size() > std::size_t(kImageFolderMaxClasses))
    return Error{std::to_string(names.size()) + " class folders (" + listed() + "): at most " +
                 std::to_string(kImageFolderMaxClasses)};

  // Each class's images in natural path order, then the split.
  auto path_less = [this](std::size_t a, std::size_t b) {
    return natural_less(join(images_[a].parts), join(images_[b].parts));
  };
  std::vector<std::pair<std::size_t, std::uint8_t>> train, test;  // (image, label)
  bool has_train = false, has_test = false;
  for (const std::string& name : names) {
    has_train |= !classes[name].train.empty();
    has_test |= !classes[name].test.empty();
  }
  if (split_layout && (!has_train || !has_test))
    return Error{wrapper + (has_train ? "train/ has no test/" : "test/ has no train/") +
                 " beside it: both hold the same class folders"};
  for (std::size_t label = 0; label < names.size(); ++label) {
    ClassImages& c = classes[names[label]];
    std::sort(c.train.begin(), c.train.end(), path_less);
    std::sort(c.test.begin(), c.test.end(), path_less);
    if (split_layout) {
      if (c.train.empty() || c.test.empty())
        return Error{"class folder " + names[label] + "/ is in " +
                     (c.train.empty() ? "test/ but not in train/" : "train/ but not in test/") +
                     ": both need the same class folders"};
      for (std::size_t i : c.train) train.emplace_back(i, std::uint8_t(label));
      for (std::size_t i : c.test) test.emplace_back(i, std::uint8_t(label));
      continue;
    }
    if (c.train.size() < 2)
      return Error{"class folder " + wrapper + names[label] + "/ has 1 image: each class needs " +
                   "at least 2 (one in " + std::to_string(kTestEvery) +
                   " is held out for testing)"};
    for (std::size_t k = 0; k < c.train.size(); ++k)
      (k % kTestEvery == 0 ? test : train).emplace_back(c.train[k], std::uint8_t(label));
  }

  ImageFolderData data;
  data.class_names = names;
  data.test_from_folder = split_layout;
  data.inverted = border_sum_ / double(images_.size()) > 127.0;
  data.resized = source_rows_ != kImageFolderSide || source_cols_ != kImageFolderSide;
  data.source_rows = source_rows_;
  data.source_cols = source_cols_;
  data.skipped = std::move(skipped_);

  Rng rng(kShuffleSeed);
  auto build = [&](std::vector<std::pair<std::size_t, std::uint8_t>>& set) {
    for (std::size_t i = set.size(); i > 1; --i)  // Fisher-Yates
      std::swap(set[i - 1], set[rng.below(std::uint32_t(i))]);
    constexpr std::size_t kPixels = std::size_t(kImageFolderSide) * kImageFolderSide;
    std::vector<std::uint8_t> pixels(set.size() * kPixels), labels(set.size());
    for (std::size_t n = 0; n < set.size(); ++n) {
      std::vector<std::uint8_t>& image = images_[set[n].first].pixels;
      for (std::size_t p = 0; p < kPixels; ++p)
        pixels[n * kPixels + p] = data.inverted ? std::uint8_t(255 - image[p]) : image[p];
      labels[n] = set[n].second;
      std::vector<std::uint8_t>().swap(image);  // freed as it is copied: no double peak
    }
    return Dataset::from_pixels(kImageFolderSide, kImageFolderSide, std::move(pixels),
                                std::move(labels));
  };
  auto built_train = build(train);
  if (!built_train) return Error{built_train.error()};
  auto built_test = build(test);
  if (!built_test) return Error{built_test.error()};
  data.train = std::move(built_train).value();
  data.test = std::move(built_test).value();
  images_.clear();
  images_.shrink_to_fit();
  return data;
}

}  // namespace mnist
