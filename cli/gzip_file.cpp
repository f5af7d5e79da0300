// File reading and gzip inflation with zlib (see gzip_file.h).
#include "cli/gzip_file.h"

#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>

#include "core/data/idx.h"
#include "core/util/checked_math.h"

namespace mnist {
namespace {

constexpr std::uint8_t kGzipMagic[2] = {0x1f, 0x8b};
// Deflate cannot expand data by more than about 1032:1, so a first output guess above that comes
// from a lying size field and is not worth allocating.
constexpr std::size_t kMaxDeflateRatio = 1032;
// The first output buffer: enough for any IDX header (at most 4 + 4·4 bytes) and small files.
constexpr std::size_t kProbeBytes = 4096;

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

// A first output size once the content is known not to be IDX: the gzip trailer's ISIZE (the
// last member's length mod 2^32), kept within what the input could possibly inflate to and
// within the cap; growth covers any shortfall.
std::size_t initial_output_size(const std::uint8_t* bytes, std::size_t size, std::size_t cap) {
  std::size_t guess = 0;
  if (size >= 4) {
    const std::uint8_t* trailer = bytes + size - 4;
    guess = std::size_t(trailer[0]) | (std::size_t(trailer[1]) << 8) |
            (std::size_t(trailer[2]) << 16) | (std::size_t(trailer[3]) << 24);
  }
  if (size <= cap / kMaxDeflateRatio && guess > size * kMaxDeflateRatio)
    guess = size * kMaxDeflateRatio;
  return guess < cap ? guess : cap;
}

// What the first inflated bytes say about the whole: not yet known, not an IDX header, or an IDX
// header declaring `declared` bytes in all (UINT64_MAX when that overflows 64 bits).
struct IdxPrefix {
  enum class State { kNeedMore, kNotIdx, kIdx } state = State::kNeedMore;
  std::uint64_t declared = 0;
};

std::uint64_t idx_element_size(std::uint8_t type) {
  switch (type) {
    case 0x08: case 0x09: return 1;  // unsigned, signed byte
    case 0x0B: return 2;             // int16
    case 0x0C: case 0x0D: return 4;  // int32, float32
    case 0x0E: return 8;             // float64
    default: return 0;
  }
}

IdxPrefix read_idx_prefix(const std::uint8_t* p, std::size_t n) {
  IdxPrefix prefix;
  if (n < 4) return prefix;
  const std::uint64_t element = idx_element_size(p[2]);
  const std::size_t dims = p[3];
  if (p[0] != 0 || p[1] != 0 || element == 0 || dims == 0 || dims > kIdxMaxDims) {
    prefix.state = IdxPrefix::State::kNotIdx;
    return prefix;
  }
  const std::size_t header = 4 + 4 * dims;
  if (n < header) return prefix;
  std::uint64_t total = element;
  bool fits = true;
  for (std::size_t d = 0; d < dims; ++d) {
    const std::uint8_t* q = p + 4 + 4 * d;
    const std::uint64_t dim = (std::uint64_t(q[0]) << 24) | (std::uint64_t(q[1]) << 16) |
                              (std::uint64_t(q[2]) << 8) | std::uint64_t(q[3]);
    fits = fits && checked_mul(total, dim, total);
  }
  fits = fits && checked_add(total, header, total);
  prefix.state = IdxPrefix::State::kIdx;
  prefix.declared = fits ? total : UINT64_MAX;
  return prefix;
}

// Inflation at most up to `limit` output bytes: one past it means the stream is too long.
class CappedInflater {
 public:
  CappedInflater(const std::uint8_t* bytes, std::size_t size, const std::string& name,
                 std::size_t max_output)
      : bytes_(bytes), size_(size), name_(name), limit_(max_output) {}

  Result<std::vector<std::uint8_t>> run();

 private:
  // Sizes the output once the first bytes tell whether they are an IDX header.
  Status apply_header_cap(bool stream_ended);
  Error too_long() const;

  const std::uint8_t* bytes_;
  std::size_t size_;
  const std::string& name_;
  std::size_t limit_;
  bool header_decided_ = false;
  bool capped_by_header_ = false;
  std::vector<std::uint8_t> output_;
  std::size_t produced_ = 0;
};

Error CappedInflater::too_long() const {
  if (capped_by_header_)
    return Error{name_ + ": inflates past the " + std::to_string(limit_) +
                 " bytes its IDX header declares (header + data): the file is corrupt"};
  return Error{name_ + ": inflates to more than " + std::to_string(limit_) + " bytes"};
}

Status CappedInflater::apply_header_cap(bool stream_ended) {
  const IdxPrefix prefix = read_idx_prefix(output_.data(), produced_);
  if (prefix.state == IdxPrefix::State::kNeedMore && !stream_ended) return Status::Ok();
  header_decided_ = true;
  if (prefix.state != IdxPrefix::State::kIdx) {
    // Not IDX (or a header cut short, which parse_idx reports): the general cap, and room
    // for what the trailer says the stream holds.
    const std::size_t guess = initial_output_size(bytes_, size_, limit_);
    if (!stream_ended && guess > output_.size()) output_.resize(guess);
    return Status::Ok();
  }
  if (prefix.declared > limit_)
    return Error{name_ + ": its IDX header declares " +
                 (prefix.declared == UINT64_MAX ? std::string("more than 2^64")
                                                : std::to_string(prefix.declared)) +
                 " bytes, more than the limit of " + std::to_string(limit_)};
  limit_ = std::size_t(prefix.declared);
  capped_by_header_ = true;
  if (produced_ > limit_) return too_long();
  output_.resize(limit_ + 1);  // one byte more than declared: room to notice a longer stream
  return Status::Ok();
}

Result<std::vector<std::uint8_t>> CappedInflater::run() {
  InflateStream stream;
  // 15 + 32: the largest window, and automatic gzip/zlib header detection.
  if (inflateInit2(&stream.z, 15 + 32) != Z_OK) return Error{name_ + ": cannot initialise zlib"};
  stream.initialised = true;
  stream.z.next_in = const_cast<Bytef*>(bytes_);
  stream.z.avail_in = static_cast<uInt>(size_);  // <= kMaxDataFileBytes < UINT_MAX

  // First a small buffer, enough for any IDX header: the header decides the real size.
  output_.resize(std::min<std::size_t>(kProbeBytes, limit_ + 1));
  for (;;) {
    if (produced_ == output_.size()) {
      if (produced_ > limit_) return too_long();
      const std::size_t grown = std::max<std::size_t>(output_.size() * 2, kProbeBytes);
      output_.resize(std::min(grown, limit_ + 1));
    }
    const std::size_t space = output_.size() - produced_;
    const uInt avail_out = space < UINT_MAX ? static_cast<uInt>(space) : UINT_MAX;
    stream.z.next_out = output_.data() + produced_;
    stream.z.avail_out = avail_out;
    const int rc = inflate(&stream.z, Z_NO_FLUSH);
    produced_ += avail_out - stream.z.avail_out;
    if (produced_ > limit_) return too_long();
    const bool ended = rc == Z_STREAM_END && stream.z.avail_in == 0;
    if (!header_decided_)
      if (Status s = apply_header_cap(ended); !s) return Error{s.error()};

    if (rc == Z_STREAM_END) {
      if (stream.z.avail_in == 0) break;
      if (!starts_with_gzip_magic(stream.z.next_in, stream.z.avail_in)) {
        return Error{name_ + ": " + std::to_string(stream.z.avail_in) +
                     " unexpected bytes after the gzip stream"};
      }
      inflateReset(&stream.z);  // the next member of a multi-member file
    } else if (rc == Z_BUF_ERROR && stream.z.avail_in == 0) {
      return Error{name_ + ": truncated gzip stream (input ended after " +
                   std::to_string(produced_) + " inflated bytes)"};
    } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
      return Error{name_ + ": corrupt gzip data (" +
                   (stream.z.msg ? std::string(stream.z.msg) : "zlib error " + std::to_string(rc)) +
                   ")"};
    }
  }
  output_.resize(produced_);
  return std::move(output_);
}

}  // namespace

Result<std::vector<std::uint8_t>> inflate_gzip(const std::uint8_t* bytes, std::size_t size,
                                               const std::string& name, std::size_t max_output) {
  if (size > kMaxDataFileBytes) {
    return Error{name + ": compressed size " + std::to_string(size) + " bytes exceeds the limit"};
  }
  // limit + 1 must not wrap.
  return CappedInflater(bytes, size, name, std::min<std::size_t>(max_output, SIZE_MAX - 1)).run();
}

Result<std::vector<std::uint8_t>> read_file_maybe_gzip(const std::string& path,
                                                       std::size_t max_bytes) {
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
    if (bytes.size() + got > max_bytes) {
      too_large = true;
      break;
    }
    bytes.insert(bytes.end(), chunk, chunk + got);
  }
  const bool read_failed = std::ferror(file) != 0;
  std::fclose(file);
  if (too_large) {
    return Error{path + ": larger than " + std::to_string(max_bytes) + " bytes"};
  }
  if (read_failed) return Error{path + ": read error"};

  if (starts_with_gzip_magic(bytes.data(), bytes.size())) {
    return inflate_gzip(bytes.data(), bytes.size(), path, max_bytes);
  }
  return bytes;
}

}  // namespace mnist
