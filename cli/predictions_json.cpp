#include "cli/predictions_json.h"

#include <cstdio>
#include <vector>

namespace mnist {

Result<std::string> predictions_json(Trainer& trainer, const Dataset& images) {
  std::string out = "{\"model\":\"" + trainer.config().model_spec + "\",\"probabilities\":[";
  std::vector<float> x(std::size_t(images.image_size()));  // one image, pixels / 255
  for (std::size_t i = 0; i < images.size(); ++i) {
    images.gather_range(i, 1, x.data(), nullptr);
    auto p = trainer.predict(x.data(), x.size());
    if (!p) return Error{p.error()};
    out += i ? ",[" : "[";
    for (std::size_t k = 0; k < p->size(); ++k) {
      char number[32];
      std::snprintf(number, sizeof number, k ? ",%.9g" : "%.9g", double((*p)[k]));
      out += number;
    }
    out += "]";
  }
  return out + "]}\n";
}

}  // namespace mnist
