#include "core/model/flop_count.h"

#include "core/model/layer_shapes.h"
#include "core/train/loss.h"
#include "core/train/optimizer.h"

namespace mnist {
namespace {

using Type = LayerSpec::Type;

// Per-value costs of the activations (see the header's table).
struct ActivationCost {
  std::uint64_t forward, backward;
};
ActivationCost activation_cost(ActivationKind kind) {
  switch (kind) {
    case ActivationKind::kReLU: return {1, 1};
    case ActivationKind::kLeakyReLU: return {2, 2};
    case ActivationKind::kSigmoid: return {4, 3};
    case ActivationKind::kTanh: return {1, 3};
  }
  return {1, 1};
}

// One layer's forward and backward FLOPs per example; `first`: backward computes no dL/dx.
LayerFlops layer_flops(const LayerSpec& ls, Shape in, Shape out, bool first) {
  LayerFlops f;
  f.spec = ModelSpec{Shape{1, 28, 28}, {ls}}.to_string();
  const std::uint64_t x = shape_values(in), y = shape_values(out);
  switch (ls.type) {
    case Type::kDense: {
      const std::uint64_t product = 2 * x * y;  // one (1, in)·(in, out) product
      f.forward = product + y;
      f.backward = product + y + (first ? 0 : product);
      break;
    }
    case Type::kConv: {
      const std::uint64_t F = std::uint64_t(ls.units);
      const std::uint64_t K = std::uint64_t(in.channels) * ls.kernel_h * ls.kernel_w;
      const std::uint64_t P = std::uint64_t(out.height) * std::uint64_t(out.width);
      const std::uint64_t product = 2 * F * K * P;  // one (F, K)·(K, P) product
      f.forward = product + F * P;
      f.backward = product + F * P + (first ? 0 : product + K * P);
      break;
    }
    case Type::kActivation: {
      const ActivationCost cost = activation_cost(ls.activation);
      f.forward = cost.forward * y;
      f.backward = first ? 0 : cost.backward * y;
      break;
    }
    case Type::kSoftmax:
      f.forward = 5 * y - 2;
      f.backward = first ? 0 : 4 * y;
      break;
    case Type::kMaxPool: {
      const std::uint64_t window = std::uint64_t(ls.kernel_h) * ls.kernel_h;
      f.forward = (window - 1) * y;
      f.backward = first ? 0 : y;
      break;
    }
    case Type::kAvgPool: {
      const std::uint64_t window = std::uint64_t(ls.kernel_h) * ls.kernel_h;
      f.forward = window * y;
      f.backward = first ? 0 : (window + 1) * y;
      break;
    }
    case Type::kDropout:
      f.forward = y;
      f.backward = first ? 0 : y;
      break;
    case Type::kFlatten: break;
  }
  return f;
}

std::uint64_t update_flops_per_parameter(OptimizerKind kind) {
  switch (kind) {
    case OptimizerKind::kSgd: return 2;
    case OptimizerKind::kMomentum: return 4;
    case OptimizerKind::kNesterov: return 6;
    case OptimizerKind::kAdam: return 12;
  }
  return 12;
}

// The weights (not the biases) of a layer: what weight decay adds λ·w to.
std::uint64_t decayed_weights(const LayerSpec& ls, Shape in) {
  if (ls.type == Type::kDense) return shape_values(in) * std::uint64_t(ls.units);
  if (ls.type == Type::kConv)
    return std::uint64_t(ls.units) * std::uint64_t(in.channels) * ls.kernel_h * ls.kernel_w;
  return 0;
}

}  // namespace

double TrainingFlops::per_example(int batch) const {
  return double(forward + loss + backward) + double(update) / double(batch > 0 ? batch : 1);
}

Result<TrainingFlops> count_training_flops(const ModelSpec& spec, const TrainConfig& config) {
  auto loss = parse_loss(config.loss);
  if (!loss) return Error{loss.error()};
  auto optimizer = parse_optimizer(config.optimizer);
  if (!optimizer) return Error{optimizer.error()};
  if (spec.layers.empty()) return Error{"model spec has no layers"};

  TrainingFlops flops;
  Shape shape = spec.input;
  std::uint64_t parameters = 0, decayed = 0;
  for (std::size_t i = 0; i < spec.layers.size(); ++i) {
    const LayerSpec& ls = spec.layers[i];
    auto out = layer_output_shape(ls, shape);
    if (!out) return Error{"model spec, layer " + std::to_string(ls.token) + ": " + out.error()};
    flops.layers.push_back(layer_flops(ls, shape, *out, i == 0));
    parameters += layer_parameter_count(ls, shape);
    decayed += decayed_weights(ls, shape);
    shape = *out;
  }

  // The loss on the last layer's output; fused with a softmax (cross-entropy) or a sigmoid
  // (binary cross-entropy) last layer, whose own backward the trainer then skips.
  const LayerSpec& last = spec.layers.back();
  const std::uint64_t classes = shape_values(shape);
  const bool softmax_ce = *loss == LossKind::kCrossEntropy && last.type == Type::kSoftmax;
  const bool sigmoid_bce = *loss == LossKind::kBinaryCrossEntropy &&
                           last.type == Type::kActivation &&
                           last.activation == ActivationKind::kSigmoid;
  flops.loss = (softmax_ce ? 6 : sigmoid_bce ? 10 : 5) * classes;
  if (softmax_ce || sigmoid_bce) flops.layers.back().backward = 0;

  for (const LayerFlops& layer : flops.layers) {
    flops.forward += layer.forward;
    flops.backward += layer.backward;
  }
  flops.update = update_flops_per_parameter(*optimizer) * parameters;
  if (config.weight_decay > 0) flops.update += 2 * decayed;
  return flops;
}

Result<TrainingFlops> count_training_flops(const TrainConfig& config) {
  if (Status s = validate_config(config); !s) return Error{s.error()};
  auto spec = parse_model_spec(config.model_spec);
  if (!spec) return Error{spec.error()};
  return count_training_flops(*spec, config);
}

}  // namespace mnist
