// ImageFolderReader: a user's own data set, "a folder of PNG images in one folder per class",
// turned into MNIST-shaped train and test Datasets. The page (a dropped zip or folder, walked in
// JavaScript) and the CLI (mnist-train --data DIR, cli/image_dir.h) hand it every file as a
// relative path and its bytes, one at a time; each image is decoded and shrunk to 28x28 at once, so
// neither the files nor full-size pixels are kept. finish() then checks the layout as a whole.
//
//   ImageFolderReader reader;
//   for (each file) if (Status s = reader.add(path, bytes, size); !s) show(s.error());
//   Result<ImageFolderData> data = reader.finish();
//
// The rules (every error message names the path or folder concerned):
//   Paths     Relative and '/'-separated, as in a zip: "cat/001.png". One folder wrapping all
//             images ("pets/cat/001.png", as zipping a folder makes) is stripped. An empty or
//             absolute path ("/x", "C:/x"), a "." or ".." part, an empty part ("a//b"), a '\' or a
//             control character, or a path over max_path_bytes is an error. A path ending in '/'
//             names a folder (a zip's folder entry): no bytes, but an empty class folder is then
//             reported.
//   Files     .png, .jpg and .jpeg (any case) are images; one that does not decode is an error with
//             the decoder's reason. Other files, hidden ones (any part starting with '.') and
//             anything under __MACOSX/ are skipped and listed in ImageFolderData::skipped.
//   Layout    Either class folders at the top (cat/001.png), or train/ and test/ at the top, each
//             holding the same class folders (train/cat/001.png, test/cat/901.png). An image
//             directly at the top or in train/ or test/ themselves, deeper than class/file, or
//             train/ and test/ beside plain class folders is an error, and so is a class folder
//             with no images or one only train/ or only test/ has.
//   Classes   The folder names, in natural order ("2" before "10"): label i is class_names[i].
//             2 to 10 classes (a network's output layer, and the page, show up to 10).
//   Pixels    Grayscale by luminance, transparency composited onto white. All images one size
//             (sizes read width x height, as image viewers give them); images other than 28x28 are
//             scaled to fit 28x28, aspect ratio kept (area averaging when shrinking, bilinear when
//             enlarging), centred, padded with their own border colour.
//   Polarity  Decided once for the whole set: MNIST is light ink on black, so when the mean of the
//             images' border pixels is light (> 127), every image is inverted.
//   Split     With train/ and test/: as given. Without: the 1st, 8th, 15th, ... image of each class
//             (in natural path order) is a test image (1 in 7, as MNIST's 10,000 of 70,000), the
//             rest train; so each class needs at least 2 images. Train and test are each shuffled
//             with a fixed seed, so the same files give the same data sets and the validation tail
//             a caller takes from train (the last 1/12) holds every class.
//   Limits    ImageFolderLimits: images, files, bytes per file, width and height, path length; each
//             is checked before the memory it guards is allocated.
// A failed add() leaves the reader as it was. add() after finish(), or finish() twice, is an error.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/data/dataset.h"
#include "core/util/result.h"

namespace mnist {

struct ImageFolderLimits {
  std::size_t max_images = 120000;  // MNIST's 70,000 and then some; 94 MB of 28x28 pixels
  std::size_t max_files = 240000;   // every path given, images and skipped files and folders
  std::size_t max_file_bytes = std::size_t(32) << 20;  // 32 MiB
  int max_side = 4096;  // pixels, width and height (64 MiB of RGBA while decoding)
  std::size_t max_path_bytes = 1024;
};

// The side of the images a data set is made of: MNIST's 28.
inline constexpr int kImageFolderSide = 28;
// The most and fewest classes a data set may have.
inline constexpr int kImageFolderMinClasses = 2;
inline constexpr int kImageFolderMaxClasses = 10;

struct ImageFolderData {
  Dataset train;                         // 28x28, shuffled with a fixed seed
  Dataset test;                          // 28x28, shuffled with a fixed seed
  std::vector<std::string> class_names;  // label i = class_names[i]
  bool test_from_folder = false;         // true when the upload had its own test/ part
  bool inverted = false;                 // dark ink on light background turned to light on dark
  bool resized = false;                  // images were not 28x28 and were scaled to fit 28x28
  int source_rows = 0, source_cols = 0;  // the images' own size
  std::vector<std::string> skipped;      // paths ignored: not images (README.txt, .DS_Store, ...)
};

class ImageFolderReader {
 public:
  explicit ImageFolderReader(ImageFolderLimits limits = {});

  // path: relative, '/'-separated, as in a zip or a folder walk: "cat/001.png",
  // "train/cat/001.png", "test/cat/9.png", or any of these under one wrapping folder
  // ("pets/cat/001.png"). Decodes at once (the bytes are not kept). An error names the path.
  // Only the size of a file over max_file_bytes is looked at (an image is refused, another file
  // skipped), so a caller need not read such a file: bytes may then be null.
  Status add(const std::string& path, const std::uint8_t* bytes, std::size_t size);
  // Checks the whole layout, decides the polarity, splits, builds the datasets.
  Result<ImageFolderData> finish();
  std::size_t images() const { return images_.size(); }  // decoded so far (for progress)

 private:
  struct Image {
    std::vector<std::string> parts;    // the path split at '/'
    std::vector<std::uint8_t> pixels;  // (28, 28), before any inversion
  };
  // A folder seen without an image of its own (from a folder entry or a skipped file).
  struct Folder {
    std::vector<std::string> parts;
  };

  ImageFolderLimits limits_;
  std::vector<Image> images_;
  std::vector<Folder> folders_;
  std::vector<std::string> skipped_;
  std::size_t files_ = 0;
  std::string first_path_;  // the first image, whose size every other must have
  int source_rows_ = 0, source_cols_ = 0;
  double border_sum_ = 0;  // sum of border_mean(image) (one size for all: equal weights)
  bool finished_ = false;
};

}  // namespace mnist
