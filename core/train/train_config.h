// TrainConfig: everything that defines a training run besides the data. The same fields are set by
// the CLI flags, the page's state object (mirrored in the URL) and model files.
#pragma once
#include <cstdint>
#include <string>

#include "core/util/result.h"

namespace mnist {

// The longest run a config (and so a model file) may describe, in epochs.
inline constexpr int kMaxEpochs = 1000;

struct TrainConfig {
  std::string model_spec = "dense:256:relu,dense:10:softmax";  // see core/model/model_spec.h
  std::string loss = "cross_entropy";      // cross_entropy | binary_cross_entropy | mse
  std::string optimizer = "adam";          // sgd | momentum | nesterov | adam
  float learning_rate = 1e-3f;
  float momentum = 0.9f;                   // momentum / nesterov: mu; adam: beta1
  float beta2 = 0.999f;                    // adam
  float epsilon = 1e-7f;                   // adam (TensorFlow.js / Keras default)
  float weight_decay = 0.0f;               // L2: adds weight_decay * w to the gradient of weights
  std::string schedule = "constant";       // constant | step | cosine
  float schedule_gamma = 0.5f;             // step: lr *= gamma every schedule_step_epochs
  int schedule_step_epochs = 1;
  int batch_size = 32;
  int epochs = 1;                          // the schedule's horizon (cosine) and the CLI's run length
  std::string init = "glorot_uniform";     // zeros | uniform | normal | glorot_uniform | glorot_normal
                                           // | he_uniform | he_normal | normal_large
  std::uint64_t seed = 1;
  int train_limit = 0;                     // train on the first N training images only (0: all)
  bool augment = false;                    // random shifts (±2 px) and rotations (±10°) of
                                           // training images, see core/data/augment.h
};

// Checks every field: names are known, numbers are in range. The message names the field.
Status validate_config(const TrainConfig& config);

// key=value lines (the form stored in model files); from_text validates.
std::string config_to_text(const TrainConfig& config);
Result<TrainConfig> config_from_text(const std::string& text);

}  // namespace mnist
