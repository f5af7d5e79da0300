// libFuzzer target: any text given as a checksum list (SHA256SUMS.raw, read from beside the data)
// must parse or fail with a message naming the line.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/data/sha256.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)mnist::parse_sha256sums(text, "fuzz");
  return 0;
}
