#include "core/teach/probe.h"

#include <algorithm>

#include "core/train/output_loss.h"

namespace mnist {
namespace {

// Runs the forward pass on probe examples [first, first + n) and returns its loss, with the
// gradient that starts backpropagation in grad (if not null) and the layer it starts at.
OutputLoss forward_chunk(Sequential& model, LossKind loss, const ProbeBatch& probe, int first,
                         int n, float* grad) {
  const float* x = probe.x.data() + std::size_t(first) * model.input_shape().size();
  model.forward(x, n, PassContext{false, nullptr});
  const int last = model.layer_count() - 1;
  const float* logits = last > 0 ? model.activation(last - 1) : x;
  return output_loss(loss, model.layer(last), logits, model.activation(last),
                     probe.labels.data() + first, n, model.output_shape().size(), grad);
}

int chunk_size(const Sequential& model) { return std::max(1, model.max_batch()); }

}  // namespace

ProbeBatch first_examples(const Dataset& data, int count) {
  ProbeBatch probe;
  probe.count = int(std::min<std::size_t>(std::size_t(std::max(count, 0)), data.size()));
  probe.x.resize(std::size_t(probe.count) * data.image_size());
  probe.labels.resize(probe.count);
  if (probe.count > 0) data.gather_range(0, probe.count, probe.x.data(), probe.labels.data());
  return probe;
}

double probe_loss(Sequential& model, LossKind loss, const ProbeBatch& probe,
                  const std::function<void(int, int)>& on_chunk) {
  double total = 0;
  for (int first = 0; first < probe.count; first += chunk_size(model)) {
    const int n = std::min(chunk_size(model), probe.count - first);
    total += forward_chunk(model, loss, probe, first, n, nullptr).loss * n;
    if (on_chunk) on_chunk(first, n);
  }
  return probe.count ? total / probe.count : 0;
}

std::vector<float> probe_gradient(Sequential& model, LossKind loss, const ProbeBatch& probe,
                                  const std::function<void(int, int)>& on_chunk) {
  const std::size_t n_params = model.parameter_count();
  std::vector<double> sum(n_params, 0.0);
  std::vector<float> d_output;
  const int classes = model.output_shape().size();
  for (int first = 0; first < probe.count; first += chunk_size(model)) {
    const int n = std::min(chunk_size(model), probe.count - first);
    d_output.resize(std::size_t(n) * classes);
    const OutputLoss out = forward_chunk(model, loss, probe, first, n, d_output.data());
    const int from = out.fused ? model.layer_count() - 2 : model.layer_count() - 1;
    const float* x = probe.x.data() + std::size_t(first) * model.input_shape().size();
    if (from >= 0) model.backward(x, d_output.data(), from, n);
    // Each chunk's gradient is of its own mean: weighted by its share of the probe.
    const double share = double(n) / probe.count;
    const float* g = model.gradients();
    for (std::size_t i = 0; i < n_params; ++i) sum[i] += share * g[i];
    if (on_chunk) on_chunk(first, n);
  }
  return std::vector<float>(sum.begin(), sum.end());
}

}  // namespace mnist
