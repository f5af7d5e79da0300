// mnist-train --data DIR for a folder of images (cli/image_dir.h): which directories are MNIST's,
// the walk (sorted, hidden folders not entered, files over the size limit not read), the
// validation tail, and errors that start with the directory.
#include "cli/image_dir.h"

#include <gtest/gtest.h>

#include <string>

#include "tests/native/temp_dir.h"
#include "tests/native/test_images.h"

namespace mnist {
namespace {

using testing_files::TempDir;
using testing_files::write_all;
namespace fs = std::filesystem;

// classes x n 28x28 PNGs at dir/<class>/<i>.png.
void write_classes(const fs::path& dir, std::initializer_list<const char*> classes, int n) {
  for (const char* name : classes) {
    fs::create_directories(dir / name);
    for (int i = 0; i < n; ++i)
      write_all(dir / name / (std::to_string(i) + ".png"),
                testing_images::gray_png(28, 28, 0, 255, 8, 8, 12, 12));
  }
}

TEST(ImageFolderDir, MnistFilesOrAFolderOfImages) {
  TempDir tmp;
  EXPECT_TRUE(is_idx_dir((tmp.path() / "missing").string()));  // load_mnist_dir says so
  write_classes(tmp.path(), {"a", "b"}, 2);
  EXPECT_FALSE(is_idx_dir(tmp.path().string()));
  write_all(tmp.path() / "t10k-labels-idx1-ubyte.gz", {1});
  EXPECT_TRUE(is_idx_dir(tmp.path().string()));
}

TEST(ImageFolderDir, WalksClassFoldersAndHoldsOutTheValidationTail) {
  TempDir tmp;
  write_classes(tmp.path(), {"cats", "dogs", "birds"}, 28);  // 24 train, 4 test each
  fs::create_directories(tmp.path() / ".git" / "objects");
  write_all(tmp.path() / ".git" / "objects" / "x.png", {1, 2, 3});          // not entered: not read
  write_all(tmp.path() / "video.mp4", std::vector<std::uint8_t>(5000, 0));  // over the limit
  ImageFolderLimits limits;
  limits.max_file_bytes = 4000;
  auto loaded = load_image_dir(tmp.path().string(), limits);
  ASSERT_TRUE(loaded) << loaded.error();
  EXPECT_EQ(loaded->data.class_names, (std::vector<std::string>{"birds", "cats", "dogs"}));
  EXPECT_EQ(loaded->data.train.size(), 66u);  // 72 less round(72 / 12)
  EXPECT_EQ(loaded->data.validation.size(), 6u);
  EXPECT_EQ(loaded->data.test.size(), 12u);
  EXPECT_EQ(loaded->notes.skipped, (std::vector<std::string>{"video.mp4"}));
  EXPECT_TRUE(loaded->notes.train.empty());  // moved into data
  const std::string text = describe_image_dir(loaded->data, loaded->notes);
  EXPECT_NE(text.find("images per class: birds 28, cats 28, dogs 28"), std::string::npos) << text;
}

TEST(ImageFolderDir, ErrorsStartWithTheDirectory) {
  TempDir tmp;
  write_classes(tmp.path(), {"a", "b"}, 2);
  write_all(tmp.path() / "a" / "huge.png", std::vector<std::uint8_t>(5000, 0));
  ImageFolderLimits limits;
  limits.max_file_bytes = 4000;
  auto loaded = load_image_dir(tmp.path().string(), limits);
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error(), tmp.path().string() +
                                ": a/huge.png: 5000 bytes is more than the limit of 4000 bytes "
                                "per file");
}

}  // namespace
}  // namespace mnist
