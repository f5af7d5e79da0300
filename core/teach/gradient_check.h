// Gradient check: is backpropagation right? For a few parameters θ of every layer with weights,
// the gradient backpropagation gives is compared with a central finite difference of the loss:
//   numeric = (L(θ + h) - L(θ - h)) / 2h          relative error = |g - n| / max(|g|, |n|, 1e-10)
// on a fixed small batch, in evaluation mode (no dropout), without weight decay (training adds
// λw after backpropagation: there is nothing to check in it).
//
// The engine computes in float32: L(θ ± h) carries rounding noise of about 1e-7 of the logits
// (measured ~3e-8 on the mean loss of 16 images), so over a tiny h the difference is mostly
// noise; over a large one, curvature and kinks dominate. What keeps it honest at float32:
//   - the loss accumulated in double over the batch (the loss functions return it);
//   - h = 0.3·|θ| clamped to [0.015, 0.03]: large enough for the noise, small for curvature
//     (measured on the seed MLP: a fixed relative step of 1e-2 gave errors up to 1e-2, this
//     one 3.5e-4; see tests/native/gradient_check_test.cpp);
//   - parameters drawn among those whose |gradient| is at least 0.3 of the layer's largest: a
//     gradient of 1e-9 (a weight of a pixel that is 0 in every image) has no digits left to
//     compare, and its relative error says nothing;
//   - kinks: every ReLU's sign and every max-pool's choice over the batch is compared at θ and
//     θ ± h. None changed: the loss is smooth over the step. A few changed (at most 1e-4 of
//     them, a convolution's many positions): the difference is kept if halving h changes it by
//     at most 1e-4. More, or a larger change: h is quartered (up to 4 times), then another
//     parameter is drawn (`redrawn`). These tests compare finite differences with each other,
//     never with backprop, so a wrong backprop still fails.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/model/sequential.h"
#include "core/teach/probe.h"

namespace mnist {

// The batch the session checks on (its first training images) and the most checks per layer.
inline constexpr int kGradientCheckExamples = 16;
inline constexpr int kMaxGradientChecksPerLayer = 50;

struct GradientCheckOptions {
  int per_layer = 5;                    // parameters checked per layer with weights (1 bias in 5)
  std::uint64_t seed = 1;               // which parameters
  double relative_step = 0.3;           // h = relative_step·|θ| within [min_step, max_step]
  double min_step = 0.015, max_step = 0.03;
  double min_gradient_fraction = 0.3;
  double kink_tolerance = 1e-4;
  double kink_fraction = 1e-4;
};

struct GradientCheckEntry {
  std::size_t parameter = 0;  // index in the layer's parameters (weights, then biases)
  std::string name;           // "w[12,345]", "w[3,0,2,1]" (conv: filter, channel, row, col), "b[7]"
  double backprop = 0, numeric = 0, step = 0, relative_error = 0;
};

struct LayerGradientCheck {
  int index = 0;
  std::string kind;
  std::vector<GradientCheckEntry> checks;
  double max_relative_error = 0;
  int redrawn = 0;    // parameters passed over because kinks lay within the step
  int unchecked = 0;  // checks asked for that could not be made (no kink-free parameter found,
                      // or no gradient at all): max_relative_error is over the others
};

struct GradientCheckReport {
  int examples = 0;
  GradientCheckOptions options;
  std::vector<LayerGradientCheck> layers;
  double max_relative_error = 0;
};

// Checks `backprop` (a padded block laid out like model.parameters(), e.g. probe_gradient's)
// against finite differences of the probe's loss. The model's parameters are restored exactly.
GradientCheckReport check_gradients(Sequential& model, LossKind loss, const ProbeBatch& probe,
                                    const std::vector<float>& backprop,
                                    const GradientCheckOptions& options);

// The same with the model's own backpropagation.
GradientCheckReport gradient_check(Sequential& model, LossKind loss, const ProbeBatch& probe,
                                   const GradientCheckOptions& options);

}  // namespace mnist
