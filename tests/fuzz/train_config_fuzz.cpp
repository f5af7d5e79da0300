// libFuzzer target: any text given as a training configuration (the key=value lines stored in
// model files) must parse or fail with a message. A configuration that parses must survive a
// round trip: written out and read back, it gives the same text.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/train/train_config.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  auto config = mnist::config_from_text(text);
  if (!config) return 0;
  const std::string written = mnist::config_to_text(*config);
  auto again = mnist::config_from_text(written);
  if (!again || mnist::config_to_text(*again) != written) std::abort();
  return 0;
}
