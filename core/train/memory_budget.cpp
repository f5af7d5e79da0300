#include "core/train/memory_budget.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>

#include "core/kernels/gemm.h"
#include "core/layers/conv2d.h"
#include "core/model/layer_shapes.h"
#include "core/train/optimizer.h"
#include "core/util/checked_math.h"
#include "core/util/parallel.h"

namespace mnist {
namespace {

// Allowed per buffer on top of its contents: AlignedBuffer rounds up to 64 bytes, malloc adds
// its header.
constexpr std::uint64_t kRounding = 64;
constexpr std::uint64_t kFloat = sizeof(float);

// One buffer to be: `count` elements per example (per_batch) or in all.
struct Need {
  std::string what;
  int layer = 0;
  SizeKnob knob = SizeKnob::kUnits;
  std::uint64_t count = 0;
  std::uint64_t element_bytes = kFloat;
  bool per_batch = false;
  bool int_indexed = false;  // the activation kernels take its batch·count as an int
};

// Parameters are laid out in blocks of 16 floats (align_floats), computed here in 64 bits: in
// WebAssembly std::size_t is 32 bits wide.
std::uint64_t aligned_floats(std::uint64_t n) { return (n + 15) / 16 * 16; }

std::size_t optimizer_slots(OptimizerKind kind) {
  switch (kind) {
    case OptimizerKind::kSgd: return 0;
    case OptimizerKind::kMomentum:
    case OptimizerKind::kNesterov: return 1;
    case OptimizerKind::kAdam: return 2;
  }
  return 2;
}

// The buffers of every layer, walking the shapes from the input; an error for a layer that does
// not fit its input. Fills budget.output, trainable_parameters and unsupported (parameter caps).
Result<std::vector<Need>> layer_needs(const ModelSpec& spec, MemoryBudget& budget,
                                      std::uint64_t& padded_parameters) {
  std::vector<Need> needs;
  Shape shape = spec.input;
  SizeKnob knob = SizeKnob::kInput;  // what sets the size of the current activations
  std::uint64_t widest = shape_values(shape);
  SizeKnob widest_knob = knob;
  padded_parameters = 0;
  for (std::size_t i = 0; i < spec.layers.size(); ++i) {
    const LayerSpec& ls = spec.layers[i];
    const int layer = int(i) + 1;
    auto out = layer_output_shape(ls, shape);
    if (!out) return Error{"model spec, layer " + std::to_string(ls.token) + ": " + out.error()};
    const std::uint64_t in_values = shape_values(shape), out_values = shape_values(*out);
    const std::uint64_t params = layer_parameter_count(ls, shape);
    // A dense layer's weights grow with its units and its inputs: blame the larger.
    SizeKnob param_knob = SizeKnob::kFilters;
    if (ls.type == LayerSpec::Type::kDense)
      param_knob = in_values > std::uint64_t(ls.units) ? knob : SizeKnob::kUnits;
    if (ls.type == LayerSpec::Type::kConv) knob = SizeKnob::kFilters;
    if (ls.type == LayerSpec::Type::kDense) knob = SizeKnob::kUnits;
    if (params > 0) {
      if (params > kMaxLayerParameters && budget.unsupported.empty())
        budget.unsupported = "model is too large: layer " + std::to_string(layer) + " has " +
                             std::to_string(params) + " parameters";
      budget.trainable_parameters += params;  // < 2^48 per layer: no overflow in practice
      padded_parameters += aligned_floats(params);
      needs.push_back({"parameters and gradients", layer, param_knob, 2 * aligned_floats(params)});
    }
    needs.push_back({"activations", layer, knob, out_values, kFloat, true, true});
    const std::uint64_t pooling_rows = 2 * std::uint64_t(parallel::max_threads());
    switch (ls.type) {
      case LayerSpec::Type::kConv: {
        const std::uint64_t patch = std::uint64_t(shape.channels) * ls.kernel_h * ls.kernel_w;
        const std::uint64_t pixels = std::uint64_t(out->height) * std::uint64_t(out->width);
        const std::uint64_t threads = std::uint64_t(parallel::max_threads());
        needs.push_back({"convolution scratch per thread", layer, knob,
                         threads * Conv2D::thread_scratch_floats(std::uint64_t(ls.units), patch, pixels)});
        break;
      }
      case LayerSpec::Type::kMaxPool:
        needs.push_back({"pooling indices", layer, knob, out_values, sizeof(std::int32_t), true});
        needs.push_back({"pooling row scratch", layer, knob, pooling_rows * std::uint64_t(shape.width)});
        break;
      case LayerSpec::Type::kAvgPool:
        needs.push_back({"pooling row scratch", layer, knob, pooling_rows * std::uint64_t(shape.width)});
        break;
      case LayerSpec::Type::kDropout:
        needs.push_back({"dropout mask", layer, knob, out_values, kFloat, true});
        break;
      default: break;
    }
    if (out_values > widest) widest = out_values, widest_knob = knob;
    shape = *out;
  }
  budget.output = shape;
  needs.push_back({"activation gradient A", 0, widest_knob, widest, kFloat, true, true});
  needs.push_back({"activation gradient B", 0, widest_knob, widest, kFloat, true, true});
  return needs;
}

// The trainer's own buffers (trainer.cpp) and the GEMM's packing scratch.
void trainer_needs(const ModelSpec& spec, Shape output, std::vector<Need>& needs) {
  const std::uint64_t in = shape_values(spec.input);
  needs.push_back({"input batch", 0, SizeKnob::kInput, in, kFloat, true});
  needs.push_back({"loss gradient", 0, SizeKnob::kUnits, shape_values(output), kFloat, true});
  needs.push_back({"labels", 0, SizeKnob::kUnits, 1, 1, true});
  needs.push_back({"augmentation scratch", 0, SizeKnob::kInput, in});
  needs.push_back({"GEMM packing", 0, SizeKnob::kUnits,
                   kernels::gemm_workspace_bytes() * std::uint64_t(parallel::max_threads()), 1});
}

Error overflow(int batch) {
  return Error{"this model's memory needs overflow 64-bit sizes at batch " +
               std::to_string(batch) + ": lower the batch size or the size of its layers"};
}

}  // namespace

const char* size_knob_name(SizeKnob knob) {
  switch (knob) {
    case SizeKnob::kInput: return "input size";
    case SizeKnob::kFilters: return "filters";
    case SizeKnob::kUnits: return "units";
  }
  return "layers";
}

int evaluation_batch(std::uint64_t bytes_per_example) {
  const std::uint64_t fits = kEvaluationBudgetBytes / std::max<std::uint64_t>(bytes_per_example, 1);
  return int(std::clamp<std::uint64_t>(fits, 1, kMaxEvaluationBatch));
}

Result<MemoryBudget> estimate_training_memory(const ModelSpec& spec, const TrainConfig& config) {
  auto optimizer = parse_optimizer(config.optimizer);
  if (!optimizer) return Error{optimizer.error()};
  if (config.batch_size < 1)
    return Error{"batch size must be at least 1, got " + std::to_string(config.batch_size)};
  MemoryBudget budget;
  budget.batch_size = config.batch_size;
  std::uint64_t padded_parameters = 0;
  auto needs = layer_needs(spec, budget, padded_parameters);
  if (!needs) return Error{needs.error()};
  const std::size_t slots = optimizer_slots(*optimizer);
  if (slots > 0)
    needs->push_back({"optimizer state", 0, SizeKnob::kUnits, slots * padded_parameters});
  trainer_needs(spec, budget.output, *needs);

  // The per-batch buffers decide the evaluation chunk, which with the batch size decides B.
  for (const Need& n : *needs) {
    std::uint64_t bytes = 0;
    if (!n.per_batch) continue;
    if (!checked_mul(n.count, n.element_bytes, bytes) ||
        !checked_add(budget.bytes_per_example, bytes, budget.bytes_per_example))
      return overflow(config.batch_size);
  }
  budget.evaluation_batch = evaluation_batch(budget.bytes_per_example);
  budget.buffer_batch = std::max(config.batch_size, budget.evaluation_batch);
  const std::uint64_t batch = std::uint64_t(budget.buffer_batch);

  for (const Need& n : *needs) {
    std::uint64_t elements = n.count, bytes = 0;
    if (n.per_batch && !checked_mul(n.count, batch, elements)) return overflow(config.batch_size);
    if (!checked_product({elements, n.element_bytes}, bytes) ||
        !checked_add(bytes, kRounding, bytes) ||
        !checked_add(budget.total_bytes, bytes, budget.total_bytes))
      return overflow(config.batch_size);
    budget.items.push_back({n.what, n.layer, bytes, n.per_batch, n.knob});
    if (n.int_indexed && elements > kMaxValuesPerExample && budget.unsupported.empty())
      budget.unsupported = "layer " + std::to_string(n.layer) + "'s " + n.what + " at batch " +
                           std::to_string(budget.buffer_batch) + " hold " +
                           std::to_string(elements) + " values, more than one buffer can in " +
                           "this engine (" + std::to_string(kMaxValuesPerExample) +
                           "): lower the batch size or the " + size_knob_name(n.knob);
  }
  if (padded_parameters > kMaxValuesPerExample && budget.unsupported.empty())
    budget.unsupported = "the model has " + std::to_string(budget.trainable_parameters) +
                         " parameters, more than this engine handles (" +
                         std::to_string(kMaxValuesPerExample) + "): lower the units or filters";
  return budget;
}

Result<MemoryBudget> estimate_training_memory(const TrainConfig& config) {
  if (Status s = validate_config(config); !s) return Error{s.error()};
  auto spec = parse_model_spec(config.model_spec);
  if (!spec) return Error{spec.error()};
  return estimate_training_memory(*spec, config);
}

Status check_memory_budget(const MemoryBudget& budget, std::uint64_t limit_bytes) {
  // Where std::size_t has 32 bits (WebAssembly), the layers' size_t products of sizes stay exact
  // only while everything fits in it: no limit reaches past that.
  if (limit_bytes > SIZE_MAX) limit_bytes = SIZE_MAX;
  if (budget.total_bytes > limit_bytes) {
    // The knob whose buffers weigh most, and whether those grow with the batch.
    std::uint64_t per_batch[3] = {}, fixed[3] = {};
    for (const MemoryItem& item : budget.items)
      (item.per_batch ? per_batch : fixed)[int(item.knob)] += item.bytes;
    int worst = 0;
    for (int k = 1; k < 3; ++k)
      if (per_batch[k] + fixed[k] > per_batch[worst] + fixed[worst]) worst = k;
    // The input's size is the data's, not a choice: then only the batch size can give.
    const std::string knob = size_knob_name(SizeKnob(worst));
    const std::string advice = SizeKnob(worst) == SizeKnob::kInput ? "lower the batch size"
                               : per_batch[worst] >= fixed[worst]
                                   ? "lower the batch size or the " + knob
                                   : "lower the " + knob;
    return Error{"this model needs " + format_bytes(budget.total_bytes, true) + " at batch " +
                 std::to_string(budget.batch_size) + "; the limit is " +
                 format_bytes(limit_bytes, false) + ": " + advice};
  }
  if (!budget.unsupported.empty()) return Error{budget.unsupported};
  return Status::Ok();
}

std::string format_bytes(std::uint64_t bytes, bool round_up) {
  const bool gib = bytes >= kGiB - kGiB / 20;  // 0.95 GiB and up: "1 GiB" rather than "973 MiB"
  const double tenths = double(bytes) / double(gib ? kGiB : kMiB) * 10;
  const double shown = round_up ? std::ceil(tenths) : std::round(tenths);
  char text[64];
  if (std::fmod(shown, 10) == 0)
    std::snprintf(text, sizeof text, "%.0f %s", shown / 10, gib ? "GiB" : "MiB");
  else
    std::snprintf(text, sizeof text, "%.1f %s", shown / 10, gib ? "GiB" : "MiB");
  return text;
}

}  // namespace mnist
