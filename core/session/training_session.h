// TrainingSession: the engine as one object with plain types, for the page's worker (through the
// thin Embind layer in bindings/) and for tools. It owns the datasets, the model, the optimizer
// and the trainer; every method that takes outside input reports problems as a Status/Result
// rather than crashing, and the ones that allocate (loading, configuring, training, predicting)
// also turn an exception, such as std::bad_alloc for a model too big for memory, into an error
// message. (In WebAssembly that takes a build with exception catching enabled; without it a throw
// leaves the module as a JavaScript exception, which web/engine/engine.js reports.)
// Data flows one way: bytes -> datasets -> model -> trainer -> metrics.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/data/dataset.h"
#include "core/teach/gradient_check.h"
#include "core/teach/network_health.h"
#include "core/teach/step_trace.h"
#include "core/teach/unit_explanation.h"
#include "core/train/memory_budget.h"
#include "core/train/metrics.h"
#include "core/train/train_config.h"
#include "core/util/result.h"

namespace mnist {

class Dataset;

// One layer's output for one image, for drawing feature maps: (channels, height, width).
struct FeatureMaps {
  int layer = 0;
  std::string kind;
  int channels = 0, height = 0, width = 0;
  std::vector<float> values;
};
class Trainer;

enum class Split { kTrain, kValidation, kTest };

// A layer's parameters for drawing: weights as (rows, cols) row-major, e.g. a dense layer's
// (out, in) matrix whose row j is neuron j's weights (784 of them: a 28x28 image), or a conv
// layer's (filters, channels·kernel_h·kernel_w) filters. Layers without weights: rows = 0.
struct LayerWeights {
  std::string kind;
  int rows = 0, cols = 0;
  int channels = 0, kernel_h = 0, kernel_w = 0;  // conv only
  std::vector<float> weights;
  std::vector<float> bias;
};

// Where the model stands in its training, for a page that shows "trained for 3 epochs".
struct TrainingPosition {
  int epochs_done = 0;            // whole epochs trained
  int batch_in_epoch = 0;         // batches into the epoch under way (0: at an epoch boundary)
  std::int64_t samples_seen = 0;  // images trained since the model was built, over all runs
  int epochs = 0;                 // the run's length: config().epochs
};

// trace_step's answer: the batch's progress, as train_batches(1) gives it, and when that has no
// error the recorded step in brief.
struct TracedStep {
  TrainProgress progress;
  StepSummary summary;
};

inline constexpr std::size_t kMaxClassNameLength = 64;

class TrainingSession {
 public:
  TrainingSession();
  ~TrainingSession();

  // IDX files' bytes, uncompressed (MNIST's, Fashion-MNIST's or any with labels 0..9). The
  // training images are split into train and the last twelfth for validation
  // (validation_count_for: MNIST's 55,000 and 5,000). The classes become "0".."highest label"
  // (at least 2) until set_class_names names them; test labels must be among them.
  Status load_training_data(const std::uint8_t* images, std::size_t images_size,
                            const std::uint8_t* labels, std::size_t labels_size);
  Status load_test_data(const std::uint8_t* images, std::size_t images_size,
                        const std::uint8_t* labels, std::size_t labels_size);
  // Names the classes: label i is names[i]. 2 to 10 names of 1 to kMaxClassNameLength bytes,
  // covering every loaded label. The model's output layer must have one unit per class:
  // configure and load_model refuse another count.
  Status set_class_names(std::vector<std::string> names);
  const std::vector<std::string>& class_names() const;
  // The four IDX files' bytes (uncompressed) at once: parsed, checked and swapped in together,
  // so a refused set leaves the data as it was. class_names empty: "0".."highest label".
  struct IdxFiles {
    const std::uint8_t* train_images; std::size_t train_images_size;
    const std::uint8_t* train_labels; std::size_t train_labels_size;
    const std::uint8_t* test_images; std::size_t test_images_size;
    const std::uint8_t* test_labels; std::size_t test_labels_size;
  };
  Status load_idx_datasets(const IdxFiles& files, std::vector<std::string> class_names);
  // Data from elsewhere (a folder of images, core/data/image_folder.h): the training images are
  // split as load_training_data's and the classes named. Nothing changes when it is refused.
  Status load_datasets(Dataset training, Dataset test, std::vector<std::string> class_names);
  int class_count() const;
  int count(Split split) const;
  // One example: (rows*cols) bytes and its label.
  std::vector<std::uint8_t> image(Split split, int index) const;
  int label(Split split, int index) const;

  // The most memory a model may need (core/train/memory_budget.h): configure and load_model
  // refuse a bigger one before allocating it, with a message such as "this model needs 12.4 GiB
  // at batch 4096; the limit is 1.5 GiB: lower the batch size or the filters". Defaults to
  // kDefaultMemoryLimitBytes (1.5 GiB in WebAssembly, 8 GiB natively); must be > 0.
  Status set_memory_limit(std::uint64_t bytes);
  std::uint64_t memory_limit() const;
  // What a config's model would need, in bytes, or the error configure would give.
  Result<std::uint64_t> memory_needed(const TrainConfig& config) const;

  // Builds model and optimizer from the config and initialises the weights from config.seed:
  // the same config always gives the same initial weights and batch order. A refused config
  // (bad values, over the memory limit) leaves the current model as it was; one that fits the
  // limit alone but not beside the current model replaces it only after the current one is freed.
  Status configure(const TrainConfig& config);
  const TrainConfig& config() const;
  std::string model_summary() const;
  std::int64_t parameter_count() const;

  // Trains up to max_batches mini-batches, stopping early at the end of an epoch or when
  // seconds_budget (if > 0) is spent. Needs training data and a configured model.
  TrainProgress train_batches(int max_batches, double seconds_budget = 0);

  // Continues training the current model (configured, trained or loaded from a file) for
  // more_epochs further epochs: keeps the weights, the optimizer state and the position, and sets
  // the run's length, in config() and in the trainer's config, to
  //   epochs done + (1 if an epoch is under way, which is finished first) + more_epochs.
  // The learning-rate schedule reads that length: with cosine, the continued run follows a
  // cosine over the new total (so the rate rises again from near 0 at the old end, then decays
  // to 0 at the new one); constant and step schedules are unaffected. more_epochs must be from 1
  // to kMaxEpochs and the new total at most kMaxEpochs (what a model file may hold); a refused
  // call changes nothing.
  Status extend_run(int more_epochs);

  // Backpropagation against finite differences (core/teach/gradient_check.h) on the current
  // model, over the first kGradientCheckExamples training images. The weights are unchanged.
  Result<GradientCheckReport> gradient_check(const GradientCheckOptions& options);
  // Histograms, gradient norms, dead and saturated units (core/teach/network_health.h) of the
  // current model on the first kHealthExamples validation images. The weights are unchanged.
  Result<NetworkHealth> network_health();

  // Trains exactly one batch, as train_batches(1), and keeps a trace of it (core/teach/
  // step_trace.h) for explain_unit. Any later training, configure, load_model or
  // set_learning_rate drops the trace. A trace that would not fit beside the model in the
  // memory limit is refused before training (progress.error).
  TracedStep trace_step();
  bool has_trace() const;
  // One neuron or filter of the traced step for one example of its batch
  // (core/teach/unit_explanation.h); row, col: a conv output position (-1, -1: the strongest).
  Result<UnitExplanation> explain_unit(int layer, int unit, int example, int row = -1,
                                       int col = -1) const;
  TrainingPosition position() const;
  // Changes the learning rate of the current model, keeping its weights, optimizer state and
  // position: how the page goes back to the weights before a diverged epoch with a lower rate
  // (it loads them, then calls this). The model is rebuilt from its own snapshot, so this is
  // allowed at an epoch boundary only (right after configure, load_model or an epoch's last
  // batch); mid-epoch it is refused, as is a rate the config would refuse ((0, 100]). A refused
  // call changes nothing (but a model too big to be held twice is freed first, as load_model
  // does, and then lost if rebuilding it fails).
  Status set_learning_rate(float learning_rate);
  EvalMetrics evaluate(Split split);

  // 10 class probabilities for one image of (rows*cols) floats in [0, 1]. A wrong count or a
  // non-finite value (NaN, infinity) is an error naming it.
  Result<std::vector<float>> predict(const std::vector<float>& pixels);

  // The outputs of every layer with a spatial output (conv, pooling, and the activations after
  // them) for one image, in layer order.
  Result<std::vector<FeatureMaps>> feature_maps(const std::vector<float>& pixels);

  int layer_count() const;
  // A copy of a layer's weights; rows = 0 for layers without them (or when there is no memory
  // left for the copy).
  LayerWeights layer_weights(int index) const;

  // The model file: spec + config + weights (+ optimizer state), see core/io/model_file.h.
  // Empty when there is no model (or no memory left to write it). load_model checks the memory
  // limit and makes room as configure does.
  std::vector<std::uint8_t> save_model(bool with_optimizer_state) const;
  Status load_model(const std::uint8_t* bytes, std::size_t size);
  // The current model as an ONNX file (core/io/onnx_export.h), or why it cannot be exported.
  Result<std::vector<std::uint8_t>> export_onnx() const;
  // The current model as Python code, framework "pytorch" or "keras" (core/io/code_export.h).
  Result<std::string> export_code(const std::string& framework) const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace mnist
