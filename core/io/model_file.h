// Model files: everything needed to continue or evaluate a run, in one versioned binary.
// All integers and floats little-endian, whatever the machine.
//
//   offset  size  field
//   0       8     magic "MNISTPG" + NUL
//   8       4     format version (1)
//   12      4     flags: bit 0 = optimizer state present
//   16      4     config length L
//   20      L     config as key=value lines (model spec, optimizer, seed, ...; train_config.h)
//   ...     4     epochs completed
//           8     samples seen
//           8     parameter count P
//           4P    parameters, layer by layer (each layer's weights then biases), no padding
//   [flag]  8     optimizer steps t
//           8     optimizer state count S
//           4S    optimizer state (momentum velocity, or Adam's m then v), same layout as θ
//   end-4   4     CRC-32 of every byte before it
#pragma once
#include <cstdint>
#include <vector>

#include "core/train/train_config.h"
#include "core/util/result.h"

namespace mnist {

inline constexpr std::uint32_t kModelFileVersion = 1;

struct ModelFile {
  TrainConfig config;
  int epochs_completed = 0;
  std::int64_t samples_seen = 0;
  std::vector<float> parameters;
  bool has_optimizer_state = false;
  std::int64_t optimizer_steps = 0;
  std::vector<float> optimizer_state;
};

std::vector<std::uint8_t> encode_model_file(const ModelFile& file);
// Rejects (with a message naming the problem) wrong magic, unknown versions (a newer one: "model
// file version 7 is newer than this engine reads (version 1): update mnist-playground"), checksum
// mismatches, truncation and counts that disagree with the bytes or the config.
Result<ModelFile> decode_model_file(const std::uint8_t* bytes, std::size_t size);

}  // namespace mnist
