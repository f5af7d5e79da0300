// Test helpers: small PNG and JPEG files made in memory (stb_image_write), pixel by pixel.
#pragma once
#include <cstdint>
#include <functional>
#include <vector>

namespace mnist::testing_images {

// A channels-per-pixel colour (1: gray, 2: gray + alpha, 3: RGB, 4: RGBA).
using Colour = std::vector<std::uint8_t>;
// The colour of the pixel at (row, col).
using Painter = std::function<Colour(int row, int col)>;

std::vector<std::uint8_t> encode_png(int width, int height, int channels, const Painter& paint);
std::vector<std::uint8_t> encode_jpeg(int width, int height, int channels, const Painter& paint,
                                      int quality = 95);

// A gray width x height PNG: `background` everywhere except the rectangle rows [top, top + h),
// cols [left, left + w), which is `ink`.
std::vector<std::uint8_t> gray_png(int width, int height, std::uint8_t background, std::uint8_t ink,
                                   int top, int left, int h, int w);

}  // namespace mnist::testing_images
