// PNG and JPEG encoding for the tests (see test_images.h): the one file compiling stb_image_write.
#include "tests/native/test_images.h"

#define STBI_WRITE_NO_STDIO
#define STB_IMAGE_WRITE_STATIC
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb/stb_image_write.h>

namespace mnist::testing_images {
namespace {

void append(void* context, void* data, int size) {
  auto* out = static_cast<std::vector<std::uint8_t>*>(context);
  const auto* bytes = static_cast<const std::uint8_t*>(data);
  out->insert(out->end(), bytes, bytes + size);
}

std::vector<std::uint8_t> paint_all(int width, int height, int channels, const Painter& paint) {
  std::vector<std::uint8_t> pixels;
  pixels.reserve(std::size_t(width) * height * channels);
  for (int r = 0; r < height; ++r)
    for (int c = 0; c < width; ++c) {
      const Colour colour = paint(r, c);
      for (int k = 0; k < channels; ++k) pixels.push_back(colour.at(std::size_t(k)));
    }
  return pixels;
}

}  // namespace

std::vector<std::uint8_t> encode_png(int width, int height, int channels, const Painter& paint) {
  const std::vector<std::uint8_t> pixels = paint_all(width, height, channels, paint);
  std::vector<std::uint8_t> out;
  stbi_write_png_to_func(append, &out, width, height, channels, pixels.data(), width * channels);
  return out;
}

std::vector<std::uint8_t> encode_jpeg(int width, int height, int channels, const Painter& paint,
                                      int quality) {
  const std::vector<std::uint8_t> pixels = paint_all(width, height, channels, paint);
  std::vector<std::uint8_t> out;
  stbi_write_jpg_to_func(append, &out, width, height, channels, pixels.data(), quality);
  return out;
}

std::vector<std::uint8_t> gray_png(int width, int height, std::uint8_t background, std::uint8_t ink,
                                   int top, int left, int h, int w) {
  return encode_png(width, height, 1, [&](int r, int c) {
    const bool inside = r >= top && r < top + h && c >= left && c < left + w;
    return Colour{inside ? ink : background};
  });
}

}  // namespace mnist::testing_images
