// libFuzzer target: any command line given to mnist-train (one argument per input line) must parse
// or fail with a message: numbers out of range, malformed or overflowing, unknown flags, missing
// values.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "cli/cli_options.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::vector<std::string> args(1);
  for (std::size_t i = 0; i < size; ++i) {
    if (data[i] == '\n') args.emplace_back();
    else args.back() += static_cast<char>(data[i]);
  }
  (void)mnist::parse_cli_options(args);
  return 0;
}
