#include "core/teach/step_trace.h"

#include <algorithm>

#include "core/kernels/vector_ops.h"
#include "core/layers/activation.h"
#include "core/layers/conv2d.h"
#include "core/layers/dense.h"

namespace mnist {
namespace {

std::vector<float> copy_of(const float* first, std::size_t n) {
  return first ? std::vector<float>(first, first + n) : std::vector<float>{};
}

}  // namespace

std::uint64_t trace_bytes(const Sequential& model, int batch, bool first_moment,
                          bool second_moment) {
  std::uint64_t per_example = model.input_shape().size();
  for (int i = 0; i < model.layer_count(); ++i) per_example += 2ull * model.layer(i).output_shape().size();
  const std::uint64_t blocks = 3 + (first_moment ? 2 : 0) + (second_moment ? 2 : 0);
  return (per_example * std::uint64_t(batch) + blocks * model.parameter_count()) * sizeof(float) +
         std::uint64_t(batch);
}

StepRecorder::StepRecorder(const Sequential& model, const TrainConfig& config) : model_(model) {
  trace_.config = config;
  trace_.output_gradients.resize(model.layer_count());
}

void StepRecorder::output_gradient(int layer, const float* dy, int batch) {
  trace_.output_gradients[layer] =
      copy_of(dy, std::size_t(batch) * model_.layer(layer).output_shape().size());
}

void StepRecorder::before_update(const StepView& step) {
  const Sequential& model = step.model;
  const std::size_t n = model.parameter_count();
  trace_.batch = step.batch;
  trace_.x = copy_of(step.x, std::size_t(step.batch) * model.input_shape().size());
  trace_.labels.assign(step.labels, step.labels + step.batch);
  trace_.loss = step.loss;
  trace_.learning_rate = step.learning_rate;
  trace_.outputs.clear();
  for (int i = 0; i < model.layer_count(); ++i)
    trace_.outputs.push_back(
        copy_of(model.activation(i), std::size_t(step.batch) * model.layer(i).output_shape().size()));
  trace_.params_before = copy_of(model.parameters(), n);
  trace_.gradients = copy_of(model.gradients(), n);
  trace_.first_before = copy_of(step.optimizer.first_moment(), n);
  trace_.second_before = copy_of(step.optimizer.second_moment(), n);
}

void StepRecorder::after_update(const Sequential& model, const Optimizer& optimizer) {
  const std::size_t n = model.parameter_count();
  trace_.params_after = copy_of(model.parameters(), n);
  trace_.first_after = copy_of(optimizer.first_moment(), n);
  trace_.second_after = copy_of(optimizer.second_moment(), n);
  trace_.step = optimizer.steps();
  complete_ = true;
}

std::string activation_name(const Layer& layer) {
  if (layer.kind() == "Softmax") return "softmax";
  const auto* activation = dynamic_cast<const Activation*>(&layer);
  if (!activation) return "";
  switch (activation->activation()) {
    case ActivationKind::kReLU: return "relu";
    case ActivationKind::kLeakyReLU: return "leaky_relu";
    case ActivationKind::kSigmoid: return "sigmoid";
    case ActivationKind::kTanh: return "tanh";
  }
  return "";
}

StepSummary summarize(const StepTrace& trace, const Sequential& model, std::int64_t samples_seen) {
  StepSummary s;
  s.batch = trace.batch;
  s.samples_seen = samples_seen;
  s.loss = trace.loss;
  s.labels.assign(trace.labels.begin(), trace.labels.end());
  s.images = trace.x;
  const int classes = model.output_shape().size();
  for (int b = 0; b < trace.batch; ++b)
    s.predictions.push_back(
        kernels::argmax(classes, trace.outputs.back().data() + std::size_t(b) * classes));
  for (int i = 0; i < model.layer_count(); ++i) {
    const Layer& layer = model.layer(i);
    TracedLayer t;
    t.index = i;
    t.kind = layer.kind();
    t.spec = layer.spec();
    t.input = layer.input_shape();
    t.output = layer.output_shape();
    if (const auto* dense = dynamic_cast<const Dense*>(&layer)) t.units = dense->units();
    if (const auto* conv = dynamic_cast<const Conv2D*>(&layer)) t.units = conv->options().filters;
    t.explainable = t.units > 0;
    t.activation = activation_name(layer);
    if (t.explainable && i + 1 < model.layer_count()) t.activation = activation_name(model.layer(i + 1));
    s.layers.push_back(std::move(t));
  }
  return s;
}

}  // namespace mnist
