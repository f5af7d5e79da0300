// Random rotation + shift of training images (see augment.h): an inverse-mapped bilinear resample
// per image, with the random draws made in a fixed order so that a seed reproduces every batch.
#include "core/data/augment.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace mnist {
namespace {

constexpr float kPi = 3.14159265358979323846f;

// src(x, y), or 0 (background) outside the image.
inline float pixel_or_zero(const float* src, int rows, int cols, int x, int y) {
  if (x < 0 || x >= cols || y < 0 || y >= rows) return 0.0f;
  return src[static_cast<std::size_t>(y) * cols + x];
}

// Bilinear sample of src at (sx, sy), zero outside. With fx, fy the fractional parts,
//   v = (1-fx)(1-fy) v00 + fx(1-fy) v10 + (1-fx)fy v01 + fx fy v11
// whose weights are >= 0 and sum to 1, so v lies between the smallest and largest tap.
float sample_bilinear(const float* src, int rows, int cols, float sx, float sy) {
  // Every tap outside (checked before any float-to-int conversion, and false for NaN).
  if (!(sx > -1.0f && sx < static_cast<float>(cols) && sy > -1.0f &&
        sy < static_cast<float>(rows)))
    return 0.0f;
  const float fx0 = std::floor(sx), fy0 = std::floor(sy);
  const float fx = sx - fx0, fy = sy - fy0;
  const int x0 = static_cast<int>(fx0), y0 = static_cast<int>(fy0);
  const float v00 = pixel_or_zero(src, rows, cols, x0, y0);
  const float v10 = pixel_or_zero(src, rows, cols, x0 + 1, y0);
  const float v01 = pixel_or_zero(src, rows, cols, x0, y0 + 1);
  const float v11 = pixel_or_zero(src, rows, cols, x0 + 1, y0 + 1);
  const float v = (1.0f - fx) * (1.0f - fy) * v00 + fx * (1.0f - fy) * v10 +
                  (1.0f - fx) * fy * v01 + fx * fy * v11;
  // Mathematically a no-op (a convex combination never exceeds its largest tap); it removes the
  // float rounding that could otherwise lift a full-ink pixel a hair above 1.
  return std::min(v, std::max(std::max(v00, v10), std::max(v01, v11)));
}

}  // namespace

void transform_image(const float* src, float* dst, int rows, int cols, float angle_radians,
                     float shift_x, float shift_y) {
  assert(src != dst);
  const float cx = 0.5f * static_cast<float>(cols - 1);
  const float cy = 0.5f * static_cast<float>(rows - 1);
  const float c = std::cos(angle_radians), s = std::sin(angle_radians);
  // Forward map (y points down, so this turns counter-clockwise on screen for angle > 0):
  //   u' =  c u + s v,   v' = -s u + c v,   with (u, v) = p - centre, then + shift.
  // Output pixel (x, y) therefore reads the source at the inverse rotation of its offset:
  //   u' = x - shift_x - cx,  v' = y - shift_y - cy
  //   sx = c u' - s v' + cx,  sy = s u' + c v' + cy
  for (int y = 0; y < rows; ++y) {
    const float v_out = static_cast<float>(y) - shift_y - cy;
    float* row = dst + static_cast<std::size_t>(y) * cols;
    for (int x = 0; x < cols; ++x) {
      const float u_out = static_cast<float>(x) - shift_x - cx;
      const float sx = c * u_out - s * v_out + cx;
      const float sy = s * u_out + c * v_out + cy;
      row[x] = sample_bilinear(src, rows, cols, sx, sy);
    }
  }
}

void augment_batch(float* x, int count, int rows, int cols, const AugmentOptions& options,
                   Rng& rng, float* scratch) {
  assert(options.max_shift >= 0 && options.max_rotation_degrees >= 0.0f);
  const std::size_t image_size = static_cast<std::size_t>(rows) * cols;
  const auto shift_choices = static_cast<std::uint32_t>(2 * options.max_shift + 1);
  const float max_radians = options.max_rotation_degrees * (kPi / 180.0f);
  for (int i = 0; i < count; ++i) {
    // Fixed draw order (dx, dy, angle), each drawn even when its range is a single value, so the
    // stream position after an image never depends on the options or on earlier draws' values.
    const int dx = static_cast<int>(rng.below(shift_choices)) - options.max_shift;
    const int dy = static_cast<int>(rng.below(shift_choices)) - options.max_shift;
    const float angle = rng.uniform(-max_radians, max_radians);
    float* image = x + static_cast<std::size_t>(i) * image_size;  // (rows, cols)
    std::memcpy(scratch, image, sizeof(float) * image_size);
    transform_image(scratch, image, rows, cols, angle, static_cast<float>(dx),
                    static_cast<float>(dy));
  }
}

}  // namespace mnist
