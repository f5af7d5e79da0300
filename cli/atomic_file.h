// Writing an output file (mnist-train --save) safely: the path is checked before the work that
// produces the bytes (a typo should not cost an hour of training), and the file is replaced
// atomically, so a reader, or a crash half-way, sees the old file or the new one, never a torn one.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/util/result.h"

namespace mnist {

// OK when a file can be created at `path`: its directory exists and takes a new file (probed by
// creating and removing a temporary file there) and the path is not a directory or other
// non-regular file. Errors start with the path: "out/model.bin: cannot write: No such file or
// directory".
Status check_writable(const std::string& path);

// Writes `bytes` to "<path>.tmp-XXXXXX" in the same directory (so the rename stays within one
// file system), flushes it to disk, then renames it over `path`. The file keeps the mode of the
// one it replaces (a new one gets 0666 less the umask). On any failure the temporary file is
// removed and `path` is untouched; the error names the path and the reason.
Status write_file_atomically(const std::string& path, const std::uint8_t* bytes, std::size_t size);

}  // namespace mnist
