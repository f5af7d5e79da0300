// SHA-256 (FIPS 180-4) in portable C++, so data files can be verified natively and in the browser
// alike, plus the `sha256sum`-style checksum list that says which digest each data file must have.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "core/util/result.h"

namespace mnist {

using Sha256Digest = std::array<std::uint8_t, 32>;

// Incremental hashing: update() any number of times with consecutive pieces of the message, then
// finish() once. finish() resets the hasher, so it can start on a new message.
class Sha256 {
 public:
  Sha256() { reset(); }
  void reset();
  void update(const std::uint8_t* data, std::size_t size);
  Sha256Digest finish();

 private:
  void compress(const std::uint8_t* block);  // one 64-byte block into state_

  std::uint32_t state_[8];
  std::uint8_t buffer_[64];       // the partial block not yet compressed
  std::size_t buffered_ = 0;      // bytes used in buffer_
  std::uint64_t total_bytes_ = 0;  // message length so far
};

// 64 lowercase hex digits.
std::string to_hex(const Sha256Digest& digest);
std::string sha256_hex(const std::uint8_t* data, std::size_t size);

// File name -> expected digest as 64 lowercase hex digits.
using Sha256Sums = std::map<std::string, std::string>;

// Parses `sha256sum` output: one "<64 hex digits>  <file name>" per line (a '*' instead of the
// second space marks binary mode and is accepted; hex may be either case). Blank lines are
// skipped; "\r\n" line ends are accepted. A malformed line, or a file listed twice with different
// digests, is an error naming `source_name` and the line number.
Result<Sha256Sums> parse_sha256sums(std::string_view text, const std::string& source_name);

// Checks bytes against the digest sums lists for `name`. Errors: "<name>: checksum mismatch:
// expected <hex>, got <hex>", or "<name>: no checksum listed" when sums has no entry for it.
Status verify_sha256(const std::string& name, const std::uint8_t* bytes, std::size_t size,
                     const Sha256Sums& sums);

}  // namespace mnist
