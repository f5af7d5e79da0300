// libFuzzer target: any sequence of (path, bytes) files given to ImageFolderReader, then finish(),
// must give data sets or an error message: never a crash, a sanitizer report or a huge
// allocation. The paths reach the layout rules, the bytes stb_image's PNG and JPEG decoders and
// the scaling into 28x28.
// Input: files one after another, each a path length (1 byte), the path, a content length (2 bytes,
// little-endian) and the content; a length past the end takes what is left.
// Seeds: tests/fuzz/corpus/image_folder/ (two classes of PNGs, train/ and test/, a JPEG, a PNG of
// another size, hidden and non-image files).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/data/image_folder.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  mnist::ImageFolderLimits limits;  // small, so one input decodes in milliseconds
  limits.max_side = 512;
  limits.max_images = 64;
  limits.max_files = 128;
  mnist::ImageFolderReader reader(limits);
  std::size_t at = 0;
  while (at < size) {
    const std::size_t path_size = std::min<std::size_t>(data[at++], size - at);
    const std::string path(reinterpret_cast<const char*>(data + at), path_size);
    at += path_size;
    std::size_t content_size = 0;
    if (at + 2 <= size) content_size = data[at] | std::size_t(data[at + 1]) << 8;
    at = std::min(at + 2, size);
    content_size = std::min(content_size, size - at);
    (void)reader.add(path, data + at, content_size);
    at += content_size;
  }
  auto result = reader.finish();
  if (result) (void)result->train.size();
  return 0;
}
