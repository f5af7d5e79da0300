// File reading and gzip inflation with zlib (see gzip_file.h).
#include "cli/gzip_file.h"

#include <zlib.h>

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>

namespace mnist {
namespace {

constexpr std::uint8_t kGzipMagic[2] = {0x1f, 0x8b};
// Deflate cannot expand data by more than about 1032:1, so a first output guess above that comes
// from a lying size field and is not worth allocating.
constexpr std::size_t kMaxDeflateRatio = 1032;

bool starts_with_gzip_magic(const std::uint8_t* bytes, std::size_t size) {
  return size >= 2 && bytes[0] == kGzipMagic[0] && bytes[1] == kGzipMagic[1];
}

// Releases zlib's state on every return path.
struct InflateStream {
  z_stream z{};
  bool initialised = false;
  ~InflateStream() {
    if (initialised) inflateEnd(&z);
  }
};

// A first output size: the gzip trailer's ISIZE (the last member's length mod 2^32), kept within
// what the input could possibly inflate to and within the cap; growth covers any shortfall.
std::size_t initial_output_size(const std::uint8_t* bytes, std::size_t size) {
  std::size_t guess = 0;
  if (size >= 4) {
    const std::uint8_t* trailer = bytes + size - 4;
    guess = std::size_t(trailer[0]) | (std::size_t(trailer[1]) << 8) |
            (std::size_t(trailer[2]) << 16) | (std::size_t(trailer[3]) << 24);
  }
  const std::size_t plausible = size * kMaxDeflateRatio;
  if (guess > plausible) guess = plausible;
  if (guess > kMaxDataFileBytes) guess = kMaxDataFileBytes;
  return guess < 4096 ? 4096 : guess;
}

}  // namespace

Result<std::vector<std::uint8_t>> inflate_gzip(const std::uint8_t* bytes, std::size_t size,
                                               const std::string& name) {
  if (size > kMaxDataFileBytes) {
    return Error{name + ": compressed size " + std::to_string(size) + " bytes exceeds the limit"};
  }
  InflateStream stream;
  // 15 + 32: the largest window, and automatic gzip/zlib header detection.
  if (inflateInit2(&stream.z, 15 + 32) != Z_OK) {
    return Error{name + ": cannot initialise zlib"};
  }
  stream.initialised = true;
  stream.z.next_in = const_cast<Bytef*>(bytes);
  stream.z.avail_in = static_cast<uInt>(size);  // <= kMaxDataFileBytes < UINT_MAX

  std::vector<std::uint8_t> output(initial_output_size(bytes, size));
  std::size_t produced = 0;
  for (;;) {
    if (produced == output.size()) {
      if (output.size() >= kMaxDataFileBytes) {
        return Error{name + ": inflates to more than " + std::to_string(kMaxDataFileBytes) +
                     " bytes"};
      }
      const std::size_t grown = output.size() * 2;
      output.resize(grown < kMaxDataFileBytes ? grown : kMaxDataFileBytes);
    }
    const std::size_t space = output.size() - produced;
    const uInt avail_out = space < UINT_MAX ? static_cast<uInt>(space) : UINT_MAX;
    stream.z.next_out = output.data() + produced;
    stream.z.avail_out = avail_out;
    const int rc = inflate(&stream.z, Z_NO_FLUSH);
    produced += avail_out - stream.z.avail_out;

    if (rc == Z_STREAM_END) {
      if (stream.z.avail_in == 0) break;
      if (!starts_with_gzip_magic(stream.z.next_in, stream.z.avail_in)) {
        return Error{name + ": " + std::to_string(stream.z.avail_in) +
                     " unexpected bytes after the gzip stream"};
      }
      inflateReset(&stream.z);  // the next member of a multi-member file
    } else if (rc == Z_BUF_ERROR && stream.z.avail_in == 0) {
      return Error{name + ": truncated gzip stream (input ended after " +
                   std::to_string(produced) + " inflated bytes)"};
    } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
      return Error{name + ": corrupt gzip data (" +
                   (stream.z.msg ? std::string(stream.z.msg) : "zlib error " + std::to_string(rc)) +
                   ")"};
    }
  }
  output.resize(produced);
  return output;
}

Result<std::vector<std::uint8_t>> read_file_maybe_gzip(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (!file) {
    if (errno == ENOENT) return Error{path + ": missing file"};
    return Error{path + ": cannot open: " + std::strerror(errno)};
  }
  // Read in chunks rather than trusting a size from seek/tell, so pipes and special files work.
  std::vector<std::uint8_t> bytes;
  std::uint8_t chunk[1 << 16];
  bool too_large = false;
  for (;;) {
    const std::size_t got = std::fread(chunk, 1, sizeof chunk, file);
    if (got == 0) break;
    if (bytes.size() + got > kMaxDataFileBytes) {
      too_large = true;
      break;
    }
    bytes.insert(bytes.end(), chunk, chunk + got);
  }
  const bool read_failed = std::ferror(file) != 0;
  std::fclose(file);
  if (too_large) {
    return Error{path + ": larger than " + std::to_string(kMaxDataFileBytes) + " bytes"};
  }
  if (read_failed) return Error{path + ": read error"};

  if (starts_with_gzip_magic(bytes.data(), bytes.size())) {
    return inflate_gzip(bytes.data(), bytes.size(), path);
  }
  return bytes;
}

}  // namespace mnist
