// Tests of the MNIST-style preprocessing of drawings (core/data/digit_preprocess.h): a blank pad
// gives zeros; where and how big a shape is drawn does not matter; the result has MNIST's
// geometry (longer side 20 px, centre of mass at (14, 14)); resampling averages areas; and a real
// MNIST digit drawn 10x larger comes back close to itself. Measurements are recomputed here from
// the output, independently of the implementation.
#include "core/data/digit_preprocess.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "core/data/idx.h"

namespace mnist {
namespace {

constexpr int kPad = 280;  // the page's drawing pad: 280x280, 10x MNIST

using Image = std::vector<std::uint8_t>;  // (kPad, kPad) grayscale, 255 = ink

Image blank_pad() { return Image(kPad * kPad, 0); }

void fill_rect(Image& pad, int x0, int y0, int w, int h, std::uint8_t value = 255) {
  for (int y = y0; y < y0 + h; ++y)
    for (int x = x0; x < x0 + w; ++x) pad[y * kPad + x] = value;
}

std::vector<float> preprocess(const Image& pad) {
  return preprocess_drawing(pad.data(), kPad, kPad);
}

// Measurements of a (28, 28) output.
struct Geometry {
  int ink_width = 0, ink_height = 0;  // bounding box of pixels > 0
  double com_x = 0, com_y = 0;        // centre of mass, pixel-index coordinates
};

Geometry measure(const std::vector<float>& digit) {
  int x0 = kDigitSide, y0 = kDigitSide, x1 = -1, y1 = -1;
  double mass = 0, mx = 0, my = 0;
  for (int y = 0; y < kDigitSide; ++y) {
    for (int x = 0; x < kDigitSide; ++x) {
      const double v = digit[y * kDigitSide + x];
      if (v <= 0) continue;
      x0 = std::min(x0, x), x1 = std::max(x1, x), y0 = std::min(y0, y), y1 = std::max(y1, y);
      mass += v, mx += v * x, my += v * y;
    }
  }
  Geometry g;
  if (x1 < 0) return g;
  g.ink_width = x1 - x0 + 1;
  g.ink_height = y1 - y0 + 1;
  g.com_x = mx / mass;
  g.com_y = my / mass;
  return g;
}

TEST(DigitPreprocess, BlankDrawingGivesZeros) {
  const Image pad = blank_pad();
  EXPECT_TRUE(is_blank(pad.data(), kPad, kPad));
  const std::vector<float> digit = preprocess(pad);
  ASSERT_EQ(digit.size(), 784u);
  for (int i = 0; i < 784; ++i) ASSERT_EQ(digit[i], 0.0f) << "pixel " << i;
}

TEST(DigitPreprocess, EmptyOrMissingImageIsBlank) {
  EXPECT_TRUE(is_blank(nullptr, kPad, kPad));
  const std::uint8_t one = 255;
  EXPECT_TRUE(is_blank(&one, 0, 1));
  EXPECT_EQ(preprocess_drawing(nullptr, 0, 0), std::vector<float>(784, 0.0f));
}

TEST(DigitPreprocess, NearBlackNoiseIsNotInk) {
  Image pad = blank_pad();
  fill_rect(pad, 10, 10, 50, 50, kInkThreshold);
  EXPECT_TRUE(is_blank(pad.data(), kPad, kPad));
  fill_rect(pad, 100, 100, 1, 1, kInkThreshold + 1);
  EXPECT_FALSE(is_blank(pad.data(), kPad, kPad));
}

TEST(DigitPreprocess, RectangleGivesSameDigitWhereverAndHoweverLargeItIsDrawn) {
  // Tall rectangles of aspect 1:2 at different sizes and places: all become the same 10x20 block.
  struct Placement { int x0, y0, w, h; };
  const Placement placements[] = {{0, 0, 40, 80}, {200, 150, 60, 120}, {13, 101, 37, 74},
                                  {100, 0, 140, 280}, {270, 260, 10, 20}};
  Image reference_pad = blank_pad();
  fill_rect(reference_pad, 120, 100, 30, 60);
  const std::vector<float> reference = preprocess(reference_pad);
  for (const Placement& p : placements) {
    Image pad = blank_pad();
    fill_rect(pad, p.x0, p.y0, p.w, p.h);
    const std::vector<float> digit = preprocess(pad);
    for (int i = 0; i < 784; ++i)
      ASSERT_NEAR(digit[i], reference[i], 1e-5)
          << "pixel " << i << " of the " << p.w << "x" << p.h << " rectangle at (" << p.x0
          << ", " << p.y0 << ")";
  }
  const Geometry g = measure(reference);
  EXPECT_EQ(g.ink_width, 10);
  EXPECT_EQ(g.ink_height, 20);
}

TEST(DigitPreprocess, LongerSideSpans20PixelsAndMassIsCentred) {
  Image wide = blank_pad(), tall = blank_pad(), ell = blank_pad(), dot = blank_pad();
  fill_rect(wide, 30, 200, 200, 30);
  fill_rect(tall, 250, 20, 9, 240);      // a thin "1"
  fill_rect(ell, 40, 40, 20, 180);       // an "L": its mass sits off the box's centre
  fill_rect(ell, 40, 200, 120, 20);
  fill_rect(dot, 140, 140, 3, 3);        // a tiny dot is enlarged like any other drawing
  const std::pair<const char*, const Image*> shapes[] = {
      {"wide bar", &wide}, {"thin 1", &tall}, {"L", &ell}, {"dot", &dot}};
  for (const auto& [name, pad] : shapes) {
    const Geometry g = measure(preprocess(*pad));
    EXPECT_EQ(std::max(g.ink_width, g.ink_height), kDigitBox) << name;
    EXPECT_NEAR(g.com_x, 14.0, 0.5) << name;
    EXPECT_NEAR(g.com_y, 14.0, 0.5) << name;
  }
}

TEST(DigitPreprocess, ResamplingAveragesAreasRatherThanPickingPixels) {
  // A 40x40 checkerboard of 1-px squares shrinks by 2: every output pixel covers two ink and two
  // background pixels, so it is 0.5 grey (nearest neighbour would give all 0 or all 1).
  Image pad = blank_pad();
  for (int y = 0; y < 40; ++y)
    for (int x = 0; x < 40; ++x)
      if ((x + y) % 2 == 0) pad[(100 + y) * kPad + 100 + x] = 255;
  const std::vector<float> digit = preprocess(pad);
  int inked = 0;
  for (int i = 0; i < 784; ++i) {
    if (digit[i] == 0) continue;
    ++inked;
    ASSERT_NEAR(digit[i], 0.5f, 1e-5) << "pixel " << i;
  }
  EXPECT_EQ(inked, 20 * 20);
}

// The first `count` images of the MNIST test set, (count, 28, 28) bytes.
std::vector<std::uint8_t> read_mnist_test_images(int count) {
  const std::string path = std::string(MNIST_TEST_DATA_DIR) + "/t10k-images-idx3-ubyte.gz";
  gzFile file = gzopen(path.c_str(), "rb");
  if (file == nullptr) return {};
  std::vector<std::uint8_t> bytes;
  std::uint8_t chunk[1 << 16];
  int got;
  while ((got = gzread(file, chunk, sizeof chunk)) > 0)
    bytes.insert(bytes.end(), chunk, chunk + got);
  gzclose(file);
  Result<IdxArray> idx = parse_idx(bytes.data(), bytes.size(), path);
  if (!idx.ok() || idx->dims.size() != 3 || idx->dims[0] < std::uint32_t(count)) return {};
  idx->data.resize(static_cast<std::size_t>(count) * 784);
  return std::move(idx->data);
}

TEST(DigitPreprocess, MnistDigitDrawnTenTimesLargerComesBackClose) {
  constexpr int kCount = 100;
  const std::vector<std::uint8_t> images = read_mnist_test_images(kCount);
  ASSERT_EQ(images.size(), std::size_t(kCount) * 784) << "cannot read the MNIST test images in "
                                                       << MNIST_TEST_DATA_DIR;
  double worst_mean_abs = 0, worst_correlation = 1;
  for (int n = 0; n < kCount; ++n) {
    const std::uint8_t* original = &images[std::size_t(n) * 784];
    // Each MNIST pixel becomes a 10x10 block of the pad, wherever the digit happens to be drawn.
    Image pad = blank_pad();
    const int offset_x = (n * 7) % 10, offset_y = (n * 3) % 10;
    for (int y = 0; y < kPad - offset_y; ++y)
      for (int x = 0; x < kPad - offset_x; ++x)
        pad[(y + offset_y) * kPad + x + offset_x] = original[(y / 10) * 28 + x / 10];
    const std::vector<float> digit = preprocess(pad);

    double abs_sum = 0, sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
    for (int i = 0; i < 784; ++i) {
      const double a = original[i] / 255.0, b = digit[i];
      abs_sum += std::fabs(a - b);
      sa += a, sb += b, saa += a * a, sbb += b * b, sab += a * b;
    }
    const double cov = sab - sa * sb / 784;
    const double correlation = cov / std::sqrt((saa - sa * sa / 784) * (sbb - sb * sb / 784));
    worst_mean_abs = std::max(worst_mean_abs, abs_sum / 784);
    worst_correlation = std::min(worst_correlation, correlation);
    EXPECT_LT(abs_sum / 784, 0.05) << "test image " << n;
    EXPECT_GT(correlation, 0.9) << "test image " << n;
  }
  RecordProperty("worst_mean_abs_diff", std::to_string(worst_mean_abs));
  RecordProperty("worst_correlation", std::to_string(worst_correlation));
}

}  // namespace
}  // namespace mnist
