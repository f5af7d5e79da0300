#include "core/teach/gradient_check.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include "core/layers/conv2d.h"
#include "core/layers/dense.h"
#include "core/layers/pool2d.h"
#include "core/util/rng.h"

namespace mnist {
namespace {

constexpr double kTiny = 1e-10;
constexpr int kMaxDraws = 20;
constexpr int kShrinks = 4;    // a step crossing kinks is tried again at 1/4, 1/16, ... of it

double relative_error(double a, double b) {
  return std::fabs(a - b) / std::max({std::fabs(a), std::fabs(b), kTiny});
}

// "w[row,col]", "w[filter,channel,row,col]" or "b[unit]" for parameter k of the layer.
std::string parameter_name(const Layer& layer, std::size_t k) {
  const std::size_t weights = layer.decayed_count();
  if (k >= weights) return "b[" + std::to_string(k - weights) + "]";
  if (const auto* dense = dynamic_cast<const Dense*>(&layer)) {
    const std::size_t in = dense->inputs();
    return "w[" + std::to_string(k / in) + "," + std::to_string(k % in) + "]";
  }
  if (const auto* conv = dynamic_cast<const Conv2D*>(&layer)) {
    const Conv2DOptions& o = conv->options();
    const std::size_t kx = k % o.kernel_w, ky = k / o.kernel_w % o.kernel_h;
    const std::size_t c = k / (std::size_t(o.kernel_w) * o.kernel_h) % conv->input_shape().channels;
    const std::size_t f = k / (std::size_t(o.kernel_w) * o.kernel_h * conv->input_shape().channels);
    return "w[" + std::to_string(f) + "," + std::to_string(c) + "," + std::to_string(ky) + "," +
           std::to_string(kx) + "]";
  }
  return "θ[" + std::to_string(k) + "]";
}

// The piecewise-linear choices a forward pass over the probe made: whether each input of every
// ReLU / leaky ReLU was positive, which input every max-pool window took. Between two parameter
// values that make the same choices the loss is smooth (no kink lies between them).
using Choices = std::vector<std::int32_t>;

void add_choices(const Sequential& model, const float* x, int n, Choices& out) {
  for (int i = 0; i < model.layer_count(); ++i) {
    const Layer& layer = model.layer(i);
    const std::string kind = layer.kind();
    if (kind == "ReLU" || kind == "LeakyReLU") {
      const float* in = i == 0 ? x : model.activation(i - 1);
      const std::size_t count = std::size_t(n) * layer.input_shape().size();
      for (std::size_t k = 0; k < count; ++k) out.push_back(in[k] > 0);
    } else if (const auto* pool = dynamic_cast<const Pool2D*>(&layer)) {
      if (const std::int32_t* where = pool->max_positions())
        out.insert(out.end(), where, where + std::size_t(n) * layer.output_shape().size());
    }
  }
}

struct Evaluation {
  double loss = 0;
  Choices choices;
};

Evaluation evaluate(Sequential& model, LossKind loss, const ProbeBatch& probe) {
  Evaluation e;
  const std::size_t input = model.input_shape().size();
  e.loss = probe_loss(model, loss, probe, [&](int first, int n) {
    add_choices(model, probe.x.data() + std::size_t(first) * input, n, e.choices);
  });
  return e;
}

std::size_t changes(const Choices& a, const Choices& b) {
  std::size_t n = 0;
  for (std::size_t k = 0; k < a.size(); ++k) n += a[k] != b[k];
  return n;
}

struct Difference {
  double value = 0;      // (L(θ + h) - L(θ - h)) / 2h
  double step = 0;       // h
  std::size_t kinks = 0;  // choices that differ from θ's at θ - h or θ + h
};

// The central difference over the step float rounding actually took; θ restored after.
Difference central_difference(Sequential& model, LossKind loss, const ProbeBatch& probe,
                              float* theta, double h, const Choices& at_theta) {
  const float original = *theta;
  *theta = float(original + h);
  const float up = *theta;
  const Evaluation at_up = evaluate(model, loss, probe);
  *theta = float(original - h);
  const float down = *theta;
  const Evaluation at_down = evaluate(model, loss, probe);
  *theta = original;
  return {(at_up.loss - at_down.loss) / (double(up) - double(down)), h,
          changes(at_up.choices, at_theta) + changes(at_down.choices, at_theta)};
}

// The central difference at θ over a step no kink spoils (see the header), or nothing.
std::optional<Difference> kink_free_difference(Sequential& model, LossKind loss,
                                               const ProbeBatch& probe, float* theta,
                                               const Choices& at_theta, std::size_t kink_budget,
                                               const GradientCheckOptions& options) {
  double h = std::clamp(options.relative_step * std::fabs(*theta), options.min_step,
                        options.max_step);
  for (int shrink = 0; shrink <= kShrinks; ++shrink, h /= 4) {  // fewer kinks in a shorter step
    const Difference full = central_difference(model, loss, probe, theta, h, at_theta);
    if (full.kinks == 0) return full;
    if (full.kinks > kink_budget) continue;
    // A convolution's every position sees each weight, so a few units may switch by a hair at
    // any step, shifting the difference by little: kept if halving the step changes it by no
    // more than kink_tolerance.
    const Difference half = central_difference(model, loss, probe, theta, h / 2, at_theta);
    if (relative_error(full.value, half.value) <= options.kink_tolerance) return full;
  }
  return std::nullopt;
}

// Indices in [first, last) of the layer's block whose |gradient| is at least `fraction` of the
// largest there.
std::vector<std::size_t> candidates(const float* g, std::size_t first, std::size_t last,
                                    double fraction) {
  double largest = 0;
  for (std::size_t k = first; k < last; ++k) largest = std::max(largest, double(std::fabs(g[k])));
  std::vector<std::size_t> out;
  for (std::size_t k = first; k < last; ++k)
    if (largest > 0 && std::fabs(g[k]) >= fraction * largest) out.push_back(k);
  return out;
}

}  // namespace

GradientCheckReport check_gradients(Sequential& model, LossKind loss, const ProbeBatch& probe,
                                    const std::vector<float>& backprop,
                                    const GradientCheckOptions& options) {
  GradientCheckReport report;
  report.examples = probe.count;
  report.options = options;
  Rng rng(options.seed);
  const Choices choices = evaluate(model, loss, probe).choices;
  // A step may cross this many kinks (and no more) if halving it changes little.
  const std::size_t kink_budget = std::size_t(options.kink_fraction * double(choices.size()));
  for (int i = 0; i < model.layer_count(); ++i) {
    const Layer& layer = model.layer(i);
    const std::size_t count = layer.parameter_count();
    if (count == 0) continue;
    const std::size_t offset = model.parameter_offset(i);
    const float* g = backprop.data() + offset;
    const std::size_t weights = layer.decayed_count();
    // One draw in five is a bias (at least one when two or more are asked for).
    const int biases = options.per_layer >= 2 ? std::max(1, options.per_layer / 5) : 0;
    const std::vector<std::size_t> pools[2] = {
        candidates(g, 0, weights, options.min_gradient_fraction),
        candidates(g, weights, count, options.min_gradient_fraction)};
    LayerGradientCheck checked;
    checked.index = i;
    checked.kind = layer.kind();
    for (int draw = 0; draw < options.per_layer; ++draw) {
      const bool want_bias = draw >= options.per_layer - biases;
      const std::vector<std::size_t>& pool =
          (want_bias && !pools[1].empty()) || pools[0].empty() ? pools[1] : pools[0];
      if (pool.empty()) {  // a layer whose gradient is 0 everywhere: nothing to compare
        ++checked.unchecked;
        continue;
      }
      for (int attempt = 0; attempt < kMaxDraws; ++attempt) {
        const std::size_t k = pool[rng.below(std::uint32_t(pool.size()))];
        float* theta = model.parameters() + offset + k;
        const std::optional<Difference> numeric =
            kink_free_difference(model, loss, probe, theta, choices, kink_budget, options);
        if (!numeric) {
          ++checked.redrawn;
          if (attempt + 1 == kMaxDraws) ++checked.unchecked;
          continue;
        }
        GradientCheckEntry e;
        e.parameter = k;
        e.name = parameter_name(layer, k);
        e.backprop = g[k];
        e.numeric = numeric->value;
        e.step = numeric->step;
        e.relative_error = relative_error(e.backprop, e.numeric);
        checked.max_relative_error = std::max(checked.max_relative_error, e.relative_error);
        checked.checks.push_back(e);
        break;
      }
    }
    report.max_relative_error = std::max(report.max_relative_error, checked.max_relative_error);
    report.layers.push_back(std::move(checked));
  }
  return report;
}

GradientCheckReport gradient_check(Sequential& model, LossKind loss, const ProbeBatch& probe,
                                   const GradientCheckOptions& options) {
  return check_gradients(model, loss, probe, probe_gradient(model, loss, probe), options);
}

}  // namespace mnist
