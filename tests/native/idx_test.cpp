// parse_idx: well-formed arrays built in memory, and every malformed header or size it must
// reject with a message naming the file and the problem.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "core/data/idx.h"

namespace mnist {
namespace {

// An IDX file: magic 0 0 <type> <dims.size()>, big-endian dims, then data_bytes bytes 0, 1, 2...
std::vector<std::uint8_t> make_idx(std::uint8_t type, const std::vector<std::uint32_t>& dims,
                                   std::size_t data_bytes) {
  std::vector<std::uint8_t> bytes = {0, 0, type, static_cast<std::uint8_t>(dims.size())};
  for (std::uint32_t d : dims) {
    for (int shift = 24; shift >= 0; shift -= 8) bytes.push_back(std::uint8_t(d >> shift));
  }
  for (std::size_t i = 0; i < data_bytes; ++i) bytes.push_back(std::uint8_t(i * 7));
  return bytes;
}

Result<IdxArray> parse(const std::vector<std::uint8_t>& bytes) {
  return parse_idx(bytes.data(), bytes.size(), "test-file");
}

// The parse fails, and the message names the file and contains `problem`.
void expect_error(const std::vector<std::uint8_t>& bytes, const std::string& problem) {
  Result<IdxArray> result = parse(bytes);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().rfind("test-file: ", 0), 0u) << result.error();
  EXPECT_NE(result.error().find(problem), std::string::npos) << result.error();
}

TEST(IdxParseTest, ParsesImagesLikeArray) {
  const std::vector<std::uint8_t> bytes = make_idx(0x08, {3, 2, 4}, 24);
  Result<IdxArray> result = parse(bytes);
  ASSERT_TRUE(result.ok()) << result.error();
  EXPECT_EQ(result->dims, (std::vector<std::uint32_t>{3, 2, 4}));
  ASSERT_EQ(result->data.size(), 24u);
  for (std::size_t i = 0; i < 24; ++i) EXPECT_EQ(result->data[i], std::uint8_t(i * 7));
}

TEST(IdxParseTest, ParsesLabelsLikeArray) {
  const std::vector<std::uint8_t> bytes = {0, 0, 8, 1, 0, 0, 0, 3, 5, 0, 4};
  Result<IdxArray> result = parse(bytes);
  ASSERT_TRUE(result.ok()) << result.error();
  EXPECT_EQ(result->dims, (std::vector<std::uint32_t>{3}));
  EXPECT_EQ(result->data, (std::vector<std::uint8_t>{5, 0, 4}));
}

TEST(IdxParseTest, ReadsDimensionsBigEndian) {
  const std::vector<std::uint8_t> bytes = make_idx(0x08, {0x0102, 1}, 0x0102);
  Result<IdxArray> result = parse(bytes);
  ASSERT_TRUE(result.ok()) << result.error();
  EXPECT_EQ(result->dims[0], 0x0102u);
}

TEST(IdxParseTest, AcceptsFourDimensions) {
  Result<IdxArray> result = parse(make_idx(0x08, {2, 3, 1, 2}, 12));
  ASSERT_TRUE(result.ok()) << result.error();
  EXPECT_EQ(result->dims.size(), 4u);
}

TEST(IdxParseTest, RejectsEmptyFile) { expect_error({}, "too short"); }

TEST(IdxParseTest, RejectsThreeBytes) { expect_error({0, 0, 8}, "too short"); }

TEST(IdxParseTest, RejectsBadMagic) {
  std::vector<std::uint8_t> bytes = make_idx(0x08, {2}, 2);
  bytes[0] = 0x1f;
  expect_error(bytes, "not an IDX file");
  bytes[0] = 0;
  bytes[1] = 0x8b;
  expect_error(bytes, "not an IDX file");
}

TEST(IdxParseTest, RejectsFloatElementsNamingTheType) {
  expect_error(make_idx(0x0D, {2}, 8), "0x0D (float32)");
}

TEST(IdxParseTest, RejectsOtherKnownTypes) {
  expect_error(make_idx(0x09, {2}, 2), "signed byte");
  expect_error(make_idx(0x0B, {2}, 4), "int16");
  expect_error(make_idx(0x0C, {2}, 8), "int32");
  expect_error(make_idx(0x0E, {2}, 16), "float64");
}

TEST(IdxParseTest, RejectsUnknownType) { expect_error(make_idx(0x42, {2}, 2), "unknown"); }

TEST(IdxParseTest, RejectsZeroDimensions) {
  expect_error({0, 0, 8, 0, 1, 2, 3}, "number of dimensions 0");
}

TEST(IdxParseTest, RejectsTooManyDimensions) {
  expect_error(make_idx(0x08, {1, 1, 1, 1, 1}, 1), "number of dimensions 5");
}

TEST(IdxParseTest, RejectsTruncatedHeader) {
  // Three dimensions declared, only one and a half present.
  expect_error({0, 0, 8, 3, 0, 0, 0, 2, 0, 0}, "truncated header");
}

TEST(IdxParseTest, RejectsTruncatedData) {
  std::vector<std::uint8_t> bytes = make_idx(0x08, {10, 28, 28}, 1000);
  expect_error(bytes, "truncated: header declares 7840 data bytes, file has 1000");
}

TEST(IdxParseTest, RejectsHeaderOnly) {
  expect_error(make_idx(0x08, {5}, 0), "truncated: header declares 5 data bytes, file has 0");
}

TEST(IdxParseTest, RejectsTrailingBytes) {
  expect_error(make_idx(0x08, {2, 2}, 5), "trailing bytes: header declares 4 data bytes");
}

TEST(IdxParseTest, RejectsLyingHugeDimensionsBeforeAllocating) {
  // 0xFFFFFFFF^3 elements would overflow 64 bits; the cap check must fire first, on the
  // second dimension, from a 16-byte file.
  expect_error(make_idx(0x08, {0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu}, 0), "more than 2147483648");
  expect_error(make_idx(0x08, {0xFFFFFFFFu, 3}, 0), "more than 2147483648");
  // Four dimensions whose product wraps to a small number in 32 bits (65536 * 65536 * 1 * 1).
  expect_error(make_idx(0x08, {65536, 65536, 1, 1}, 0), "more than");
}

TEST(IdxParseTest, RejectsPlausibleButUnbackedSizeAsTruncated) {
  // 10^9 elements is under the cap; only the size comparison stops it, before any allocation.
  expect_error(make_idx(0x08, {1000, 1000, 1000}, 16), "truncated: header declares 1000000000");
}

TEST(IdxParseTest, RejectsZeroCount) {
  expect_error(make_idx(0x08, {0, 28, 28}, 0), "dimension 0 is zero");
  expect_error(make_idx(0x08, {4, 0, 28}, 0), "dimension 1 is zero");
}

}  // namespace
}  // namespace mnist
