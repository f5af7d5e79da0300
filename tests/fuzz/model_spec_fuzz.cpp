// libFuzzer target: any text given as a model spec must parse and build, or fail with a message.
// Specs that build are also run forward once on a zero image.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/model/sequential.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  auto spec = mnist::parse_model_spec(text);
  if (!spec || spec->input.size() > 4096) return 0;
  auto model = mnist::Sequential::build(*spec);
  if (!model || model->parameter_count() > (1u << 20)) return 0;
  std::vector<float> x(spec->input.size(), 0.0f);
  model->forward(x.data(), 1, mnist::PassContext{});
  return 0;
}
