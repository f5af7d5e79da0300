// Tests of training-time augmentation (core/data/augment.h). transform_image is checked against
// transforms worked out by hand (whole-pixel shifts, a quarter turn of a small pattern, the
// identity) and for keeping the ink; augment_batch for what a trainer relies on: a seed
// reproduces the batch, shifts and tilts stay within the options, pixels stay in [0, 1].
// Expected values are computed here independently of the implementation.
#include "core/data/augment.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <set>
#include <utility>
#include <vector>

#include "core/util/rng.h"

namespace mnist {
namespace {

constexpr float kPi = 3.14159265358979323846f;
constexpr int kSide = 28;  // MNIST

using Image = std::vector<float>;  // (rows, cols) row-major

Image random_image(int rows, int cols, std::uint64_t seed) {
  Rng rng(seed);
  Image image(static_cast<std::size_t>(rows) * cols);
  for (float& v : image) v = rng.uniform();
  return image;
}

Image transformed(const Image& src, int rows, int cols, float angle, float shift_x,
                  float shift_y) {
  Image dst(src.size(), -1.0f);  // pre-filled so an unwritten pixel shows up
  transform_image(src.data(), dst.data(), rows, cols, angle, shift_x, shift_y);
  return dst;
}

double sum(const float* image, int size) {
  double total = 0;
  for (int i = 0; i < size; ++i) total += image[i];
  return total;
}

// A batch of `count` copies of `image`, and the augmented version of it drawn with `seed`.
std::vector<float> augmented_copies(const Image& image, int count, int rows, int cols,
                                    const AugmentOptions& options, std::uint64_t seed) {
  std::vector<float> x;
  for (int i = 0; i < count; ++i) x.insert(x.end(), image.begin(), image.end());
  std::vector<float> scratch(image.size());
  Rng rng(seed);
  augment_batch(x.data(), count, rows, cols, options, rng, scratch.data());
  return x;
}

TEST(AugmentTransform, ZeroTransformIsTheIdentity) {
  for (auto [rows, cols] : {std::pair{28, 28}, std::pair{5, 5}, std::pair{4, 7}}) {
    const Image src = random_image(rows, cols, 3);
    EXPECT_EQ(transformed(src, rows, cols, 0.0f, 0.0f, 0.0f), src) << rows << "x" << cols;
  }
}

TEST(AugmentTransform, WholePixelShiftMovesPixelsExactlyAndFillsZeros) {
  const int rows = 6, cols = 9;  // not square, so rows and cols cannot be mixed up
  const Image src = random_image(rows, cols, 7);
  for (auto [dx, dy] : {std::pair{2, -1}, std::pair{-2, 2}, std::pair{0, 1}, std::pair{-1, 0}}) {
    const Image dst = transformed(src, rows, cols, 0.0f, float(dx), float(dy));
    for (int y = 0; y < rows; ++y) {
      for (int x = 0; x < cols; ++x) {
        const int sx = x - dx, sy = y - dy;  // where this pixel came from
        const bool inside = sx >= 0 && sx < cols && sy >= 0 && sy < rows;
        EXPECT_EQ(dst[y * cols + x], inside ? src[sy * cols + sx] : 0.0f)
            << "shift (" << dx << ", " << dy << ") at x=" << x << " y=" << y;
      }
    }
  }
}

TEST(AugmentTransform, QuarterTurnMatchesHandRotatedPattern) {
  // An "L" with a dot: no symmetry, so any wrong direction or transposition shows.
  const Image src = {
      0, 1, 0, 0, 0,  //
      0, 1, 0, 0, 0,  //
      0, 1, 0, 0, 0,  //
      0, 1, 1, 1, 0,  //
      0, 0, 0, 0, .5f,
  };
  // The same, turned a quarter counter-clockwise on screen (the top row becomes the left column).
  const Image counter_clockwise = {
      0, 0, 0, 0, .5f,  //
      0, 0, 0, 1, 0,    //
      0, 0, 0, 1, 0,    //
      1, 1, 1, 1, 0,    //
      0, 0, 0, 0, 0,
  };
  // And a quarter clockwise (the top row becomes the right column).
  const Image clockwise = {
      0,   0, 0, 0, 0,  //
      0,   1, 1, 1, 1,  //
      0,   1, 0, 0, 0,  //
      0,   1, 0, 0, 0,  //
      .5f, 0, 0, 0, 0,
  };
  const Image turned_left = transformed(src, 5, 5, kPi / 2, 0, 0);
  const Image turned_right = transformed(src, 5, 5, -kPi / 2, 0, 0);
  for (int i = 0; i < 25; ++i) {
    EXPECT_NEAR(turned_left[i], counter_clockwise[i], 1e-5) << "+90 deg, pixel " << i;
    EXPECT_NEAR(turned_right[i], clockwise[i], 1e-5) << "-90 deg, pixel " << i;
  }
}

TEST(AugmentTransform, RotationThenShift) {
  // A quarter turn plus a shift equals the turned pattern shifted: the shift is applied after.
  const int side = 7;
  const Image src = random_image(side, side, 11);
  const Image turned = transformed(src, side, side, kPi / 2, 0, 0);
  const Image both = transformed(src, side, side, kPi / 2, 1, -2);
  for (int y = 0; y < side; ++y) {
    for (int x = 0; x < side; ++x) {
      const int sx = x - 1, sy = y + 2;
      const bool inside = sx >= 0 && sx < side && sy >= 0 && sy < side;
      EXPECT_NEAR(both[y * side + x], inside ? turned[sy * side + sx] : 0.0f, 1e-5)
          << "x=" << x << " y=" << y;
    }
  }
}

TEST(AugmentTransform, SmallRotationKeepsTheInkOfACentredBlob) {
  // An upright elliptical blob (a stroke-like "1"), well inside the border.
  Image blob(kSide * kSide);
  const float c = (kSide - 1) / 2.0f;
  for (int y = 0; y < kSide; ++y)
    for (int x = 0; x < kSide; ++x)
      blob[y * kSide + x] =
          std::exp(-0.5f * ((x - c) * (x - c) / 4.0f + (y - c) * (y - c) / 25.0f));
  const double mass = sum(blob.data(), kSide * kSide);
  for (float degrees : {-10.0f, -4.0f, 3.0f, 10.0f}) {
    const Image turned = transformed(blob, kSide, kSide, degrees * kPi / 180, 0, 0);
    EXPECT_NEAR(sum(turned.data(), kSide * kSide), mass, 0.002 * mass) << degrees << " deg";
    EXPECT_NE(turned, blob) << degrees << " deg";  // it did turn
  }
}

TEST(AugmentBatch, SameSeedReproducesTheBatchAndAnotherSeedDoesNot) {
  const Image image = random_image(kSide, kSide, 5);
  const AugmentOptions options;  // defaults: +-2 px, +-10 deg
  const std::vector<float> a = augmented_copies(image, 8, kSide, kSide, options, 42);
  const std::vector<float> b = augmented_copies(image, 8, kSide, kSide, options, 42);
  const std::vector<float> c = augmented_copies(image, 8, kSide, kSide, options, 43);
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
  // Copies of one image come out different: each image gets its own draw.
  EXPECT_FALSE(std::equal(a.begin(), a.begin() + kSide * kSide, a.begin() + kSide * kSide));
}

TEST(AugmentBatch, DrawsThreeNumbersPerImageWhateverTheOptions) {
  // The stream position after a batch depends only on the batch size, so turning augmentation
  // off (all zeros) leaves the batch unchanged and the rest of a seeded run the same.
  const Image image = random_image(kSide, kSide, 9);
  std::vector<float> x = image;
  std::vector<float> scratch(image.size());
  Rng off(77), on(77), reference(77);
  augment_batch(x.data(), 1, kSide, kSide, AugmentOptions{0, 0.0f}, off, scratch.data());
  EXPECT_EQ(x, image);
  augment_batch(x.data(), 1, kSide, kSide, AugmentOptions{}, on, scratch.data());
  for (int i = 0; i < 3; ++i) reference.next_u32();
  const std::uint32_t next = reference.next_u32();
  EXPECT_EQ(off.next_u32(), next);
  EXPECT_EQ(on.next_u32(), next);
}

TEST(AugmentBatch, ShiftsStayWithinMaxShiftAndCoverTheRange) {
  // One lit pixel, no rotation: each image is that pixel moved by a whole (dx, dy).
  Image dot(kSide * kSide, 0.0f);
  const int x0 = 13, y0 = 14;
  dot[y0 * kSide + x0] = 1.0f;
  const int count = 400;
  AugmentOptions options;
  options.max_shift = 2;
  options.max_rotation_degrees = 0;
  const std::vector<float> x = augmented_copies(dot, count, kSide, kSide, options, 1);
  std::set<std::pair<int, int>> seen;
  for (int i = 0; i < count; ++i) {
    const float* image = x.data() + i * kSide * kSide;
    int lit = -1;
    for (int p = 0; p < kSide * kSide; ++p) {
      if (image[p] == 0.0f) continue;
      ASSERT_EQ(lit, -1) << "image " << i << " has more than one lit pixel";
      ASSERT_EQ(image[p], 1.0f) << "image " << i;
      lit = p;
    }
    ASSERT_NE(lit, -1) << "image " << i << " lost its pixel";
    const int dx = lit % kSide - x0, dy = lit / kSide - y0;
    EXPECT_LE(std::abs(dx), 2) << "image " << i;
    EXPECT_LE(std::abs(dy), 2) << "image " << i;
    seen.insert({dx, dy});
  }
  EXPECT_EQ(seen.size(), 25u);  // every shift in [-2, 2]^2 occurs
}

TEST(AugmentBatch, RotationsStayWithinMaxRotationAndUseBothDirections) {
  // A small blob 9 px right of the centre of a 29x29 image, no shift: the angle of its centre of
  // mass about the image centre is the drawn rotation (resampling moves it by well under 0.1 deg).
  const int side = 29;
  const float c = 14.0f;
  Image blob(side * side);
  for (int y = 0; y < side; ++y)
    for (int x = 0; x < side; ++x)
      blob[y * side + x] = std::exp(-0.5f * ((x - c - 9) * (x - c - 9) + (y - c) * (y - c)));
  const int count = 200;
  AugmentOptions options;
  options.max_shift = 0;
  options.max_rotation_degrees = 10;
  const std::vector<float> x = augmented_copies(blob, count, side, side, options, 2);
  double lowest = 0, highest = 0;
  for (int i = 0; i < count; ++i) {
    const float* image = x.data() + i * side * side;
    double mass = 0, mx = 0, my = 0;
    for (int y = 0; y < side; ++y)
      for (int px = 0; px < side; ++px) {
        const double v = image[y * side + px];
        mass += v, mx += v * px, my += v * y;
      }
    // Counter-clockwise on screen is positive; y points down.
    const double degrees = std::atan2(-(my / mass - c), mx / mass - c) * 180.0 / kPi;
    EXPECT_LE(std::abs(degrees), 10.1) << "image " << i;
    lowest = std::min(lowest, degrees), highest = std::max(highest, degrees);
  }
  EXPECT_LT(lowest, -8.0);
  EXPECT_GT(highest, 8.0);
}

TEST(AugmentBatch, ValuesStayInTheUnitRange) {
  // Random pixels plus a fully inked image (where rounding could push a sum above 1).
  const int count = 64;
  std::vector<float> x;
  for (int i = 0; i < count - 1; ++i) {
    const Image image = random_image(kSide, kSide, 100 + i);
    x.insert(x.end(), image.begin(), image.end());
  }
  x.insert(x.end(), kSide * kSide, 1.0f);
  std::vector<float> scratch(kSide * kSide);
  Rng rng(8);
  AugmentOptions options;
  options.max_rotation_degrees = 15;
  augment_batch(x.data(), count, kSide, kSide, options, rng, scratch.data());
  for (std::size_t i = 0; i < x.size(); ++i) {
    ASSERT_GE(x[i], 0.0f) << "value " << i;
    ASSERT_LE(x[i], 1.0f) << "value " << i;
  }
}

}  // namespace
}  // namespace mnist
