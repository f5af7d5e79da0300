// Trainer: the training loop, one mini-batch at a time, so a caller (the CLI's epoch loop, the
// page's worker) can run "the next N batches" and stay responsive in between. Each step is:
//   next batch (-> random shifts/rotations if config.augment) -> forward -> loss and dL/d(output) -> backward -> (weight decay) -> optimizer step
// It owns the model, the optimizer and the run's randomness; the same config (seed included)
// and data give bit-identical weights.
#pragma once
#include <memory>
#include <vector>

#include "core/data/dataset.h"
#include "core/model/sequential.h"
#include "core/train/loss.h"
#include "core/train/lr_schedule.h"
#include "core/train/memory_budget.h"
#include "core/train/metrics.h"
#include "core/train/optimizer.h"
#include "core/train/step_observer.h"
#include "core/train/train_config.h"

namespace mnist {

class Trainer {
 public:
  // Validates the config, builds and initialises the model. classes: the number of labels the
  // model's output must have (10 for MNIST); input: the shape of one image. A model that would
  // need more than memory_limit bytes (memory_budget.h) is refused before anything is allocated.
  static Result<std::unique_ptr<Trainer>> create(
      const TrainConfig& config, Shape input, int classes,
      std::uint64_t memory_limit = kDefaultMemoryLimitBytes);
  // Every check create() makes, without allocating the model: the memory it would need, or the
  // error create() would give. (A caller can make room first, as TrainingSession does.)
  static Result<MemoryBudget> plan(const TrainConfig& config, Shape input, int classes,
                                   std::uint64_t memory_limit = kDefaultMemoryLimitBytes);

  const TrainConfig& config() const { return config_; }
  // What the model was estimated to need when it was created, and what it holds now (the
  // estimate is an upper bound of the latter; tests check it).
  const MemoryBudget& memory_budget() const { return budget_; }
  std::size_t allocated_bytes() const;
  Sequential& model() { return model_; }
  const Sequential& model() const { return model_; }
  Optimizer& optimizer() { return optimizer_; }

  // Trains up to max_batches mini-batches of `data`, stopping early at the end of an epoch or
  // once seconds_budget (if > 0) is spent. After a non-finite loss, every call returns an error.
  TrainProgress train_batches(const Dataset& data, int max_batches, double seconds_budget = 0);

  // Loss, accuracy, per-class accuracy, confusion matrix and per-example predictions.
  EvalMetrics evaluate(const Dataset& data);

  // Class probabilities for one image of input-size floats.
  Result<std::vector<float>> predict(const float* pixels, std::size_t count);

  int epoch() const { return epoch_; }
  int batch_in_epoch() const { return batch_in_epoch_; }
  std::int64_t samples_seen() const { return samples_seen_; }
  // Restores the position of a saved run (model files).
  void set_position(int epoch, std::int64_t samples_seen);
  // Changes the run's length, config().epochs (1..kMaxEpochs), keeping the weights, the optimizer
  // state and the position: how a finished run is continued. The learning-rate schedule reads
  // config().epochs, so a cosine schedule follows a cosine over the new total from then on.
  Status set_epochs(int epochs);
  // Lets an observer see the next steps from the inside (nullptr: none, the default; a step then
  // costs nothing more). The observer must outlive its use.
  void set_step_observer(StepObserver* observer) { observer_ = observer; }

 private:
  Trainer(const TrainConfig& config, Sequential model, LossKind loss, ScheduleKind schedule,
          OptimizerKind optimizer, MemoryBudget budget);
  // One optimisation step on the batch in x_/labels_; returns its loss, counts correct guesses.
  float train_step(int batch, float learning_rate, int& correct);
  // Loss of the last forward pass's output for labels_ (and its gradient, if wanted) plus the
  // index of the last layer backward must start at.
  float output_loss(const float* x, int batch, bool want_gradient, int& backward_from);

  TrainConfig config_;
  MemoryBudget budget_;
  Sequential model_;
  LossKind loss_;
  ScheduleKind schedule_;
  Optimizer optimizer_;
  Rng rng_;                        // batch order and dropout
  std::unique_ptr<EpochOrder> order_;
  int epoch_ = 0;
  int batch_in_epoch_ = 0;
  std::int64_t samples_seen_ = 0;
  bool diverged_ = false;
  std::string divergence_;
  int evaluation_batch_;           // images per evaluation chunk (budget_.evaluation_batch)
  AlignedBuffer<float> x_;         // (max batch, input size)
  AlignedBuffer<float> d_output_;  // (max batch, classes)
  std::vector<std::uint8_t> labels_;
  AlignedBuffer<float> augment_scratch_;  // one image, for config.augment
  StepObserver* observer_ = nullptr;
};

}  // namespace mnist
