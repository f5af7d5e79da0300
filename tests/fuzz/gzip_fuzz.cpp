// libFuzzer target: any bytes given to the CLI's gzip reader must inflate or fail with a message,
// never crash, hang or allocate past the cap, whatever the sizes the stream or an IDX header inside
// it claim. What inflates is parsed as IDX, as mnist-train would.
#include <cstddef>
#include <cstdint>

#include "cli/gzip_file.h"
#include "core/data/idx.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto inflated = mnist::inflate_gzip(data, size, "fuzz");
  if (inflated) (void)mnist::parse_idx(inflated->data(), inflated->size(), "fuzz");
  return 0;
}
