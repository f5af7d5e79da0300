// Walking a directory of class folders into an ImageFolderReader (see image_dir.h).
#include "cli/image_dir.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <system_error>
#include <utility>
#include <vector>

#include "core/data/dataset_registry.h"

namespace mnist {
namespace {

namespace fs = std::filesystem;

struct Entry {
  std::string path;  // relative, '/'-separated
  bool folder = false;
};

// Every file and folder under dir, sorted; hidden folders and __MACOSX are not entered. Stops
// with an error past max_entries rather than listing an unbounded tree.
Result<std::vector<Entry>> walk(const fs::path& dir, std::size_t max_entries) {
  std::vector<Entry> entries;
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    std::error_code type_ec;  // a dangling link is no folder; reading it then says why
    const bool folder = it->is_directory(type_ec);
    if (folder && (name[0] == '.' || name == "__MACOSX")) {
      it.disable_recursion_pending();
      continue;
    }
    if (entries.size() >= max_entries)
      return Error{dir.string() + ": more than " + std::to_string(max_entries) + " files"};
    entries.push_back({it->path().lexically_relative(dir).generic_string(), folder});
  }
  if (ec) return Error{dir.string() + ": cannot list (" + ec.message() + ")"};
  std::sort(entries.begin(), entries.end(),
            [](const Entry& a, const Entry& b) { return a.path < b.path; });
  return entries;
}

Result<std::vector<std::uint8_t>> read_whole(const fs::path& path, std::size_t size) {
  std::ifstream in(path, std::ios::binary);
  std::vector<std::uint8_t> bytes(size);
  if (!in || !in.read(reinterpret_cast<char*>(bytes.data()), std::streamsize(size)))
    return Error{"read error"};
  return bytes;
}

std::string json_string(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
      out += escaped;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// Images per class over train, validation and test.
std::vector<std::size_t> class_counts(const MnistData& data) {
  std::vector<std::size_t> counts(data.class_names.size());
  for (const Dataset* set : {&data.train, &data.validation, &data.test})
    for (std::uint8_t label : set->labels()) counts[label]++;
  return counts;
}

}  // namespace

bool is_idx_dir(const std::string& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return true;
  for (const char* name : {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
                           "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"})
    for (const char* suffix : {"", ".gz"})
      if (fs::exists(fs::path(dir) / (std::string(name) + suffix), ec)) return true;
  return false;
}

Result<ImageDirData> load_image_dir(const std::string& dir_name, const ImageFolderLimits& limits) {
  const fs::path dir(dir_name);
  auto entries = walk(dir, limits.max_files);
  if (!entries) return Error{entries.error()};
  ImageFolderReader reader(limits);
  for (const Entry& entry : *entries) {
    Status added;
    if (entry.folder) {
      added = reader.add(entry.path + "/", nullptr, 0);
    } else {
      std::error_code ec;
      const std::uintmax_t size = fs::file_size(dir / entry.path, ec);
      if (ec) return Error{(dir / entry.path).string() + ": cannot read (" + ec.message() + ")"};
      if (size > limits.max_file_bytes) {
        added = reader.add(entry.path, nullptr, std::size_t(size));
      } else {
        auto bytes = read_whole(dir / entry.path, std::size_t(size));
        if (!bytes) return Error{(dir / entry.path).string() + ": " + bytes.error()};
        added = reader.add(entry.path, bytes->data(), bytes->size());
      }
    }
    if (!added) return Error{dir_name + ": " + added.error()};
  }
  auto read = reader.finish();
  if (!read) return Error{dir_name + ": " + read.error()};

  ImageDirData images;
  images.notes = std::move(read).value();
  const std::size_t held_out = validation_count_for(images.notes.train.size());
  auto split = split_train_validation(std::move(images.notes.train), held_out);
  if (!split) return Error{dir_name + ": " + split.error()};
  images.data.train = std::move(split->first);
  images.data.validation = std::move(split->second);
  images.data.test = std::move(images.notes.test);
  images.data.class_names = images.notes.class_names;
  images.notes.train = Dataset();
  images.notes.test = Dataset();
  return images;
}

std::string describe_image_dir(const MnistData& data, const ImageFolderData& notes) {
  const std::vector<std::size_t> counts = class_counts(data);
  std::string text = "images per class:";
  for (std::size_t i = 0; i < counts.size(); ++i)
    text += (i ? ", " : " ") + notes.class_names[i] + " " + std::to_string(counts[i]);
  text += notes.test_from_folder ? "\ntest images: the test/ folder"
                                 : "\ntest images: 1 in 7 of each class";
  text +=
      "\nimages: " + std::to_string(notes.source_cols) + "x" + std::to_string(notes.source_rows);
  if (notes.resized) text += ", scaled to fit 28x28";
  if (notes.inverted) text += ", inverted (dark ink on a light background)";
  if (!notes.skipped.empty()) {
    text += "\nnot images (skipped): ";
    for (std::size_t i = 0; i < notes.skipped.size() && i < 3; ++i)
      text += (i ? ", " : "") + notes.skipped[i];
    if (notes.skipped.size() > 3) text += ", ...";
  }
  return text + "\n";
}

std::string image_dir_json(const std::string& dir, const MnistData& data,
                           const ImageFolderData& notes) {
  const std::vector<std::size_t> counts = class_counts(data);
  std::string classes, per_class;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    classes += (i ? "," : "") + json_string(notes.class_names[i]);
    per_class += (i ? "," : "") + std::to_string(counts[i]);
  }
  auto flag = [](bool b) { return b ? "true" : "false"; };
  return "{\"data\":" + json_string(dir) + ",\"classes\":[" + classes + "],\"class_images\":[" +
         per_class + "],\"train\":" + std::to_string(data.train.size()) +
         ",\"validation\":" + std::to_string(data.validation.size()) +
         ",\"test\":" + std::to_string(data.test.size()) +
         ",\"test_from_folder\":" + flag(notes.test_from_folder) +
         ",\"width\":" + std::to_string(notes.source_cols) +
         ",\"height\":" + std::to_string(notes.source_rows) +
         ",\"resized\":" + flag(notes.resized) + ",\"inverted\":" + flag(notes.inverted) +
         ",\"skipped\":" + std::to_string(notes.skipped.size()) + "}";
}

}  // namespace mnist
