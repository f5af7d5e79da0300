// Network health: how the layers of the current model look on a fixed probe batch (the first
// kHealthExamples validation images, evaluation mode), for spotting the classic failures:
//   weights      a histogram per layer with weights (weights only, not biases)
//   activations  a histogram of every layer's outputs over the probe
//   gradients    a histogram of dL/dw of the probe's mean loss (no weight decay) and its L2 norm
//                (weights and biases): norms shrinking layer after layer towards the input are
//                vanishing gradients; huge ones, exploding gradients
//   dead         ReLU layers: % of units that output 0 for every probe example (a unit is a
//                neuron of a dense layer, a channel of a convolution: all its positions). A dead
//                unit gets no gradient, so it never comes back
//   saturated    sigmoid / tanh layers: % of units whose outputs lie within kSaturationMargin of
//                the function's bounds (sigmoid 0 and 1, tanh -1 and 1) for more than half of the
//                probe outputs: there the slope is ~0 and the unit barely learns
// Histograms have kHistogramBins equal bins over [min, max] of their finite values.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/model/sequential.h"
#include "core/teach/probe.h"

namespace mnist {

inline constexpr int kHealthExamples = 256;
inline constexpr int kHistogramBins = 24;
inline constexpr float kSaturationMargin = 0.02f;

struct Histogram {
  float min = 0, max = 0;
  std::vector<int> counts;  // kHistogramBins; a value v falls in bin (v - min) / (max - min) · bins
};

struct LayerHealth {
  int index = 0;
  std::string kind, spec;
  std::optional<Histogram> weights, gradients;  // layers with weights only
  Histogram activations;
  std::optional<double> gradient_norm;
  std::optional<double> dead_percent;       // ReLU layers only
  std::optional<double> saturated_percent;  // sigmoid and tanh layers only
};

struct NetworkHealth {
  int examples = 0;
  std::vector<LayerHealth> layers;
};

NetworkHealth network_health(Sequential& model, LossKind loss, const ProbeBatch& probe);

// Histogram of the finite values among values[0..n), kHistogramBins bins (for tests too).
Histogram histogram(const float* values, std::size_t n);

}  // namespace mnist
