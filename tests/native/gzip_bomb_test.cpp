// Gzip bombs: inflation stops at the size the IDX header declares (plus the header), across
// concatenated members, refuses headers declaring more than the cap at once, and caps other
// content. The bombs are generated here with zlib, 64 KiB at a time, never held inflated.
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "cli/gzip_file.h"
#include "tests/native/temp_dir.h"

namespace mnist {
namespace {

using testing_files::TempDir;
using testing_files::write_all;
namespace fs = std::filesystem;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// One gzip member: `prefix` followed by `zeros` zero bytes, deflated 64 KiB at a time, so that a
// 200 MiB bomb is made without ever holding 200 MiB.
std::vector<std::uint8_t> gzip_prefix_and_zeros(const std::vector<std::uint8_t>& prefix,
                                                std::uint64_t zeros) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY), Z_OK);
  std::vector<std::uint8_t> out, chunk(1 << 16, 0), buffer(1 << 16);
  auto pump = [&](const std::uint8_t* in, std::size_t n, int flush) {
    z.next_in = const_cast<Bytef*>(in);
    z.avail_in = uInt(n);
    do {
      z.next_out = buffer.data();
      z.avail_out = uInt(buffer.size());
      deflate(&z, flush);
      out.insert(out.end(), buffer.data(), buffer.data() + (buffer.size() - z.avail_out));
    } while (z.avail_out == 0 || (flush == Z_FINISH && z.avail_in > 0));
  };
  pump(prefix.data(), prefix.size(), Z_NO_FLUSH);
  for (std::uint64_t left = zeros; left > 0;) {
    const std::size_t n = std::size_t(std::min<std::uint64_t>(left, chunk.size()));
    pump(chunk.data(), n, Z_NO_FLUSH);
    left -= n;
  }
  pump(nullptr, 0, Z_FINISH);
  deflateEnd(&z);
  return out;
}

// An IDX header of unsigned bytes with these dimensions.
std::vector<std::uint8_t> idx_header(const std::vector<std::uint32_t>& dims) {
  std::vector<std::uint8_t> h = {0, 0, 0x08, std::uint8_t(dims.size())};
  for (std::uint32_t d : dims)
    for (int shift = 24; shift >= 0; shift -= 8) h.push_back(std::uint8_t(d >> shift));
  return h;
}

// Peak resident memory of this process so far, in bytes.
std::uint64_t peak_rss() {
  struct rusage usage {};
  getrusage(RUSAGE_SELF, &usage);
  return std::uint64_t(usage.ru_maxrss) * 1024;  // Linux reports KiB
}

// 10 images of 28x28 declared (16 + 7840 bytes), then 200 MiB of zeros: refused as soon as the
// output passes the declared 7856 bytes, without the process's peak memory moving.
TEST(GzipBombTest, ABombBehindASmallIdxHeaderStopsAtTheDeclaredSize) {
  const std::vector<std::uint8_t> bomb =
      gzip_prefix_and_zeros(idx_header({10, 28, 28}), std::uint64_t(200) << 20);
  ASSERT_LT(bomb.size(), 1u << 20);  // ~200 KiB that would inflate 1000-fold
  TempDir dir;
  const fs::path path = dir.path() / "train-images-idx3-ubyte.gz";
  write_all(path, bomb);

  const std::uint64_t before = peak_rss();
  Result<std::vector<std::uint8_t>> result = read_file_maybe_gzip(path.string());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error(), path.string() + ": inflates past the 7856 bytes its IDX header "
                                            "declares (header + data): the file is corrupt");
#ifndef __EMSCRIPTEN__  // getrusage reports no memory there
  EXPECT_LT(peak_rss() - before, std::uint64_t(32) << 20);
#else
  (void)before;
#endif
}

// The same with the zeros in a second gzip member: the cap spans members.
TEST(GzipBombTest, TheCapSpansConcatenatedMembers) {
  std::vector<std::uint8_t> header_only = gzip_prefix_and_zeros(idx_header({10}), 10);
  const std::vector<std::uint8_t> zeros = gzip_prefix_and_zeros({}, std::uint64_t(50) << 20);
  Result<std::vector<std::uint8_t>> valid =
      inflate_gzip(header_only.data(), header_only.size(), "labels.gz");
  ASSERT_TRUE(valid.ok()) << valid.error();
  EXPECT_EQ(valid->size(), 18u);  // exactly what the header declares inflates fine
  header_only.insert(header_only.end(), zeros.begin(), zeros.end());
  Result<std::vector<std::uint8_t>> bomb =
      inflate_gzip(header_only.data(), header_only.size(), "labels.gz");
  ASSERT_FALSE(bomb.ok());
  EXPECT_TRUE(contains(bomb.error(), "labels.gz: inflates past the 18 bytes")) << bomb.error();
}

TEST(GzipBombTest, AHeaderDeclaringMoreThanTheCapIsRefusedAtOnce) {
  const std::vector<std::uint8_t> mnist_sized = gzip_prefix_and_zeros(idx_header({60000, 28, 28}), 0);
  Result<std::vector<std::uint8_t>> result =
      inflate_gzip(mnist_sized.data(), mnist_sized.size(), "big.gz", 1 << 20);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error(),
            "big.gz: its IDX header declares 47040016 bytes, more than the limit of 1048576");

  // Four dimensions of 2^32 - 1: a product beyond 64 bits, refused rather than wrapped.
  const std::uint32_t most = 0xFFFFFFFFu;
  const std::vector<std::uint8_t> huge = gzip_prefix_and_zeros(idx_header({most, most, most, most}), 0);
  result = inflate_gzip(huge.data(), huge.size(), "huge.gz");
  ASSERT_FALSE(result.ok());
  EXPECT_TRUE(contains(result.error(), "huge.gz: its IDX header declares more than 2^64 bytes"))
      << result.error();
}

TEST(GzipBombTest, OtherContentIsCappedAtTheLimit) {
  const std::vector<std::uint8_t> text(100000, 'a');
  const std::vector<std::uint8_t> packed = gzip_prefix_and_zeros(text, 0);
  Result<std::vector<std::uint8_t>> result = inflate_gzip(packed.data(), packed.size(), "t.gz", 50000);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error(), "t.gz: inflates to more than 50000 bytes");
  result = inflate_gzip(packed.data(), packed.size(), "t.gz", 100000);
  ASSERT_TRUE(result.ok()) << result.error();
  EXPECT_EQ(*result, text);
}

}  // namespace
}  // namespace mnist
