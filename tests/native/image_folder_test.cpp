// ImageFolderReader as a user's upload meets it: a folder of PNGs per class becomes 28x28 train
// and test sets (labels, class order, split, shuffle), pixels come out as MNIST would have them
// (luminance, alpha over white, inversion, scaling into 28x28), and every bad upload is refused
// with a message naming the file or folder: layouts, sizes, corrupt files, limits, hostile paths.
// The images are made in memory (tests/native/test_images.h).
#include "core/data/image_folder.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/data/gray_image.h"
#include "tests/native/test_images.h"

namespace mnist {
namespace {

using testing_images::Colour;
using testing_images::encode_jpeg;
using testing_images::encode_png;
using testing_images::gray_png;

using Bytes = std::vector<std::uint8_t>;

// A 28x28 image on black with a marker: pixel (14, 14) holds `marker`, the rest of a 6x6 square
// around it 200 (so every image has some ink).
Bytes marked_png(std::uint8_t marker) {
  return encode_png(28, 28, 1, [&](int r, int c) {
    if (r == 14 && c == 14) return Colour{marker};
    return Colour{std::uint8_t(r >= 11 && r < 17 && c >= 11 && c < 17 ? 200 : 0)};
  });
}

Status add(ImageFolderReader& reader, const std::string& path, const Bytes& bytes) {
  return reader.add(path, bytes.data(), bytes.size());
}

// Adds every file, failing the test on the first error.
void add_all(ImageFolderReader& reader, const std::map<std::string, Bytes>& files) {
  for (const auto& [path, bytes] : files) {
    const Status s = add(reader, path, bytes);
    ASSERT_TRUE(s.ok()) << path << ": " << s.error();
  }
}

std::string finish_error(ImageFolderReader& reader) {
  auto data = reader.finish();
  return data ? "(no error)" : data.error();
}

#define EXPECT_MENTIONS(text, part) \
  EXPECT_NE(std::string(text).find(part), std::string::npos) << "message: " << (text)

// n images per class, class k's image i marked 100 + 20 k + i, at <prefix><class>/<i>.png.
std::map<std::string, Bytes> marked_classes(const std::vector<std::string>& classes, int n,
                                            const std::string& prefix = "") {
  std::map<std::string, Bytes> files;
  for (std::size_t k = 0; k < classes.size(); ++k)
    for (int i = 0; i < n; ++i) {
      char name[16];
      std::snprintf(name, sizeof name, "%03d.png", i);
      files[prefix + classes[k] + "/" + name] = marked_png(std::uint8_t(100 + 20 * k + i));
    }
  return files;
}

std::uint8_t marker(const Dataset& set, std::size_t i) { return set.image(i)[14 * 28 + 14]; }

TEST(ImageFolderReader, ThreeClassesGiveLabelsInClassOrderAndOneInSevenForTest) {
  ImageFolderReader reader;
  add_all(reader, marked_classes({"square", "circle", "triangle"}, 14));
  EXPECT_EQ(reader.images(), 42u);
  auto data = reader.finish();
  ASSERT_TRUE(data) << data.error();
  EXPECT_EQ(data->class_names, (std::vector<std::string>{"circle", "square", "triangle"}));
  EXPECT_FALSE(data->test_from_folder);
  EXPECT_FALSE(data->inverted);
  EXPECT_FALSE(data->resized);
  EXPECT_EQ(data->source_rows, 28);
  EXPECT_EQ(data->source_cols, 28);
  EXPECT_TRUE(data->skipped.empty());
  ASSERT_EQ(data->train.size(), 36u);
  ASSERT_EQ(data->test.size(), 6u);  // images 000 and 007 of each class
  EXPECT_EQ(data->train.rows(), 28);
  EXPECT_EQ(data->train.cols(), 28);

  // Markers: "square" was given first (k = 0) but is label 1 (circle, square, triangle).
  const std::map<std::string, int> given = {{"square", 0}, {"circle", 1}, {"triangle", 2}};
  std::set<int> test_images;
  for (std::size_t i = 0; i < data->test.size(); ++i) {
    const int m = marker(data->test, i) - 100;
    const int label = data->test.label(i);
    EXPECT_EQ(m / 20, given.at(data->class_names[label])) << "test image " << i;
    test_images.insert(m % 20);
  }
  EXPECT_EQ(test_images, (std::set<int>{0, 7}));
  std::vector<int> per_label(3);
  for (std::size_t i = 0; i < data->train.size(); ++i) {
    const int m = marker(data->train, i) - 100;
    EXPECT_EQ(m / 20, given.at(data->class_names[data->train.label(i)])) << "train image " << i;
    EXPECT_NE(m % 20 % 7, 0);  // images 000 and 007 are test images
    per_label[data->train.label(i)]++;
  }
  EXPECT_EQ(per_label, (std::vector<int>{12, 12, 12}));
  // Shuffled: the last twelfth (the validation tail) is not one class.
  std::set<int> tail;
  for (std::size_t i = 33; i < 36; ++i) tail.insert(data->train.label(i));
  EXPECT_GT(tail.size(), 1u);
  EXPECT_FALSE(std::is_sorted(data->train.labels().begin(), data->train.labels().end()));
}

TEST(ImageFolderReader, TheSameFilesGiveTheSameSetsWhateverTheOrderGiven) {
  const auto files = marked_classes({"a", "b"}, 10);
  ImageFolderReader forward, backward;
  add_all(forward, files);
  for (auto it = files.rbegin(); it != files.rend(); ++it)
    ASSERT_TRUE(add(backward, it->first, it->second));
  auto one = forward.finish(), two = backward.finish();
  ASSERT_TRUE(one && two);
  EXPECT_EQ(one->train.pixels(), two->train.pixels());
  EXPECT_EQ(one->train.labels(), two->train.labels());
  EXPECT_EQ(one->test.pixels(), two->test.pixels());
}

TEST(ImageFolderReader, ClassesAndFilesAreInNaturalOrder) {
  ImageFolderReader reader;
  // Classes "10", "2", "1"; in each, img10 before img2 alphabetically, but img1 comes first.
  std::map<std::string, Bytes> files;
  for (std::string k : {"10", "2", "1"}) {
    files[k + "/img10.png"] = marked_png(10);
    files[k + "/img2.png"] = marked_png(2);
    files[k + "/img1.png"] = marked_png(1);
  }
  add_all(reader, files);
  auto data = reader.finish();
  ASSERT_TRUE(data) << data.error();
  EXPECT_EQ(data->class_names, (std::vector<std::string>{"1", "2", "10"}));
  ASSERT_EQ(data->test.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ(marker(data->test, i), 1) << "img1 is the 1st";
}

TEST(ImageFolderReader, OneWrappingFolderIsStrippedAndOtherFilesAreSkipped) {
  ImageFolderReader reader;
  add_all(reader, marked_classes({"cat", "dog"}, 3, "pets/"));
  const Bytes text = {'h', 'i'};
  for (std::string path : {"pets/README.txt", "pets/.DS_Store", "pets/cat/.hidden.png",
                           "__MACOSX/pets/cat/._000.png", "pets/dog/notes.md", "LICENSE"})
    ASSERT_TRUE(add(reader, path, text)) << path;
  ASSERT_TRUE(add(reader, "pets/", {}));  // a zip's folder entries
  ASSERT_TRUE(add(reader, "pets/cat/", {}));
  auto data = reader.finish();
  ASSERT_TRUE(data) << data.error();
  EXPECT_EQ(data->class_names, (std::vector<std::string>{"cat", "dog"}));
  EXPECT_EQ(data->train.size() + data->test.size(), 6u);
  EXPECT_EQ(data->skipped.size(), 6u);
  EXPECT_NE(std::find(data->skipped.begin(), data->skipped.end(), "__MACOSX/pets/cat/._000.png"),
            data->skipped.end());
}

TEST(ImageFolderReader, TrainAndTestFoldersAreKeptAsGiven) {
  ImageFolderReader reader;
  add_all(reader, marked_classes({"cat", "dog"}, 5, "data/train/"));
  add_all(reader, marked_classes({"cat", "dog"}, 2, "data/test/"));
  auto data = reader.finish();
  ASSERT_TRUE(data) << data.error();
  EXPECT_TRUE(data->test_from_folder);
  EXPECT_EQ(data->class_names, (std::vector<std::string>{"cat", "dog"}));
  EXPECT_EQ(data->train.size(), 10u);
  EXPECT_EQ(data->test.size(), 4u);
  for (std::size_t i = 0; i < data->test.size(); ++i) EXPECT_LT(marker(data->test, i) % 20, 2);
}

TEST(ImageFolderPixels, JpegDecodesToItsGrayLevels) {
  ImageFolderReader reader;
  for (int k = 0; k < 2; ++k)
    for (int i = 0; i < 2; ++i) {
      const Bytes jpeg = encode_jpeg(28, 28, 3, [&](int r, int c) {
        const std::uint8_t v = r >= 8 && r < 20 && c >= 8 && c < 20 ? 180 : 10;
        return Colour{v, v, v};
      });
      ASSERT_TRUE(add(reader, (k ? "b/" : "a/") + std::to_string(i) + ".JPG", jpeg));
    }
  auto data = reader.finish();
  ASSERT_TRUE(data) << data.error();
  EXPECT_FALSE(data->inverted);
  const std::uint8_t* image = data->train.image(0);
  EXPECT_NEAR(image[14 * 28 + 14], 180, 4);
  EXPECT_NEAR(image[2 * 28 + 2], 10, 4);
}

TEST(ImageFolderPixels, LuminanceAndAlphaOverWhite) {
  // Red, green, blue, and a half-transparent black pixel; the rest transparent.
  const Bytes png = encode_png(4, 1, 4, [](int, int c) {
    switch (c) {
      case 0:
        return Colour{255, 0, 0, 255};
      case 1:
        return Colour{0, 255, 0, 255};
      case 2:
        return Colour{0, 0, 255, 255};
      default:
        return Colour{0, 0, 0, 128};
    }
  });
  auto image = decode_gray_image(png.data(), png.size(), 4096);
  ASSERT_TRUE(image) << image.error();
  ASSERT_EQ(image->pixels.size(), 4u);
  EXPECT_NEAR(image->pixels[0], 0.299 * 255, 1);
  EXPECT_NEAR(image->pixels[1], 0.587 * 255, 1);
  EXPECT_NEAR(image->pixels[2], 0.114 * 255, 1);
  EXPECT_NEAR(image->pixels[3], 127, 1);  // half black over white
  // Gray with alpha: fully transparent is white whatever its gray.
  const Bytes ga = encode_png(1, 1, 2, [](int, int) { return Colour{0, 0}; });
  auto clear = decode_gray_image(ga.data(), ga.size(), 4096);
  ASSERT_TRUE(clear);
  EXPECT_EQ(clear->pixels[0], 255);
}

TEST(ImageFolderPixels, BlackInkOnATransparentCanvasBecomesMnistsWhiteOnBlack) {
  ImageFolderReader reader;
  for (std::string path : {"x/1.png", "x/2.png", "y/1.png", "y/2.png"}) {
    const Bytes png = encode_png(28, 28, 4, [](int r, int c) {
      return r >= 10 && r < 18 && c >= 12 && c < 16 ? Colour{0, 0, 0, 255} : Colour{0, 0, 0, 0};
    });
    ASSERT_TRUE(add(reader, path, png));
  }
  auto data = reader.finish();
  ASSERT_TRUE(data) << data.error();
  EXPECT_TRUE(data->inverted);
  const std::uint8_t* image = data->train.image(0);
  EXPECT_EQ(image[0], 0);               // the white background, inverted
  EXPECT_EQ(image[14 * 28 + 13], 255);  // the black ink, inverted
}

TEST(ImageFolderPixels, DarkInkOnPaperIsInvertedForTheWholeSet) {
  ImageFolderReader reader;
  ASSERT_TRUE(add(reader, "a/1.png", gray_png(28, 28, 240, 30, 10, 10, 8, 8)));
  ASSERT_TRUE(add(reader, "a/2.png", gray_png(28, 28, 230, 20, 10, 10, 8, 8)));
  // One dark image among light ones: the set's polarity wins, this one is inverted too.
  ASSERT_TRUE(add(reader, "b/1.png", gray_png(28, 28, 40, 220, 10, 10, 8, 8)));
  ASSERT_TRUE(add(reader, "b/2.png", gray_png(28, 28, 250, 0, 10, 10, 8, 8)));
  auto data = reader.finish();
  ASSERT_TRUE(data) << data.error();
  EXPECT_TRUE(data->inverted);
  std::set<int> backgrounds;
  for (const Dataset* set : {&data->train, &data->test})
    for (std::size_t i = 0; i < set->size(); ++i) backgrounds.insert(set->image(i)[0]);
  EXPECT_EQ(backgrounds, (std::set<int>{15, 25, 215, 5}));
}

TEST(ImageFolderPixels, A56x56BlobShrinksTo28x28AndStaysCentred) {
  // A 16x16 blob in the middle of 56x56 (rows and cols 20..35) becomes rows and cols 10..17.
  ImageFolderReader reader;
  for (std::string path : {"a/1.png", "a/2.png", "b/1.png", "b/2.png"})
    ASSERT_TRUE(add(reader, path, gray_png(56, 56, 0, 255, 20, 20, 16, 16)));
  auto data = reader.finish();
  ASSERT_TRUE(data) << data.error();
  EXPECT_TRUE(data->resized);
  EXPECT_EQ(data->source_rows, 56);
  EXPECT_EQ(data->source_cols, 56);
  const std::uint8_t* image = data->train.image(0);
  double sum = 0, row_sum = 0, col_sum = 0;
  for (int r = 0; r < 28; ++r)
    for (int c = 0; c < 28; ++c) {
      const double v = image[r * 28 + c];
      sum += v;
      row_sum += v * r;
      col_sum += v * c;
      const bool inside = r >= 10 && r < 18 && c >= 10 && c < 18;
      EXPECT_EQ(v, inside ? 255 : 0) << "at " << r << "," << c;
    }
  EXPECT_DOUBLE_EQ(row_sum / sum, 13.5);
  EXPECT_DOUBLE_EQ(col_sum / sum, 13.5);
}

TEST(ImageFolderPixels, ATallImageIsScaledToFitAndPaddedWithItsBackground) {
  // 20 wide, 40 tall: scaled by 0.7 to 14x28, columns 7..20, the rest its border colour (20).
  GrayImage tall;
  tall.rows = 40;
  tall.cols = 20;
  tall.pixels.assign(800, 20);
  for (int r = 4; r < 36; ++r)
    for (int c = 4; c < 16; ++c) tall.pixels[r * 20 + c] = 200;
  const GrayImage fitted = fit_image(tall, 28, 28, 20);
  ASSERT_EQ(fitted.pixels.size(), 784u);
  for (int r = 0; r < 28; ++r) {
    for (int c = 0; c < 7; ++c) EXPECT_EQ(fitted.pixels[r * 28 + c], 20) << r << "," << c;
    for (int c = 21; c < 28; ++c) EXPECT_EQ(fitted.pixels[r * 28 + c], 20) << r << "," << c;
  }
  EXPECT_EQ(fitted.pixels[14 * 28 + 14], 200);
  EXPECT_EQ(fitted.pixels[0 * 28 + 14], 20);  // the image's own top border
}

TEST(ImageFolderPixels, ASmallImageIsEnlargedBilinearly) {
  // 14x14 -> 28x28: a left-to-right ramp stays a ramp, with values between its neighbours.
  GrayImage small;
  small.rows = small.cols = 14;
  for (int r = 0; r < 14; ++r)
    for (int c = 0; c < 14; ++c) small.pixels.push_back(std::uint8_t(c * 10));
  const GrayImage big = fit_image(small, 28, 28, 0);
  for (int c = 1; c < 28; ++c) EXPECT_GE(big.pixels[5 * 28 + c], big.pixels[5 * 28 + c - 1]);
  EXPECT_EQ(big.pixels[5 * 28 + 0], 0);
  EXPECT_EQ(big.pixels[5 * 28 + 27], 130);
  EXPECT_EQ(big.pixels[5 * 28 + 2], 8);  // source column 0.75: 7.5, rounded up
}

// ---------------------------------------------------------------- errors

TEST(ImageFolderErrors, LayoutsThatAreNotOneFolderPerClass) {
  struct Case {
    const char* name;
    std::vector<std::string> paths;
    const char* message;
  };
  const std::vector<Case> cases = {
      {"image at the top",
       {"a/1.png", "a/2.png", "b/1.png", "b/2.png", "loose.png"},
       "loose.png is directly at the top"},
      {"nested too deep",
       {"a/1.png", "a/2.png", "b/x/1.png", "b/2.png"},
       "b/x/1.png is nested too deep"},
      {"train/test beside class folders",
       {"train/a/1.png", "test/a/1.png", "train/b/1.png", "test/b/1.png", "c/1.png"},
       "mixed layout: c/1.png is outside train/ and test/"},
      {"image directly in train/",
       {"train/a/1.png", "test/a/1.png", "train/b/1.png", "test/b/1.png", "train/2.png"},
       "train/2.png is directly in train/"},
      {"train/ without test/",
       {"x/train/a/1.png", "x/train/b/1.png"},
       "x/train/ has no test/ beside it"},
      {"class only in train/",
       {"train/a/1.png", "test/a/1.png", "train/b/1.png", "test/c/1.png"},
       "class folder b/ is in train/ but not in test/"},
      {"one class", {"cat/1.png", "cat/2.png", "cat/3.png"}, "only 1 class folder (cat/)"},
      {"one image in a class", {"a/1.png", "a/2.png", "b/1.png"}, "class folder b/ has 1 image"},
      {"eleven classes",
       {"c1/1.png", "c2/1.png", "c3/1.png", "c4/1.png", "c5/1.png", "c6/1.png", "c7/1.png",
        "c8/1.png", "c9/1.png", "c10/1.png", "c11/1.png"},
       "11 class folders (c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11): at most 10"},
  };
  const Bytes png = marked_png(1);
  for (const Case& c : cases) {
    ImageFolderReader reader;
    for (const std::string& path : c.paths) ASSERT_TRUE(add(reader, path, png)) << c.name;
    EXPECT_MENTIONS(finish_error(reader), c.message) << c.name;
  }
}

TEST(ImageFolderErrors, AnEmptyClassFolderIsNamed) {
  const Bytes png = marked_png(1);
  {  // a zip's folder entry with nothing in it
    ImageFolderReader reader;
    add_all(reader, marked_classes({"cat", "dog"}, 2));
    ASSERT_TRUE(add(reader, "bird/", {}));
    EXPECT_MENTIONS(finish_error(reader), "class folder bird/ has no images");
  }
  {  // a folder holding only other files, under a wrapping folder
    ImageFolderReader reader;
    add_all(reader, marked_classes({"cat", "dog"}, 2, "pets/"));
    ASSERT_TRUE(add(reader, "pets/bird/readme.txt", {'x'}));
    EXPECT_MENTIONS(finish_error(reader), "class folder pets/bird/ has no images");
  }
  {  // an empty class folder in test/
    ImageFolderReader reader;
    add_all(reader, marked_classes({"cat", "dog"}, 2, "train/"));
    add_all(reader, marked_classes({"cat"}, 2, "test/"));
    ASSERT_TRUE(add(reader, "test/dog/", {}));
    EXPECT_MENTIONS(finish_error(reader), "class folder test/dog/ has no images");
  }
  {  // nothing at all
    ImageFolderReader reader;
    ASSERT_TRUE(add(reader, "README.txt", {'x'}));
    EXPECT_MENTIONS(finish_error(reader), "no images");
  }
}

TEST(ImageFolderErrors, ImagesOfDifferentSizesNameTheFirstTwo) {
  ImageFolderReader reader;
  ASSERT_TRUE(add(reader, "cat/1.png", marked_png(1)));
  ASSERT_TRUE(add(reader, "cat/2.png", marked_png(2)));
  const Status s = add(reader, "cat/3.png", gray_png(32, 32, 0, 255, 1, 1, 3, 3));
  EXPECT_EQ(s.error(), "cat/3.png is 32x32 but cat/1.png is 28x28: all images must be one size");
  EXPECT_EQ(reader.images(), 2u);  // a failed add changes nothing
}

TEST(ImageFolderErrors, ACorruptImageIsNamedWithTheDecodersReason) {
  ImageFolderReader reader;
  const Bytes text = {'n', 'o', 't', ' ', 'a', ' ', 'p', 'n', 'g'};
  const Status not_png = add(reader, "cat/1.png", text);
  EXPECT_MENTIONS(not_png.error(), "cat/1.png: not a PNG or JPEG file");
  Bytes truncated = marked_png(1);
  truncated.resize(truncated.size() / 2);
  const Status cut = add(reader, "cat/2.png", truncated);
  EXPECT_MENTIONS(cut.error(), "cat/2.png: cannot decode (");
  const Status empty = add(reader, "cat/3.jpeg", {});
  EXPECT_MENTIONS(empty.error(), "cat/3.jpeg: empty file");
  EXPECT_EQ(reader.images(), 0u);
}

TEST(ImageFolderErrors, AnEmptyFirstDataChunkIsRefusedBeforeTheDecoderSeesIt) {
  // Found by tests/fuzz/image_folder_fuzz: stb_image would memcpy 0 bytes to a null buffer.
  Bytes png = marked_png(1);
  const std::uint8_t idat[] = {'I', 'D', 'A', 'T'};
  const auto at = std::search(png.begin(), png.end(), idat, idat + 4) - 4;
  png.insert(at, {0, 0, 0, 0, 'I', 'D', 'A', 'T', 0x35, 0xAF, 0x06, 0x1E});
  ImageFolderReader reader;
  EXPECT_EQ(add(reader, "a/1.png", png).error(), "a/1.png: cannot decode (empty IDAT chunk)");
}

TEST(ImageFolderErrors, AChunkLongerThanTheFileIsRefusedBeforeTheDecoderSeesIt) {
  // Found by tests/fuzz/image_folder_fuzz: stb_image grew its buffer to an IDAT chunk's declared
  // length (here 2 GiB) before reading it.
  Bytes png = marked_png(1);
  const std::uint8_t idat[] = {'I', 'D', 'A', 'T'};
  const auto at = std::search(png.begin(), png.end(), idat, idat + 4) - 4;
  const Bytes huge = {0x7F, 0xFF, 0xFF, 0xF0};
  std::copy(huge.begin(), huge.end(), at);
  ImageFolderReader reader;
  EXPECT_EQ(add(reader, "a/1.png", png).error(),
            "a/1.png: cannot decode (a chunk longer than the file)");
  // Bytes after IEND are not the image's: a PNG with trailing junk still decodes.
  Bytes trailing = marked_png(1);
  trailing.insert(trailing.end(), {0x7F, 0xFF, 0xFF, 0xF0, 'j', 'u', 'n', 'k'});
  EXPECT_TRUE(add(reader, "a/2.png", trailing));
}

TEST(ImageFolderErrors, AJpegHuffmanTableOfMoreThan256CodesIsRefused) {
  // Found by tests/fuzz/image_folder_fuzz: stb_image 2.27 would write past the table's arrays.
  Bytes jpeg = encode_jpeg(16, 16, 1, [](int r, int c) { return Colour{std::uint8_t(r * c)}; });
  const std::uint8_t dht[] = {0xFF, 0xC4};
  const auto at = std::search(jpeg.begin(), jpeg.end(), dht, dht + 2);
  ASSERT_NE(at, jpeg.end());
  std::fill(at + 5, at + 21, 20);  // the first table's 16 code counts: 320 codes
  ImageFolderReader reader;
  EXPECT_EQ(add(reader, "a/1.jpg", jpeg).error(),
            "a/1.jpg: cannot decode (a Huffman table of more than 256 codes)");
}

// A PNG whose header claims width x height (the pixel data is a 1x1 image's).
Bytes png_claiming(std::uint32_t width, std::uint32_t height) {
  Bytes png = gray_png(1, 1, 0, 0, 0, 0, 0, 0);
  for (int i = 0; i < 4; ++i) {  // IHDR's width and height, big-endian, at bytes 16 and 20
    png[16 + i] = std::uint8_t(width >> (24 - 8 * i));
    png[20 + i] = std::uint8_t(height >> (24 - 8 * i));
  }
  return png;
}

TEST(ImageFolderErrors, LimitsAreCheckedBeforeTheMemoryIsTaken) {
  {
    ImageFolderReader reader;
    EXPECT_MENTIONS(add(reader, "cat/huge.png", png_claiming(100000, 100000)).error(),
                    "cat/huge.png: image is 100000x100000, larger than the limit of 4096x4096");
    EXPECT_MENTIONS(add(reader, "cat/big.png", png_claiming(5000, 20)).error(),
                    "cat/big.png: image is 5000x20, larger than the limit of 4096x4096");
  }
  {  // a JPEG whose frame header claims 60000x60000
    Bytes jpeg = encode_jpeg(8, 8, 1, [](int, int) { return Colour{0}; });
    const std::uint8_t sof0[] = {0xFF, 0xC0};
    const std::size_t sof =
        std::size_t(std::search(jpeg.begin(), jpeg.end(), sof0, sof0 + 2) - jpeg.begin());
    ASSERT_LT(sof + 9, jpeg.size());
    for (std::size_t at : {sof + 5, sof + 7}) jpeg[at] = jpeg[at + 1] = 0xEA;  // 0xEAEA = 60138
    ImageFolderReader reader;
    EXPECT_MENTIONS(add(reader, "cat/huge.jpg", jpeg).error(),
                    "cat/huge.jpg: image is 60138x60138, larger than the limit of 4096x4096");
  }
  ImageFolderLimits limits;
  limits.max_file_bytes = 100;
  limits.max_images = 2;
  limits.max_files = 4;
  ImageFolderReader reader(limits);
  const Bytes big(101, 0);
  EXPECT_MENTIONS(add(reader, "cat/1.png", big).error(),
                  "cat/1.png: 101 bytes is more than the limit of 100 bytes per file");
  const Bytes small = gray_png(28, 28, 0, 0, 0, 0, 0, 0);
  ASSERT_LE(small.size(), 100u);
  ASSERT_TRUE(add(reader, "cat/1.png", small));
  ASSERT_TRUE(add(reader, "dog/1.png", small));
  EXPECT_MENTIONS(add(reader, "dog/2.png", small).error(), "dog/2.png: more than 2 images");
  ASSERT_TRUE(add(reader, "a.txt", {}));
  ASSERT_TRUE(add(reader, "b.txt", {}));
  EXPECT_MENTIONS(add(reader, "c.txt", {}).error(), "c.txt: more than 4 files");
}

TEST(ImageFolderErrors, HostilePathsAreRefused) {
  const Bytes png = marked_png(1);
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"", "empty path"},
      {"/etc/cat/1.png", "/etc/cat/1.png: absolute path"},
      {"C:/cat/1.png", "C:/cat/1.png: absolute path"},
      {"../cat/1.png", "../cat/1.png: '..' in a path"},
      {"cat/../../1.png", "cat/../../1.png: '..' in a path"},
      {"cat/./1.png", "cat/./1.png: '.' in a path"},
      {"cat//1.png", "cat//1.png: empty folder name"},
      {"cat\\1.png", "'\\' in a path"},
      {std::string("cat/1\n.png"), "control character"},
      {std::string(2000, 'a') + ".png", "path longer than 1024 bytes"},
  };
  ImageFolderReader reader;
  for (const auto& [path, message] : cases) {
    const Status s = add(reader, path, png);
    EXPECT_FALSE(s.ok()) << path;
    EXPECT_MENTIONS(s.error(), message);
  }
  EXPECT_EQ(reader.images(), 0u);
}

TEST(ImageFolderErrors, AddAfterFinishAndFinishTwice) {
  ImageFolderReader reader;
  add_all(reader, marked_classes({"a", "b"}, 2));
  ASSERT_TRUE(reader.finish());
  EXPECT_MENTIONS(add(reader, "a/9.png", marked_png(9)).error(), "add() after finish()");
  EXPECT_MENTIONS(finish_error(reader), "finish() called twice");
}

}  // namespace
}  // namespace mnist
