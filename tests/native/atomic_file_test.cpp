// --save's file handling: the path is checked before training (missing directory, a file where a
// directory should be, a directory where the file should be), and the model is written through
// a temporary file and a rename, keeping the replaced file's mode and leaving nothing behind,
// even when the rename fails.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdint>
#include <string>
#include <vector>

#include "cli/atomic_file.h"
#include "tests/native/temp_dir.h"

namespace mnist {
namespace {

using testing_files::read_all;
using testing_files::TempDir;
using testing_files::write_all;
namespace fs = std::filesystem;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(AtomicFileTest, WritesAndReplacesWithNothingLeftBehind) {
  TempDir dir;
  const fs::path path = dir.path() / "model.bin";
  EXPECT_TRUE(check_writable(path.string()).ok());
  EXPECT_TRUE(dir.entries().empty());  // the probe is gone

  const std::vector<std::uint8_t> first = {1, 2, 3}, second(100000, 7);
  ASSERT_TRUE(write_file_atomically(path.string(), first.data(), first.size()).ok());
  EXPECT_EQ(read_all(path), first);
  ASSERT_EQ(chmod(path.c_str(), 0640), 0);
  ASSERT_TRUE(write_file_atomically(path.string(), second.data(), second.size()).ok());
  EXPECT_EQ(read_all(path), second);
  struct stat st {};
  ASSERT_EQ(stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0640u);  // the replaced file's mode is kept
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"model.bin"});
}

TEST(AtomicFileTest, UnwritablePathsAreNamedBeforeAnythingIsWritten) {
  TempDir dir;
  const std::string missing = (dir.path() / "no-such-dir" / "model.bin").string();
  Status s = check_writable(missing);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error(), missing + ": cannot write: No such file or directory");

  // Below a regular file (fails for root too, unlike permissions).
  write_all(dir.path() / "file", {1});
  const std::string below_file = (dir.path() / "file" / "model.bin").string();
  s = check_writable(below_file);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error(), below_file + ": cannot write: Not a directory");

  fs::create_directory(dir.path() / "folder");
  s = check_writable((dir.path() / "folder").string());
  ASSERT_FALSE(s.ok());
  EXPECT_TRUE(contains(s.error(), "folder: is a directory: give a file name")) << s.error();
}

// A rename that fails (here: over a non-empty directory) removes the temporary file and leaves
// the target as it was.
TEST(AtomicFileTest, AFailedWriteRemovesTheTemporaryFile) {
  TempDir dir;
  const fs::path target = dir.path() / "model.bin";
  fs::create_directory(target);
  write_all(target / "inside", {9});
  const std::vector<std::uint8_t> bytes(1000, 1);
  const Status s = write_file_atomically(target.string(), bytes.data(), bytes.size());
  ASSERT_FALSE(s.ok());
  EXPECT_TRUE(contains(s.error(), target.string() + ": cannot replace the file")) << s.error();
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"model.bin"});
  EXPECT_EQ(read_all(target / "inside"), std::vector<std::uint8_t>{9});
}

}  // namespace
}  // namespace mnist
