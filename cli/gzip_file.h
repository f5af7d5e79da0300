// Reading data files natively, gzip-compressed or not (the MNIST files are distributed as .gz).
// zlib is linked into the native tools only; the browser receives already-inflated bytes.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/util/result.h"

namespace mnist {

// Upper bound on a file read and on the inflated size of a gzip stream: MNIST's largest file is
// 47 MB (and Fashion-MNIST's the same), and a corrupt or hostile file must not cost more than a
// few hundred MiB of memory before it is refused.
inline constexpr std::size_t kMaxDataFileBytes = std::size_t(256) << 20;

// Inflates a complete gzip file held in memory (several concatenated members, as `gzip` allows,
// are joined). When the inflated bytes start with an IDX header (0x00 0x00, a known element type,
// 1 to 4 dimensions), inflation stops at the size that header declares (the header plus the
// product of the dimensions times the element size, computed in checked 64-bit arithmetic): a
// stream that inflates past it is refused ("NAME: inflates past the 7856 bytes its IDX header
// declares"), so a gzip bomb behind a small, valid-looking header costs no more memory than the
// file claims; a header declaring more than max_output is refused before inflating further.
// Other content is capped at max_output. Errors name `name`: corrupt data, a truncated stream,
// bytes after the last member that are not another member, or output beyond those caps.
Result<std::vector<std::uint8_t>> inflate_gzip(const std::uint8_t* bytes, std::size_t size,
                                               const std::string& name,
                                               std::size_t max_output = kMaxDataFileBytes);

// The contents of the file at `path`, inflated when it starts with the gzip magic (0x1f 0x8b)
// whatever its name, at most max_bytes read or inflated. Errors name the path: "missing file",
// unreadable, too large, bad gzip.
Result<std::vector<std::uint8_t>> read_file_maybe_gzip(const std::string& path,
                                                       std::size_t max_bytes = kMaxDataFileBytes);

}  // namespace mnist
