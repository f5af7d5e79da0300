#include "core/io/trainer_snapshot.h"

namespace mnist {

ModelFile snapshot_trainer(Trainer& trainer, bool with_optimizer_state) {
  const Sequential& model = trainer.model();
  ModelFile file;
  file.config = trainer.config();
  file.epochs_completed = trainer.epoch();
  file.samples_seen = trainer.samples_seen();
  file.parameters = model.unpadded(model.parameters());
  if (with_optimizer_state) {
    file.has_optimizer_state = true;
    file.optimizer_steps = trainer.optimizer().steps();
    // The state is one or two blocks laid out like the parameters (velocity; or m then v).
    const std::vector<float> state = trainer.optimizer().state();
    for (std::size_t at = 0; at < state.size(); at += model.parameter_count()) {
      const auto part = model.unpadded(state.data() + at);
      file.optimizer_state.insert(file.optimizer_state.end(), part.begin(), part.end());
    }
  }
  return file;
}

Result<std::unique_ptr<Trainer>> restore_trainer(const ModelFile& file, Shape input, int classes,
                                                 std::uint64_t memory_limit) {
  auto created = Trainer::create(file.config, input, classes, memory_limit);
  if (!created) return Error{"model file: " + created.error()};
  Trainer& trainer = **created;
  Sequential& model = trainer.model();
  const std::size_t trainable = model.trainable_count();
  if (file.parameters.size() != trainable)
    return Error{"model file is corrupt: it has " + std::to_string(file.parameters.size()) +
                 " parameters, its model spec needs " + std::to_string(trainable)};
  model.set_from_unpadded(file.parameters.data(), model.parameters());
  if (file.has_optimizer_state) {
    const std::size_t blocks = trainer.optimizer().state().size() / model.parameter_count();
    if (file.optimizer_state.size() != blocks * trainable)
      return Error{"model file is corrupt: optimizer state has " +
                   std::to_string(file.optimizer_state.size()) + " values, " +
                   file.config.optimizer + " needs " + std::to_string(blocks * trainable)};
    std::vector<float> padded(blocks * model.parameter_count(), 0.0f);
    for (std::size_t b = 0; b < blocks; ++b)
      model.set_from_unpadded(file.optimizer_state.data() + b * trainable,
                              padded.data() + b * model.parameter_count());
    if (Status s = trainer.optimizer().set_state(file.optimizer_steps, padded); !s)
      return Error{s.error()};
  }
  trainer.set_position(file.epochs_completed, file.samples_seen);
  return std::move(*created);
}

Result<std::unique_ptr<Trainer>> load_trainer(const std::uint8_t* bytes, std::size_t size,
                                              Shape input, int classes,
                                              std::uint64_t memory_limit) {
  auto file = decode_model_file(bytes, size);
  if (!file) return Error{file.error()};
  return restore_trainer(*file, input, classes, memory_limit);
}

}  // namespace mnist
