// Checked, atomic output files (see atomic_file.h), with POSIX calls: mkstemp, fsync, rename.
#include "cli/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

namespace mnist {
namespace {

Error cannot(const std::string& path, const std::string& what, int error_number) {
  return Error{path + ": " + what + ": " + std::strerror(error_number)};
}

// A temporary file beside `path`: its fd and name, or an error.
struct TempFile {
  int fd = -1;
  std::string name;
};

Result<TempFile> create_temp_beside(const std::string& path) {
  std::string pattern = path + ".tmp-XXXXXX";
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  const int fd = mkstemp(name.data());
  if (fd < 0) return cannot(path, "cannot write", errno);
  return TempFile{fd, std::string(name.data())};
}

// The existing file is not to be replaced by something of another kind.
Status check_target_kind(const std::string& path) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) return Status::Ok();  // a new file
  if (S_ISDIR(st.st_mode)) return Error{path + ": is a directory: give a file name"};
  if (!S_ISREG(st.st_mode)) return Error{path + ": not a regular file"};
  return Status::Ok();
}

// The mode the new file gets: the replaced file's, or what open(2) would give a new one.
mode_t mode_for(const std::string& path) {
  struct stat st {};
  if (stat(path.c_str(), &st) == 0) return st.st_mode & 07777;
  const mode_t mask = umask(0);  // the only way to read the umask (single-threaded CLI)
  umask(mask);
  return 0666 & ~mask;
}

bool write_all(int fd, const std::uint8_t* bytes, std::size_t size) {
  while (size > 0) {
    const ssize_t n = write(fd, bytes, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes += n;
    size -= std::size_t(n);
  }
  return true;
}

}  // namespace

Status check_writable(const std::string& path) {
  if (path.empty()) return Error{"no file name given"};
  if (Status s = check_target_kind(path); !s) return s;
  auto probe = create_temp_beside(path);
  if (!probe) return Error{probe.error()};
  close(probe->fd);
  unlink(probe->name.c_str());
  return Status::Ok();
}

Status write_file_atomically(const std::string& path, const std::uint8_t* bytes, std::size_t size) {
  const mode_t mode = mode_for(path);
  auto temp = create_temp_beside(path);
  if (!temp) return Error{temp.error()};
  // Every failure from here removes the temporary file.
  auto fail = [&](const std::string& what) {
    const int saved = errno;
    if (temp->fd >= 0) close(temp->fd);
    unlink(temp->name.c_str());
    return Status(cannot(path, what, saved));
  };
  if (!write_all(temp->fd, bytes, size)) return fail("cannot write");
  if (fchmod(temp->fd, mode) != 0) return fail("cannot set the file mode");
  if (fsync(temp->fd) != 0) return fail("cannot flush to disk");
  const int fd = temp->fd;
  temp->fd = -1;
  if (close(fd) != 0) return fail("cannot write");
  if (std::rename(temp->name.c_str(), path.c_str()) != 0) return fail("cannot replace the file");
  return Status::Ok();
}

}  // namespace mnist
