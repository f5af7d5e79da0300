// SHA-256 compression and padding (FIPS 180-4, section 6.2), the checksum-list parser and
// verification (see sha256.h).
#include "core/data/sha256.h"

#include <cstring>

namespace mnist {
namespace {

// First 32 bits of the fractional parts of the cube roots of the first 64 primes.
constexpr std::uint32_t kRoundConstants[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

// First 32 bits of the fractional parts of the square roots of the first 8 primes.
constexpr std::uint32_t kInitialState[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                            0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

constexpr char kHexDigits[] = "0123456789abcdef";

std::uint32_t rotr(std::uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

void Sha256::reset() {
  std::memcpy(state_, kInitialState, sizeof state_);
  buffered_ = 0;
  total_bytes_ = 0;
}

void Sha256::compress(const std::uint8_t* block) {
  std::uint32_t w[64];  // the message schedule
  for (int t = 0; t < 16; ++t) {
    w[t] = (std::uint32_t(block[4 * t]) << 24) | (std::uint32_t(block[4 * t + 1]) << 16) |
           (std::uint32_t(block[4 * t + 2]) << 8) | std::uint32_t(block[4 * t + 3]);
  }
  for (int t = 16; t < 64; ++t) {
    const std::uint32_t s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >> 3);
    const std::uint32_t s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >> 10);
    w[t] = w[t - 16] + s0 + w[t - 7] + s1;
  }
  std::uint32_t a = state_[0], b = state_[1], c = state_[2], d = state_[3];
  std::uint32_t e = state_[4], f = state_[5], g = state_[6], h = state_[7];
  for (int t = 0; t < 64; ++t) {
    const std::uint32_t big_sigma1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
    const std::uint32_t choose = (e & f) ^ (~e & g);
    const std::uint32_t t1 = h + big_sigma1 + choose + kRoundConstants[t] + w[t];
    const std::uint32_t big_sigma0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
    const std::uint32_t majority = (a & b) ^ (a & c) ^ (b & c);
    const std::uint32_t t2 = big_sigma0 + majority;
    h = g;
    g = f;
    f = e;
    e = d + t1;
    d = c;
    c = b;
    b = a;
    a = t1 + t2;
  }
  state_[0] += a;
  state_[1] += b;
  state_[2] += c;
  state_[3] += d;
  state_[4] += e;
  state_[5] += f;
  state_[6] += g;
  state_[7] += h;
}

void Sha256::update(const std::uint8_t* data, std::size_t size) {
  total_bytes_ += size;
  if (buffered_ > 0) {  // top up the pending partial block first
    const std::size_t take = size < 64 - buffered_ ? size : 64 - buffered_;
    std::memcpy(buffer_ + buffered_, data, take);
    buffered_ += take;
    data += take;
    size -= take;
    if (buffered_ < 64) return;
    compress(buffer_);
    buffered_ = 0;
  }
  for (; size >= 64; data += 64, size -= 64) compress(data);
  if (size > 0) {
    std::memcpy(buffer_, data, size);
    buffered_ = size;
  }
}

Sha256Digest Sha256::finish() {
  // Padding: a 1 bit, zeros up to 56 bytes mod 64, then the message length in bits, big-endian.
  const std::uint64_t bit_length = total_bytes_ * 8;
  buffer_[buffered_++] = 0x80;
  if (buffered_ > 56) {
    std::memset(buffer_ + buffered_, 0, 64 - buffered_);
    compress(buffer_);
    buffered_ = 0;
  }
  std::memset(buffer_ + buffered_, 0, 56 - buffered_);
  for (int i = 0; i < 8; ++i) buffer_[56 + i] = std::uint8_t(bit_length >> (56 - 8 * i));
  compress(buffer_);

  Sha256Digest digest;
  for (int i = 0; i < 8; ++i) {
    digest[4 * i] = std::uint8_t(state_[i] >> 24);
    digest[4 * i + 1] = std::uint8_t(state_[i] >> 16);
    digest[4 * i + 2] = std::uint8_t(state_[i] >> 8);
    digest[4 * i + 3] = std::uint8_t(state_[i]);
  }
  reset();
  return digest;
}

std::string to_hex(const Sha256Digest& digest) {
  std::string hex;
  hex.reserve(2 * digest.size());
  for (std::uint8_t byte : digest) {
    hex += kHexDigits[byte >> 4];
    hex += kHexDigits[byte & 15];
  }
  return hex;
}

std::string sha256_hex(const std::uint8_t* data, std::size_t size) {
  Sha256 hasher;
  hasher.update(data, size);
  return to_hex(hasher.finish());
}

Result<Sha256Sums> parse_sha256sums(std::string_view text, const std::string& source_name) {
  Sha256Sums sums;
  std::size_t line_number = 0;
  while (!text.empty()) {
    const std::size_t newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    text = newline == std::string_view::npos ? std::string_view() : text.substr(newline + 1);
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;

    const std::string where = source_name + ": line " + std::to_string(line_number) + ": ";
    // "<64 hex> <' ' or '*'><name>": at least 66 characters plus a nonempty name.
    bool well_formed = line.size() > 66 && line[64] == ' ' && (line[65] == ' ' || line[65] == '*');
    std::string digest(line.substr(0, 64));  // normalised to lowercase below
    for (char& c : digest) {
      const int value = hex_value(c);
      if (value < 0) well_formed = false;
      else c = kHexDigits[value];
    }
    if (!well_formed) {
      return Error{where + "expected \"<64 hex digits>  <file name>\", got \"" +
                   std::string(line) + "\""};
    }
    std::string file_name(line.substr(66));
    const auto [entry, inserted] = sums.emplace(file_name, digest);
    if (!inserted && entry->second != digest) {
      return Error{where + file_name + " is listed again with a different digest"};
    }
  }
  return sums;
}

Status verify_sha256(const std::string& name, const std::uint8_t* bytes, std::size_t size,
                     const Sha256Sums& sums) {
  const auto entry = sums.find(name);
  if (entry == sums.end()) return Error{name + ": no checksum listed"};
  const std::string actual = sha256_hex(bytes, size);
  if (actual != entry->second) {
    return Error{name + ": checksum mismatch: expected " + entry->second + ", got " + actual};
  }
  return Status::Ok();
}

}  // namespace mnist
