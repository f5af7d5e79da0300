// libFuzzer target: any bytes given to the IDX parser and the dataset builder must give a value or
// an error message, never a crash, a sanitizer report or a huge allocation.
#include <cstddef>
#include <cstdint>

#include "core/data/dataset.h"
#include "core/data/idx.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto parsed = mnist::parse_idx(data, size, "fuzz");
  if (parsed && parsed->dims.size() == 3) {
    // Split the input in two: images then labels, as a dataset would get them.
    const std::size_t half = size / 2;
    (void)mnist::Dataset::from_idx_bytes(data, half, "images", data + half, size - half, "labels");
  }
  return 0;
}
