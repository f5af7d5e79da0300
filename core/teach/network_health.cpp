#include "core/teach/network_health.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/teach/step_trace.h"

namespace mnist {
namespace {

// A histogram filled in two sweeps over the same values: first the range, then the counts.
class RangeHistogram {
 public:
  void widen(const float* v, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i)
      if (std::isfinite(v[i])) lo_ = std::min(lo_, v[i]), hi_ = std::max(hi_, v[i]);
  }
  void count(const float* v, std::size_t n) {
    if (counts_.empty()) counts_.assign(kHistogramBins, 0);
    const double width = double(hi_) - double(lo_);
    for (std::size_t i = 0; i < n; ++i) {
      if (!std::isfinite(v[i])) continue;
      const int bin = width > 0 ? int((double(v[i]) - lo_) / width * kHistogramBins) : 0;
      ++counts_[std::min(bin, kHistogramBins - 1)];
    }
  }
  Histogram result() const {
    Histogram h;
    h.min = lo_ <= hi_ ? lo_ : 0;
    h.max = lo_ <= hi_ ? hi_ : 0;
    h.counts = counts_.empty() ? std::vector<int>(kHistogramBins, 0) : counts_;
    return h;
  }

 private:
  float lo_ = std::numeric_limits<float>::infinity();
  float hi_ = -std::numeric_limits<float>::infinity();
  std::vector<int> counts_;
};

// Per unit (neuron, or channel over its positions) of an activation layer: was it ever
// positive (ReLU), how many of its outputs were near the bounds (sigmoid, tanh).
struct UnitTally {
  std::string activation;
  int units = 0, positions = 0;
  std::vector<char> alive;
  std::vector<long> near_bounds;
  long outputs_per_unit = 0;

  void add(const float* y, int n) {
    for (int b = 0; b < n; ++b)
      for (int u = 0; u < units; ++u) {
        const float* out = y + (std::size_t(b) * units + u) * positions;
        for (int p = 0; p < positions; ++p) {
          if (activation == "relu") alive[u] |= out[p] > 0;
          if (activation == "sigmoid")
            near_bounds[u] += out[p] < kSaturationMargin || out[p] > 1 - kSaturationMargin;
          if (activation == "tanh") near_bounds[u] += std::fabs(out[p]) > 1 - kSaturationMargin;
        }
      }
    outputs_per_unit += long(n) * positions;
  }
  double dead_percent() const {
    return 100.0 * double(std::count(alive.begin(), alive.end(), 0)) / units;
  }
  double saturated_percent() const {
    const auto saturated = std::count_if(near_bounds.begin(), near_bounds.end(),
                                         [&](long k) { return 2 * k > outputs_per_unit; });
    return 100.0 * double(saturated) / units;
  }
};

}  // namespace

Histogram histogram(const float* values, std::size_t n) {
  RangeHistogram h;
  h.widen(values, n);
  h.count(values, n);
  return h.result();
}

NetworkHealth network_health(Sequential& model, LossKind loss, const ProbeBatch& probe) {
  const int layers = model.layer_count();
  std::vector<RangeHistogram> outputs(layers);
  std::vector<UnitTally> tallies(layers);
  for (int i = 0; i < layers; ++i) {
    const Shape out = model.layer(i).output_shape();
    UnitTally& t = tallies[i];
    t.activation = activation_name(model.layer(i));
    t.units = out.channels;
    t.positions = out.height * out.width;
    t.alive.assign(t.units, 0);
    t.near_bounds.assign(t.units, 0);
  }
  auto output_of = [&](int i, int n) {
    return std::make_pair(model.activation(i), std::size_t(n) * model.layer(i).output_shape().size());
  };
  // Sweep 1: the outputs' ranges. Sweep 2 (with backpropagation): their counts and the tallies.
  probe_loss(model, loss, probe, [&](int, int n) {
    for (int i = 0; i < layers; ++i) {
      const auto [values, count] = output_of(i, n);
      outputs[i].widen(values, count);
    }
  });
  const std::vector<float> gradient = probe_gradient(model, loss, probe, [&](int, int n) {
    for (int i = 0; i < layers; ++i) {
      const auto [values, count] = output_of(i, n);
      outputs[i].count(values, count);
      tallies[i].add(values, n);
    }
  });

  NetworkHealth health;
  health.examples = probe.count;
  for (int i = 0; i < layers; ++i) {
    const Layer& layer = model.layer(i);
    LayerHealth h;
    h.index = i;
    h.kind = layer.kind();
    h.spec = layer.spec();
    h.activations = outputs[i].result();
    if (layer.parameter_count() > 0) {
      const std::size_t at = model.parameter_offset(i) + layer.decayed_offset();
      h.weights = histogram(model.parameters() + at, layer.decayed_count());
      h.gradients = histogram(gradient.data() + at, layer.decayed_count());
      double sum = 0;
      const float* g = gradient.data() + model.parameter_offset(i);
      for (std::size_t k = 0; k < layer.parameter_count(); ++k) sum += double(g[k]) * g[k];
      h.gradient_norm = std::sqrt(sum);
    }
    if (tallies[i].activation == "relu") h.dead_percent = tallies[i].dead_percent();
    if (tallies[i].activation == "sigmoid" || tallies[i].activation == "tanh")
      h.saturated_percent = tallies[i].saturated_percent();
    health.layers.push_back(std::move(h));
  }
  return health;
}

}  // namespace mnist
