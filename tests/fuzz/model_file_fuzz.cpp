// libFuzzer target: any bytes given as a model file must load or fail with a message. The CRC
// would reject almost every mutation before the parser runs, so the target also re-stamps a valid
// CRC on half of the inputs to reach the code behind it.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/io/trainer_snapshot.h"
#include "core/util/crc32.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::vector<std::uint8_t> bytes(data, data + size);
  if (size > 4 && (data[0] & 1)) {
    const std::uint32_t crc = mnist::crc32(bytes.data(), size - 4);
    for (int i = 0; i < 4; ++i) bytes[size - 4 + i] = std::uint8_t(crc >> (8 * i));
  }
  auto trainer = mnist::load_trainer(bytes.data(), bytes.size(), mnist::Shape{1, 28, 28}, 10);
  (void)trainer;
  return 0;
}
