// mnist-train --data DIR for a user's own images: DIR holds one folder of PNG or JPEG images per
// class (or train/ and test/, each with the same class folders), the layout the page accepts as a
// dropped folder or zip. The directory is walked here and every file handed to ImageFolderReader
// (core/data/image_folder.h), which owns the rules.
#pragma once
#include <string>

#include "cli/mnist_files.h"
#include "core/data/image_folder.h"
#include "core/util/result.h"

namespace mnist {

// True when dir holds any of the four MNIST IDX files (plain or .gz), or does not exist: then
// load_mnist_dir reads it (and names what is missing); otherwise it is a folder of images.
bool is_idx_dir(const std::string& dir);

struct ImageDirData {
  MnistData data;         // train less its last twelfth, that twelfth as validation, test, classes
  ImageFolderData notes;  // what the reader found (its train and test are moved into data)
};

// Walks dir recursively in sorted order (hidden folders and __MACOSX/ not entered) and reads every
// file into an ImageFolderReader; a file over limits.max_file_bytes is not read (the reader refuses
// it by its size if it is an image). Validation: the last validation_count_for(train) training
// images, the rule the page uses too. Errors start with dir.
Result<ImageDirData> load_image_dir(const std::string& dir, const ImageFolderLimits& limits = {});

// For the human output: the classes with their image counts, where the test images come from,
// and what was done to the pixels or skipped; one line each.
std::string describe_image_dir(const MnistData& data, const ImageFolderData& notes);
// The same as one JSON object (one line, no newline).
std::string image_dir_json(const std::string& dir, const MnistData& data,
                           const ImageFolderData& notes);

}  // namespace mnist
