// GrayImage: one decoded picture as 8-bit grayscale, the form a user's own PNG or JPEG takes before
// it becomes a training image. Decoding (stb_image, compiled here without file access and for PNG
// and JPEG only) and the aspect-preserving scaling into MNIST's 28x28 frame live here; which files
// form a data set is core/data/image_folder.h's job.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/util/result.h"

namespace mnist {

struct GrayImage {
  int rows = 0;
  int cols = 0;
  std::vector<std::uint8_t> pixels;  // (rows, cols) row-major, 0 = black, 255 = white
};

// The size stored in a PNG header (IHDR) or a JPEG frame header (SOFn), read without decoding the
// pixels; an error when the bytes are neither or the header cannot be found.
struct ImageHeader {
  int rows = 0;
  int cols = 0;
};
Result<ImageHeader> read_image_header(const std::uint8_t* bytes, std::size_t size);

// Decodes a PNG or JPEG (any bit depth, palette, gray, RGB, with or without alpha) to grayscale by
// luminance, Y = 0.299 R + 0.587 G + 0.114 B, with transparency composited onto white (a drawing
// on a transparent canvas looks as it does in a viewer). The header is checked first: an image
// wider or taller than max_side is refused before anything is allocated for it.
Result<GrayImage> decode_gray_image(const std::uint8_t* bytes, std::size_t size, int max_side);

// The mean of the image's outermost pixels (its first and last rows and columns): what its
// background looks like, for the padding of fit_image and the data set's polarity.
double border_mean(const GrayImage& image);

// The image scaled to fit a rows x cols frame with its aspect ratio kept, centred, the rest of the
// frame filled with `background`. Shrinking averages areas (each output pixel is the mean of the
// source pixels it covers, fractions weighted), so thin strokes fade instead of vanishing;
// enlarging interpolates bilinearly. An image already rows x cols is returned unchanged.
GrayImage fit_image(const GrayImage& image, int rows, int cols, std::uint8_t background);

}  // namespace mnist
