// Between a live Trainer and a ModelFile: take a snapshot of a run (weights, config, position,
// optimizer state) or rebuild a Trainer from one. Used by the CLI's --save/--load and by the
// page's save/load through TrainingSession.
#pragma once
#include <memory>

#include "core/io/model_file.h"
#include "core/train/trainer.h"

namespace mnist {

ModelFile snapshot_trainer(Trainer& trainer, bool with_optimizer_state);

// Rebuilds the model from the file's config and loads its weights (and optimizer state);
// counts that disagree with the spec are errors, and so is a model needing more than
// memory_limit bytes (checked before it is built, as in Trainer::create).
Result<std::unique_ptr<Trainer>> restore_trainer(
    const ModelFile& file, Shape input, int classes,
    std::uint64_t memory_limit = kDefaultMemoryLimitBytes);

// decode_model_file + restore_trainer.
Result<std::unique_ptr<Trainer>> load_trainer(
    const std::uint8_t* bytes, std::size_t size, Shape input, int classes,
    std::uint64_t memory_limit = kDefaultMemoryLimitBytes);

}  // namespace mnist
