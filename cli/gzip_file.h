// Reading data files natively, gzip-compressed or not (the MNIST files are distributed as .gz).
// zlib is linked into the native tools only; the browser receives already-inflated bytes.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/util/result.h"

namespace mnist {

// Upper bound on a file read and on the inflated size of a gzip stream: far above MNIST's 47 MB,
// low enough that a corrupt or hostile file cannot exhaust memory.
inline constexpr std::size_t kMaxDataFileBytes = std::size_t(1) << 30;

// Inflates a complete gzip file held in memory (several concatenated members, as `gzip` allows,
// are joined). Errors name `name`: corrupt data, a truncated stream, bytes after the last member
// that are not another member, or output beyond kMaxDataFileBytes.
Result<std::vector<std::uint8_t>> inflate_gzip(const std::uint8_t* bytes, std::size_t size,
                                               const std::string& name);

// The contents of the file at `path`, inflated when it starts with the gzip magic (0x1f 0x8b)
// whatever its name. Errors name the path: "missing file", unreadable, too large, bad gzip.
Result<std::vector<std::uint8_t>> read_file_maybe_gzip(const std::string& path);

}  // namespace mnist
