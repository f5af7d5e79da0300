// Decoding PNG and JPEG with stb_image, luminance, and area-averaging / bilinear scaling (see
// gray_image.h). This is the one file that compiles stb_image's implementation.
#include "core/data/gray_image.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <memory>

// stb_image, trimmed to what a user's data set needs: memory only (no FILE*, nothing to port to
// WebAssembly), PNG and JPEG only (less code to trust with hostile bytes), and a hard cap on the
// header's dimensions behind the caller's own max_side check.
#define STBI_NO_STDIO
#define STBI_ONLY_PNG
#define STBI_ONLY_JPEG
#define STBI_MAX_DIMENSIONS (1 << 14)
#define STB_IMAGE_STATIC
#define STB_IMAGE_IMPLEMENTATION
#include <stb/stb_image.h>

namespace mnist {
namespace {

std::string stb_reason() {
  const char* reason = stbi_failure_reason();
  return reason ? reason : "unknown error";
}

struct StbFree {
  void operator()(stbi_uc* p) const { stbi_image_free(p); }
};

// One output sample of a 1-D resampling: the weighted source samples it is made of.
struct Tap {
  int index;
  float weight;
};

// How each of m output samples is made from n source samples. Shrinking (m < n): output j covers
// the source interval [j n/m, (j+1) n/m), each source sample weighted by the part of it inside,
// so the weights are the covered fractions divided by n/m (they sum to 1). Enlarging (m >= n):
// linear interpolation between the two source samples nearest to output j's centre, mapped back
// as (j + 0.5) n/m - 0.5 and clamped to the edges.
std::vector<std::vector<Tap>> resampling_taps(int n, int m) {
  std::vector<std::vector<Tap>> taps(m);
  const double step = double(n) / m;
  for (int j = 0; j < m; ++j) {
    if (m < n) {
      const double lo = j * step, hi = (j + 1) * step;
      for (int i = int(lo); i < n && i < hi; ++i) {
        const double covered = std::min(hi, i + 1.0) - std::max(lo, double(i));
        if (covered > 0) taps[j].push_back({i, float(covered / step)});
      }
    } else {
      const double x = std::clamp((j + 0.5) * step - 0.5, 0.0, double(n - 1));
      const int i0 = int(x);
      const int i1 = std::min(i0 + 1, n - 1);
      const float frac = float(x - i0);
      taps[j].push_back({i0, 1 - frac});
      if (frac > 0) taps[j].push_back({i1, frac});
    }
  }
  return taps;
}

std::uint32_t read_be32(const std::uint8_t* p) {
  return std::uint32_t(p[0]) << 24 | std::uint32_t(p[1]) << 16 | std::uint32_t(p[2]) << 8 | p[3];
}

// What stb_image would trip on in a PNG's chunk list, or nullptr. stb trusts the lengths: it
// copies a first IDAT chunk that is empty into a buffer it has not yet allocated (memcpy to null,
// 0 bytes: undefined behaviour), and it grows its data buffer to an IDAT chunk's declared length
// before reading it, so a few hundred bytes declaring a chunk of 2 GiB allocated 2 GiB (both found
// by tests/fuzz/image_folder_fuzz). Encoders write neither, so such a file is refused before stb
// sees it. The walk ends at IEND, as stb's does: bytes after the image are not its business.
const char* png_chunk_problem(const std::uint8_t* bytes, std::size_t size) {
  std::size_t at = 8;  // after the signature: chunks of length (4), type (4), data, CRC (4)
  bool seen_idat = false;
  while (at + 8 <= size) {
    const std::uint32_t length = read_be32(bytes + at);
    const std::uint8_t* type = bytes + at + 4;
    if (std::equal(type, type + 4, "IEND")) break;
    if (length > size - at - 8) return "a chunk longer than the file";
    const bool idat = std::equal(type, type + 4, "IDAT");
    if (idat && !seen_idat && length == 0) return "empty IDAT chunk";
    seen_idat = seen_idat || idat;
    at += 12 + std::size_t(length);
  }
  return nullptr;
}

// stb_image 2.27 (Debian's) builds a JPEG Huffman table without checking that its 16 code counts
// add up to at most 256, the size of the table's arrays: a count sum over 256 writes past them (a
// fuzzing find; newer stb checks it). So every DHT segment stb could read is checked first, walking
// the markers as stb does: segments by their length (resynchronising at the next 0xFF, as stb does
// before the frame header), entropy-coded data up to the next marker (0xFF then neither 0x00, a
// fill 0xFF nor a restart marker). Reading past the end gives 0, as stb's reader does.
bool jpeg_has_oversized_huffman_table(const std::uint8_t* bytes, std::size_t size) {
  auto get8 = [&](std::size_t at) { return at < size ? bytes[at] : std::uint8_t(0); };
  std::size_t at = 2;  // after the start-of-image marker
  while (at < size) {
    if (bytes[at] != 0xFF) {  // junk: on to the next marker
      ++at;
      continue;
    }
    while (at < size && bytes[at] == 0xFF) ++at;  // fill bytes
    if (at >= size) break;
    const int marker = bytes[at++];
    if (marker == 0xD9) break;  // end of image
    if (marker == 0x00 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8))
      continue;  // no length
    const std::size_t length = std::size_t(get8(at)) << 8 | get8(at + 1);
    if (marker == 0xC4) {  // DHT: tables of class/id (1), 16 counts, then the counted values
      long left = long(length) - 2;
      std::size_t p = at + 2;
      while (left > 0 && p < size) {
        int n = 0;
        for (int i = 0; i < 16; ++i) n += get8(p + 1 + std::size_t(i));
        if (n > 256) return true;
        p += 17 + std::size_t(n);
        left -= 17 + n;
      }
    }
    at += std::max<std::size_t>(length, 2);
    if (marker == 0xDA) {  // start of scan: entropy-coded data until the next marker
      while (at + 1 < size &&
             !(bytes[at] == 0xFF && bytes[at + 1] != 0x00 && bytes[at + 1] != 0xFF &&
               !(bytes[at + 1] >= 0xD0 && bytes[at + 1] <= 0xD7)))
        ++at;
    }
  }
  return false;
}

}  // namespace

Result<ImageHeader> read_image_header(const std::uint8_t* bytes, std::size_t size) {
  if (size == 0) return Error{"empty file"};
  if (size > std::size_t(INT_MAX)) return Error{"file too large to decode"};
  auto be16 = [bytes](std::size_t at) { return int(bytes[at]) << 8 | bytes[at + 1]; };
  // The headers are read here rather than with stbi_info_from_memory, whose reason for a failure
  // is always "unknown image type" (it tries every format in turn).
  static const std::uint8_t kPng[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  if (size >= 8 && std::equal(kPng, kPng + 8, bytes)) {
    // Signature, then the IHDR chunk: length (4), "IHDR", width (4), height (4), ...
    if (size < 24 || std::string(bytes + 12, bytes + 16) != "IHDR")
      return Error{"cannot read as PNG (no IHDR header)"};
    const std::uint32_t width = read_be32(bytes + 16), height = read_be32(bytes + 20);
    if (width == 0 || height == 0) return Error{"cannot read as PNG (an image of no pixels)"};
    const std::uint32_t most = std::uint32_t(INT_MAX);
    return ImageHeader{int(std::min(height, most)), int(std::min(width, most))};
  }
  if (size >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF) {
    // Segments after the start-of-image marker until a start-of-frame: SOF0..SOF15 but for DHT
    // (C4), JPG (C8) and DAC (CC) hold precision (1), height (2), width (2) after their length.
    std::size_t at = 2;
    while (at + 4 <= size) {
      if (bytes[at] != 0xFF) return Error{"cannot read as JPEG (bad marker)"};
      const int marker = bytes[at + 1];
      if (marker == 0xFF) {  // fill byte
        ++at;
        continue;
      }
      if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8)) {  // no length
        at += 2;
        continue;
      }
      const int length = be16(at + 2);
      if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
        if (length < 7 || at + 9 > size) break;
        const int height = be16(at + 5), width = be16(at + 7);
        if (width == 0 || height == 0) return Error{"cannot read as JPEG (an image of no pixels)"};
        return ImageHeader{height, width};
      }
      if (marker == 0xD9 || marker == 0xDA || length < 2) break;  // end of image, scan, or corrupt
      at += 2 + std::size_t(length);
    }
    return Error{"cannot read as JPEG (no frame header)"};
  }
  return Error{"not a PNG or JPEG file"};
}

Result<GrayImage> decode_gray_image(const std::uint8_t* bytes, std::size_t size, int max_side) {
  auto header = read_image_header(bytes, size);
  if (!header) return Error{header.error()};
  if (header->cols > max_side || header->rows > max_side)
    return Error{"image is " + std::to_string(header->cols) + "x" + std::to_string(header->rows) +
                 ", larger than the limit of " + std::to_string(max_side) + "x" +
                 std::to_string(max_side)};
  if (const char* problem = bytes[0] == 0x89 ? png_chunk_problem(bytes, size) : nullptr)
    return Error{std::string("cannot decode (") + problem + ")"};
  if (bytes[0] == 0xFF && jpeg_has_oversized_huffman_table(bytes, size))
    return Error{"cannot decode (a Huffman table of more than 256 codes)"};
  int width = 0, height = 0, channels = 0;
  // RGBA whatever the file holds: stb expands gray, palette and RGB, and reduces 16-bit samples.
  std::unique_ptr<stbi_uc, StbFree> rgba(
      stbi_load_from_memory(bytes, int(size), &width, &height, &channels, 4));
  if (!rgba) return Error{"cannot decode (" + stb_reason() + ")"};
  if (width != header->cols || height != header->rows)  // the header read twice must agree
    return Error{"cannot decode (inconsistent size)"};
  GrayImage image;
  image.rows = height;
  image.cols = width;
  image.pixels.resize(std::size_t(width) * height);
  const stbi_uc* p = rgba.get();
  for (std::size_t i = 0; i < image.pixels.size(); ++i, p += 4) {
    // Y in fixed point: 77 + 150 + 29 = 256, so a gray pixel (R = G = B) keeps its value exactly.
    const unsigned luma = (77u * p[0] + 150u * p[1] + 29u * p[2] + 128u) >> 8;
    const unsigned alpha = p[3];
    // Over white: Y a + 255 (1 - a), with a in [0, 1].
    image.pixels[i] = std::uint8_t((luma * alpha + 255u * (255u - alpha) + 127u) / 255u);
  }
  return image;
}

double border_mean(const GrayImage& image) {
  if (image.rows < 1 || image.cols < 1) return 0;
  double sum = 0;
  std::size_t count = 0;
  for (int r = 0; r < image.rows; ++r) {
    const bool edge_row = r == 0 || r == image.rows - 1;
    for (int c = 0; c < image.cols; ++c) {
      if (!edge_row && c != 0 && c != image.cols - 1) continue;
      sum += image.pixels[std::size_t(r) * image.cols + c];
      ++count;
    }
  }
  return sum / double(count);
}

GrayImage fit_image(const GrayImage& image, int rows, int cols, std::uint8_t background) {
  if (image.rows == rows && image.cols == cols) return image;
  // One scale for both axes: the largest that fits, so nothing is cropped or stretched.
  const double scale = std::min(double(rows) / image.rows, double(cols) / image.cols);
  const int fit_rows = std::clamp(int(std::lround(image.rows * scale)), 1, rows);
  const int fit_cols = std::clamp(int(std::lround(image.cols * scale)), 1, cols);
  const auto row_taps = resampling_taps(image.rows, fit_rows);
  const auto col_taps = resampling_taps(image.cols, fit_cols);

  // Columns first, each source row resampled: across is (image.rows, fit_cols).
  std::vector<float> across(std::size_t(image.rows) * fit_cols);
  for (int r = 0; r < image.rows; ++r) {
    const std::uint8_t* src = image.pixels.data() + std::size_t(r) * image.cols;
    for (int c = 0; c < fit_cols; ++c) {
      float sum = 0;
      for (const Tap& t : col_taps[c]) sum += t.weight * src[t.index];
      across[std::size_t(r) * fit_cols + c] = sum;
    }
  }
  GrayImage out;
  out.rows = rows;
  out.cols = cols;
  out.pixels.assign(std::size_t(rows) * cols, background);
  const int top = (rows - fit_rows) / 2, left = (cols - fit_cols) / 2;
  for (int r = 0; r < fit_rows; ++r) {
    for (int c = 0; c < fit_cols; ++c) {
      float sum = 0;
      for (const Tap& t : row_taps[r])
        sum += t.weight * across[std::size_t(t.index) * fit_cols + c];
      out.pixels[std::size_t(top + r) * cols + left + c] =
          std::uint8_t(std::clamp(std::lround(sum), 0l, 255l));
    }
  }
  return out;
}

}  // namespace mnist
