// The memory a training run will need, computed from the model spec and the config before
// anything is allocated, so that a model too big for the machine (or for the 2 GiB WebAssembly
// heap) is refused with one message instead of failing half-way through allocating:
//   this model needs 210.4 GiB at batch 4096; the limit is 8 GiB: lower the batch size or the filters
// Trainer::create checks it, so every way a config becomes a model (the CLI, TrainingSession's
// configure and load_model, model files) goes through it.
//
// What is counted, read off the layers and the trainer (B = the batch the buffers are sized for:
// max(batch size, evaluation batch); in/out = values per example of a layer's input/output; P = a
// layer's parameters; floats are 4 bytes and every buffer is allowed 64 bytes of rounding):
//   every layer   its output activation, kept for backward           B·out floats     (Sequential)
//   dense         parameters and their gradients                     2·align16(out·in + out) floats
//   conv          parameters and their gradients                     2·align16(F·C·Kh·Kw + F) floats
//                 per thread T (parallel::max_threads()), for one chunk of n images
//                 (Conv2D::chunk_images): its output by filter, its im2col (then col2im)
//                 columns and the thread's dW, db sums T·(F·n·Ho·Wo + C·Kh·Kw·n·Ho·Wo + F·C·Kh·Kw + F) floats
//   maxpool       the index of each maximum                          B·out int32
//                 per thread, a row of column maxima and their rows  2·T·W floats (W: input width)
//   avgpool       per thread, a row of column sums                   2·T·W floats
//   dropout       the mask of the last training pass                 B·out floats
//   relu, leaky_relu, sigmoid, tanh, softmax, flatten: their output only
// Model-wide:
//   activation gradients  two ping-pong buffers (dL/dy in one, dL/dx into the other)
//                         2·B·widest floats (widest: the input or any layer's output)
//   optimizer state       sgd none; momentum, nesterov 1×; adam 2× the padded parameter block
//   trainer               the input batch B·in floats, the loss gradient (softmax/loss scratch)
//                         B·classes floats, labels B bytes, one image of augmentation scratch
//   GEMM packing          a constant per thread the build can run (kernels::gemm_workspace_bytes,
//                         ~2.4 MB, times parallel::max_threads())
// Not counted: the datasets (held by whoever loaded them: ~55 MB for MNIST as bytes), per-call
// results (metrics, predictions) and a model file being written.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/layers/layer.h"
#include "core/model/model_spec.h"
#include "core/train/train_config.h"
#include "core/util/result.h"

namespace mnist {

inline constexpr std::uint64_t kMiB = std::uint64_t(1) << 20;
inline constexpr std::uint64_t kGiB = std::uint64_t(1) << 30;

// The default limit on what one model may need. In WebAssembly the whole heap may grow to 2 GiB
// (-sMAXIMUM_MEMORY=2GB); the datasets take ~55 MB there once loaded (~150 MB while being
// parsed) and the runtime some more, so a model gets 1.5 GiB. Natively 8 GiB, which the CLI's
// --memory-limit overrides.
#ifdef __EMSCRIPTEN__
inline constexpr std::uint64_t kDefaultMemoryLimitBytes = 3 * kGiB / 2;
#else
inline constexpr std::uint64_t kDefaultMemoryLimitBytes = 8 * kGiB;
#endif

// Evaluation runs in chunks of up to this many images (fewer, larger GEMMs)...
inline constexpr int kMaxEvaluationBatch = 256;
// ...unless the chunk alone would need more than this; then it shrinks (down to the training
// batch), so that "lower the batch size" always lowers what a model needs.
inline constexpr std::uint64_t kEvaluationBudgetBytes = 128 * kMiB;

// What a user can lower to make a model smaller, besides the batch size.
enum class SizeKnob { kInput, kFilters, kUnits };
const char* size_knob_name(SizeKnob knob);  // "input size", "filters", "units"

struct MemoryItem {
  std::string what;        // "activations", "parameters and gradients", ...
  int layer = 0;           // 1-based position in the model; 0 for model-wide items
  std::uint64_t bytes = 0;
  bool per_batch = false;  // grows with the batch size
  SizeKnob knob = SizeKnob::kUnits;  // the layer size that drives it (conv filters, dense units)
};

struct MemoryBudget {
  int batch_size = 0;        // the training batch (config)
  int evaluation_batch = 0;  // images per evaluation chunk
  int buffer_batch = 0;      // the batch every per-example buffer is sized for: the larger two
  Shape output;              // the model's output shape
  std::uint64_t trainable_parameters = 0;
  std::uint64_t bytes_per_example = 0;  // of the per-batch buffers
  std::uint64_t total_bytes = 0;
  std::vector<MemoryItem> items;
  // Non-empty when a buffer is beyond what the engine's int sizes can address, or a layer has
  // more parameters than a model may (kMaxLayerParameters); reported by check_memory_budget
  // after the limit (the usual reason).
  std::string unsupported;
};

// Walks the spec's layers from spec.input and adds up the buffers above for config.batch_size
// and config.optimizer. Errors: a layer that does not fit its input (the message Sequential::build
// gives), or sizes beyond 64 bits. Every product of sizes is checked (core/util/checked_math.h).
Result<MemoryBudget> estimate_training_memory(const ModelSpec& spec, const TrainConfig& config);
// The same, parsing config.model_spec (and validating the config) first.
Result<MemoryBudget> estimate_training_memory(const TrainConfig& config);

// OK when the budget fits in limit_bytes and the engine can address it; otherwise one message:
//   "this model needs 12.4 GiB at batch 4096; the limit is 2 GiB: lower the batch size or the filters"
// ("the units" when dense layers dominate; "lower the units" alone when the parameters, which
// the batch size does not change, dominate; "lower the batch size" alone when the input batch
// and buffers as wide as the input dominate, since the input's size is the data's).
Status check_memory_budget(const MemoryBudget& budget, std::uint64_t limit_bytes);

// "12.4 GiB", "2 GiB", "300 MiB": one decimal at most; round_up for a need (never shown smaller
// than it is), to nearest for a limit.
std::string format_bytes(std::uint64_t bytes, bool round_up);

// Images per evaluation chunk for a model needing bytes_per_example in its per-batch buffers: up
// to kMaxEvaluationBatch within kEvaluationBudgetBytes, at least 1.
int evaluation_batch(std::uint64_t bytes_per_example);

}  // namespace mnist
