// SHA-256 against the FIPS 180-4 / NIST example vectors, incremental hashing across block
// boundaries, the sha256sum-format parser and verify_sha256.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "core/data/sha256.h"

namespace mnist {
namespace {

std::string hash_text(const std::string& text) {
  return sha256_hex(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
}

TEST(Sha256Test, EmptyMessage) {
  EXPECT_EQ(hash_text(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(Sha256Test, Abc) {
  EXPECT_EQ(hash_text("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Sha256Test, TwoBlockMessage448Bits) {
  EXPECT_EQ(hash_text("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Sha256Test, FourBlockMessage896Bits) {
  EXPECT_EQ(hash_text("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnop"
                      "qklmnopqrlmnopqrsmnopqrstnopqrstu"),
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

TEST(Sha256Test, OneMillionA) {
  const std::string a(1000000, 'a');
  EXPECT_EQ(hash_text(a), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256Test, IncrementalMatchesOneShotForEverySplit) {
  // 200 bytes cover the padding edge cases (55, 56, 63, 64 bytes in the last block).
  std::vector<std::uint8_t> message(200);
  for (std::size_t i = 0; i < message.size(); ++i) message[i] = std::uint8_t(i * 31 + 7);
  for (std::size_t length : {0u, 1u, 55u, 56u, 63u, 64u, 65u, 119u, 120u, 128u, 200u}) {
    const std::string one_shot = sha256_hex(message.data(), length);
    for (std::size_t split = 0; split <= length; split += 13) {
      Sha256 hasher;
      hasher.update(message.data(), split);
      hasher.update(message.data() + split, length - split);
      EXPECT_EQ(to_hex(hasher.finish()), one_shot) << "length " << length << " split " << split;
    }
    Sha256 bytewise;
    for (std::size_t i = 0; i < length; ++i) bytewise.update(message.data() + i, 1);
    EXPECT_EQ(to_hex(bytewise.finish()), one_shot) << "length " << length;
  }
}

TEST(Sha256Test, FinishResetsForTheNextMessage) {
  Sha256 hasher;
  const std::uint8_t abc[] = {'a', 'b', 'c'};
  hasher.update(abc, 3);
  hasher.finish();
  hasher.update(abc, 3);
  EXPECT_EQ(to_hex(hasher.finish()),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

const std::string kAbcHex = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

TEST(Sha256SumsTest, ParsesSha256sumOutput) {
  const std::string text =
      kAbcHex + "  abc.txt\n"
      "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855 *empty file\r\n"
      "\n";
  Result<Sha256Sums> sums = parse_sha256sums(text, "SUMS");
  ASSERT_TRUE(sums.ok()) << sums.error();
  ASSERT_EQ(sums->size(), 2u);
  EXPECT_EQ(sums->at("abc.txt"), kAbcHex);
  EXPECT_EQ(sums->at("empty file"),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(Sha256SumsTest, ParsesTextWithoutFinalNewline) {
  Result<Sha256Sums> sums = parse_sha256sums(kAbcHex + "  abc.txt", "SUMS");
  ASSERT_TRUE(sums.ok()) << sums.error();
  EXPECT_EQ(sums->count("abc.txt"), 1u);
}

TEST(Sha256SumsTest, RejectsMalformedLinesNamingTheLine) {
  const std::vector<std::string> bad_lines = {
      kAbcHex.substr(0, 63) + "  short-digest",
      kAbcHex.substr(0, 63) + "g  non-hex",
      kAbcHex + " one-space-only",
      kAbcHex + "  ",  // no file name
      kAbcHex + "x name",
      "just some words",
  };
  for (const std::string& line : bad_lines) {
    Result<Sha256Sums> sums = parse_sha256sums(kAbcHex + "  good\n" + line + "\n", "SUMS");
    ASSERT_FALSE(sums.ok()) << line;
    EXPECT_EQ(sums.error().rfind("SUMS: line 2: ", 0), 0u) << sums.error();
  }
}

TEST(Sha256SumsTest, RejectsConflictingDuplicates) {
  const std::string other(64, '0');
  EXPECT_TRUE(parse_sha256sums(kAbcHex + "  f\n" + kAbcHex + "  f\n", "SUMS").ok());
  Result<Sha256Sums> sums = parse_sha256sums(kAbcHex + "  f\n" + other + "  f\n", "SUMS");
  ASSERT_FALSE(sums.ok());
  EXPECT_NE(sums.error().find("different digest"), std::string::npos) << sums.error();
}

TEST(Sha256SumsTest, VerifyReportsMatchMismatchAndMissingEntry) {
  Result<Sha256Sums> sums = parse_sha256sums(kAbcHex + "  abc.txt\n", "SUMS");
  ASSERT_TRUE(sums.ok()) << sums.error();
  const std::uint8_t abc[] = {'a', 'b', 'c'};
  const std::uint8_t abd[] = {'a', 'b', 'd'};
  EXPECT_TRUE(verify_sha256("abc.txt", abc, 3, *sums).ok());

  const Status mismatch = verify_sha256("abc.txt", abd, 3, *sums);
  ASSERT_FALSE(mismatch.ok());
  EXPECT_EQ(mismatch.error(), "abc.txt: checksum mismatch: expected " + kAbcHex + ", got " +
                                  sha256_hex(abd, 3));

  const Status missing = verify_sha256("other.txt", abc, 3, *sums);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error(), "other.txt: no checksum listed");
}

}  // namespace
}  // namespace mnist
