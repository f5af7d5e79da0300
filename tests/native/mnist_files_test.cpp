// Native file loading: gzip inflation (valid, multi-member, truncated, corrupt) and load_mnist_dir
// on the real MNIST files in MNIST_TEST_DATA_DIR, on a copy with a corrupted file, and on missing
// directories and files.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <zlib.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "cli/gzip_file.h"
#include "cli/mnist_files.h"

#ifndef MNIST_TEST_DATA_DIR
#error "MNIST_TEST_DATA_DIR must name the directory with the MNIST .gz files"
#endif

namespace mnist {
namespace {

namespace fs = std::filesystem;

// A fresh directory under the test temp dir, removed with everything in it at scope exit.
class TempDir {
 public:
  TempDir() {
    std::string pattern = ::testing::TempDir() + "mnist_files_test_XXXXXX";
    if (mkdtemp(pattern.data())) path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

void write_file(const fs::path& path, const std::vector<std::uint8_t>& bytes) {
  std::FILE* file = std::fopen(path.string().c_str(), "wb");
  ASSERT_NE(file, nullptr) << path;
  ASSERT_EQ(std::fwrite(bytes.data(), 1, bytes.size(), file), bytes.size());
  std::fclose(file);
}

// One gzip member holding `bytes`.
std::vector<std::uint8_t> gzip_compress(const std::vector<std::uint8_t>& bytes) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, Z_BEST_SPEED, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::vector<std::uint8_t> out(deflateBound(&z, bytes.size()) + 32);
  z.next_in = const_cast<Bytef*>(bytes.data());
  z.avail_in = static_cast<uInt>(bytes.size());
  z.next_out = out.data();
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::vector<std::uint8_t> sample_bytes(std::size_t n) {
  std::vector<std::uint8_t> bytes(n);
  for (std::size_t i = 0; i < n; ++i) bytes[i] = std::uint8_t((i * i) >> 3);
  return bytes;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(GzipFileTest, ReadsPlainAndGzippedFiles) {
  TempDir dir;
  ASSERT_FALSE(dir.path().empty());
  const std::vector<std::uint8_t> content = sample_bytes(300000);
  write_file(dir.path() / "plain", content);
  write_file(dir.path() / "packed.gz", gzip_compress(content));

  Result<std::vector<std::uint8_t>> plain = read_file_maybe_gzip((dir.path() / "plain").string());
  ASSERT_TRUE(plain.ok()) << plain.error();
  EXPECT_EQ(*plain, content);
  Result<std::vector<std::uint8_t>> packed =
      read_file_maybe_gzip((dir.path() / "packed.gz").string());
  ASSERT_TRUE(packed.ok()) << packed.error();
  EXPECT_EQ(*packed, content);
}

TEST(GzipFileTest, JoinsConcatenatedMembers) {
  const std::vector<std::uint8_t> first = sample_bytes(1000), second = {1, 2, 3};
  std::vector<std::uint8_t> joined = gzip_compress(first);
  const std::vector<std::uint8_t> tail = gzip_compress(second);
  joined.insert(joined.end(), tail.begin(), tail.end());
  Result<std::vector<std::uint8_t>> inflated = inflate_gzip(joined.data(), joined.size(), "two");
  ASSERT_TRUE(inflated.ok()) << inflated.error();
  std::vector<std::uint8_t> expected = first;
  expected.insert(expected.end(), second.begin(), second.end());
  EXPECT_EQ(*inflated, expected);
}

TEST(GzipFileTest, RejectsTruncatedStreamNamingTheFile) {
  TempDir dir;
  const std::vector<std::uint8_t> packed = gzip_compress(sample_bytes(100000));
  const fs::path path = dir.path() / "cut.gz";
  write_file(path, std::vector<std::uint8_t>(packed.begin(), packed.begin() + packed.size() / 2));
  Result<std::vector<std::uint8_t>> result = read_file_maybe_gzip(path.string());
  ASSERT_FALSE(result.ok());
  EXPECT_TRUE(contains(result.error(), path.string() + ": truncated gzip stream")) << result.error();

  // Cut inside the 8-byte trailer: all data inflates but the stream is still incomplete.
  Result<std::vector<std::uint8_t>> no_trailer =
      inflate_gzip(packed.data(), packed.size() - 3, "cut-trailer");
  ASSERT_FALSE(no_trailer.ok());
  EXPECT_TRUE(contains(no_trailer.error(), "cut-trailer: truncated")) << no_trailer.error();
}

TEST(GzipFileTest, RejectsCorruptData) {
  std::vector<std::uint8_t> packed = gzip_compress(sample_bytes(100000));
  for (std::size_t i = 20; i < 40; ++i) packed[i] ^= 0x5A;
  Result<std::vector<std::uint8_t>> result = inflate_gzip(packed.data(), packed.size(), "bad.gz");
  ASSERT_FALSE(result.ok());
  EXPECT_TRUE(contains(result.error(), "bad.gz: corrupt gzip data")) << result.error();

  // A wrong CRC in the trailer is corruption too.
  std::vector<std::uint8_t> bad_crc = gzip_compress(sample_bytes(1000));
  bad_crc[bad_crc.size() - 8] ^= 1;
  result = inflate_gzip(bad_crc.data(), bad_crc.size(), "crc.gz");
  ASSERT_FALSE(result.ok());
  EXPECT_TRUE(contains(result.error(), "crc.gz: corrupt gzip data")) << result.error();
}

TEST(GzipFileTest, RejectsTrailingGarbage) {
  std::vector<std::uint8_t> packed = gzip_compress(sample_bytes(100));
  packed.push_back(0);
  packed.push_back(7);
  Result<std::vector<std::uint8_t>> result = inflate_gzip(packed.data(), packed.size(), "tail.gz");
  ASSERT_FALSE(result.ok());
  EXPECT_TRUE(contains(result.error(), "tail.gz: 2 unexpected bytes")) << result.error();
}

TEST(GzipFileTest, MissingFile) {
  TempDir dir;
  const std::string path = (dir.path() / "nothing-here").string();
  Result<std::vector<std::uint8_t>> result = read_file_maybe_gzip(path);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error(), path + ": missing file");
}

const char* const kFileNames[] = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
                                  "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"};

// The real data set, loaded once for the whole suite.
class MnistFilesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    Result<MnistData> loaded = load_mnist_dir(MNIST_TEST_DATA_DIR);
    if (loaded.ok()) {
      data_ = new MnistData(std::move(loaded).value());
    } else {
      load_error_ = new std::string(loaded.error());
    }
  }
  static void TearDownTestSuite() {
    delete data_;
    delete load_error_;
    data_ = nullptr;
    load_error_ = nullptr;
  }
  static MnistData* data_;
  static std::string* load_error_;
};
MnistData* MnistFilesTest::data_ = nullptr;
std::string* MnistFilesTest::load_error_ = nullptr;

TEST_F(MnistFilesTest, LoadsTheStandardSplit) {
  ASSERT_NE(data_, nullptr) << *load_error_;
  EXPECT_EQ(data_->train.size(), 55000u);
  EXPECT_EQ(data_->validation.size(), 5000u);
  EXPECT_EQ(data_->test.size(), 10000u);
  for (const Dataset* set : {&data_->train, &data_->validation, &data_->test}) {
    EXPECT_EQ(set->rows(), 28);
    EXPECT_EQ(set->cols(), 28);
  }
}

TEST_F(MnistFilesTest, KnownLabels) {
  ASSERT_NE(data_, nullptr) << *load_error_;
  const std::uint8_t first_train[] = {5, 0, 4, 1, 9, 2, 1, 3, 1, 4};
  const std::uint8_t first_test[] = {7, 2, 1, 0, 4, 1, 4, 9, 5, 9};
  for (int i = 0; i < 10; ++i) {
    EXPECT_EQ(data_->train.label(i), first_train[i]) << i;
    EXPECT_EQ(data_->test.label(i), first_test[i]) << i;
  }
}

TEST_F(MnistFilesTest, PixelsLookLikeDigits) {
  ASSERT_NE(data_, nullptr) << *load_error_;
  // MNIST digits are centred in a blank 28x28 field: the corner is 0, some pixels are full ink.
  std::vector<float> x(28 * 28);
  std::uint8_t label = 99;
  const std::uint32_t first = 0;
  data_->test.gather_batch(&first, 1, x.data(), &label);
  EXPECT_EQ(label, 7);
  EXPECT_EQ(x[0], 0.0f);
  float max_pixel = 0;
  for (float v : x) max_pixel = v > max_pixel ? v : max_pixel;
  EXPECT_EQ(max_pixel, 1.0f);
}

// A copy of the data directory in which t10k-labels has one label changed (stored uncompressed,
// which takes precedence over the .gz): still a valid IDX file, but not the published one.
void make_corrupted_copy(const fs::path& to, bool with_sums) {
  const fs::path from = MNIST_TEST_DATA_DIR;
  for (const char* name : kFileNames) {
    fs::copy_file(from / (std::string(name) + ".gz"), to / (std::string(name) + ".gz"));
  }
  if (with_sums) fs::copy_file(from / "SHA256SUMS.raw", to / "SHA256SUMS.raw");
  Result<std::vector<std::uint8_t>> labels =
      read_file_maybe_gzip((from / "t10k-labels-idx1-ubyte.gz").string());
  ASSERT_TRUE(labels.ok()) << labels.error();
  (*labels)[8] = (*labels)[8] == 7 ? 1 : 7;  // the first label, after the 8-byte header
  write_file(to / "t10k-labels-idx1-ubyte", *labels);
}

TEST(MnistFilesErrorsTest, CorruptedCopyFailsItsChecksum) {
  TempDir dir;
  ASSERT_FALSE(dir.path().empty());
  make_corrupted_copy(dir.path(), /*with_sums=*/true);
  Result<MnistData> result = load_mnist_dir(dir.path().string());
  ASSERT_FALSE(result.ok());
  EXPECT_TRUE(contains(result.error(),
                       "t10k-labels-idx1-ubyte: checksum mismatch: expected "
                       "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2, got "))
      << result.error();
  EXPECT_TRUE(contains(result.error(), (dir.path() / "t10k-labels-idx1-ubyte").string()))
      << result.error();
}

TEST(MnistFilesErrorsTest, WithoutSumsFileTheCopyLoadsUnverified) {
  TempDir dir;
  ASSERT_FALSE(dir.path().empty());
  make_corrupted_copy(dir.path(), /*with_sums=*/false);
  Result<MnistData> result = load_mnist_dir(dir.path().string());
  ASSERT_TRUE(result.ok()) << result.error();
  EXPECT_EQ(result->test.label(0), 1);
}

TEST(MnistFilesErrorsTest, MissingDirectory) {
  TempDir dir;
  const std::string missing = (dir.path() / "no-such-dir").string();
  Result<MnistData> result = load_mnist_dir(missing);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error(), missing + ": missing directory");
}

TEST(MnistFilesErrorsTest, MissingFile) {
  TempDir dir;
  ASSERT_FALSE(dir.path().empty());
  Result<MnistData> result = load_mnist_dir(dir.path().string());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error(), dir.path().string() +
                                ": missing file train-images-idx3-ubyte (or "
                                "train-images-idx3-ubyte.gz)");
}

TEST(MnistFilesErrorsTest, TruncatedGzipInTheDirectory) {
  TempDir dir;
  ASSERT_FALSE(dir.path().empty());
  const fs::path from = MNIST_TEST_DATA_DIR;
  for (const char* name : kFileNames) {
    fs::copy_file(from / (std::string(name) + ".gz"), dir.path() / (std::string(name) + ".gz"));
  }
  const fs::path labels = dir.path() / "train-labels-idx1-ubyte.gz";
  fs::resize_file(labels, fs::file_size(labels) / 2);
  Result<MnistData> result = load_mnist_dir(dir.path().string());
  ASSERT_FALSE(result.ok());
  EXPECT_TRUE(contains(result.error(), labels.string() + ": truncated gzip stream"))
      << result.error();
}

}  // namespace
}  // namespace mnist
