// A probe: a fixed set of examples the model is run on in evaluation mode (no dropout), to look
// at it without training it: its loss, its gradient, its layers' outputs. Used by the gradient
// check and the network-health report. The model's own buffers are reused, in chunks no larger
// than it was prepared for, so a probe never makes it allocate more; the chunks' results are
// combined into exactly the mean over the whole probe.
#pragma once
#include <cstdint>
#include <functional>
#include <vector>

#include "core/data/dataset.h"
#include "core/model/sequential.h"
#include "core/train/loss.h"

namespace mnist {

struct ProbeBatch {
  int count = 0;
  std::vector<float> x;               // (count, input size)
  std::vector<std::uint8_t> labels;   // (count)
};

// The first `count` examples of data (fewer if it has fewer).
ProbeBatch first_examples(const Dataset& data, int count);

// Mean loss over the probe, accumulated in double. on_chunk(first, n), if given, runs after each
// chunk's forward pass, while model.activation(i) holds that chunk's outputs.
double probe_loss(Sequential& model, LossKind loss, const ProbeBatch& probe,
                  const std::function<void(int first, int n)>& on_chunk = {});

// dL/dθ of the probe's mean loss as a padded block laid out like model.parameters(), without
// weight decay (which training adds after backpropagation). on_chunk as for probe_loss, after
// each chunk's forward and backward passes.
std::vector<float> probe_gradient(Sequential& model, LossKind loss, const ProbeBatch& probe,
                                  const std::function<void(int first, int n)>& on_chunk = {});

}  // namespace mnist
