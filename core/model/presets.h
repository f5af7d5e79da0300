// Named training setups shared by the CLI (--preset) and the page's preset menu: a model spec
// plus the hyper-parameters it was tuned with.
#pragma once
#include <string>
#include <vector>

#include "core/train/train_config.h"
#include "core/util/result.h"

namespace mnist {

struct Preset {
  std::string id;           // "mlp", "cnn-small", "cnn-strong", and teaching MLPs
  std::string name;         // shown to people
  std::string description;  // why it is built this way
  TrainConfig config;
};

const std::vector<Preset>& presets();
Result<Preset> find_preset(const std::string& id);

}  // namespace mnist
