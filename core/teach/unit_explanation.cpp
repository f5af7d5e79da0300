#include "core/teach/unit_explanation.h"

#include <cmath>

#include "core/layers/conv2d.h"
#include "core/layers/dense.h"
#include "core/train/output_loss.h"

namespace mnist {
namespace {

// Where one unit's numbers live: its weights [weights, weights + count) and its bias in the
// padded parameter block, and the explained output in the layer's (batch, output size) rows.
struct UnitLayout {
  std::size_t weights = 0, count = 0, bias = 0, z = 0;
};

std::vector<float> slice(const std::vector<float>& block, std::size_t first, std::size_t n) {
  if (block.empty()) return {};
  return std::vector<float>(block.begin() + first, block.begin() + first + n);
}

std::string range_error(const char* what, int value, int count, const std::string& of) {
  return "explain-unit: " + std::string(what) + " " + std::to_string(value) + " does not exist: " +
         of + " has " + std::to_string(count) + " (0.." + std::to_string(count - 1) + ")";
}

OptimizerSnapshot optimizer_snapshot(const StepTrace& trace) {
  const TrainConfig& c = trace.config;
  OptimizerSnapshot o;
  o.kind = c.optimizer;
  o.learning_rate = trace.learning_rate;
  o.step = trace.step;
  o.weight_decay = c.weight_decay;
  if (c.optimizer == "momentum" || c.optimizer == "nesterov") o.momentum = c.momentum;
  if (c.optimizer == "adam") {
    o.beta1 = c.momentum;  // TrainConfig::momentum is Adam's β1
    o.beta2 = c.beta2;
    o.epsilon = c.epsilon;
    o.bias_correction1 = 1.0 - std::pow(double(c.momentum), double(trace.step));
    o.bias_correction2 = 1.0 - std::pow(double(c.beta2), double(trace.step));
  }
  return o;
}

// This example's loss and the model's output for it, from the trace's last two layers.
void fill_example_output(const StepTrace& trace, const Sequential& model, int example,
                         UnitExplanation& e) {
  const int last = model.layer_count() - 1;
  const int classes = model.output_shape().size();
  const float* out = trace.outputs[last].data() + std::size_t(example) * classes;
  const float* logits =
      (last > 0 ? trace.outputs[last - 1].data() : trace.x.data()) + std::size_t(example) * classes;
  const std::uint8_t label = trace.labels[example];
  e.loss = float(output_loss(*parse_loss(trace.config.loss), model.layer(last), logits, out, &label,
                             1, classes, nullptr)
                     .loss);
  e.probabilities.assign(out, out + classes);
}

// a and dL/da from the activation layer after `layer` (if any), at output index z.
void fill_activation(const StepTrace& trace, const Sequential& model, int layer, std::size_t z,
                     int example, UnitExplanation& e) {
  const int next = layer + 1;
  e.activation = next < model.layer_count() ? activation_name(model.layer(next)) : "";
  if (e.activation.empty()) {
    e.a = e.z;
    e.dL_da = e.dL_dz;
    return;
  }
  e.a = trace.outputs[next][z];
  if (!trace.output_gradients[next].empty()) {
    e.dL_da = trace.output_gradients[next][z];
    return;
  }
  // The last layer, fused with the loss: backpropagation never formed dL/da, so it is the loss's
  // own derivative for this example's output, with the batch mean's 1/B.
  const int classes = model.output_shape().size();
  const float* p = trace.outputs[next].data() + std::size_t(example) * classes;
  std::vector<float> grad(classes);
  loss_and_gradient(*parse_loss(trace.config.loss), p, &trace.labels[example], 1, classes,
                    grad.data());
  e.dL_da = grad[z - std::size_t(example) * classes] / float(trace.batch);
}

}  // namespace

Result<UnitExplanation> explain_unit(const StepTrace& trace, const Sequential& model, int layer,
                                     int unit, int example, int row, int col) {
  if (layer < 0 || layer >= model.layer_count())
    return Error{range_error("layer", layer, model.layer_count(), "the model")};
  const Layer& base = model.layer(layer);
  const auto* dense = dynamic_cast<const Dense*>(&base);
  const auto* conv = dynamic_cast<const Conv2D*>(&base);
  if (!dense && !conv)
    return Error{"explain-unit: layer " + std::to_string(layer) + " (" + base.kind() +
                 ") has no weights: choose a dense or conv layer"};
  const int units = dense ? dense->units() : conv->options().filters;
  if (unit < 0 || unit >= units)
    return Error{range_error(dense ? "unit" : "filter", unit, units,
                             "layer " + std::to_string(layer))};
  if (example < 0 || example >= trace.batch)
    return Error{range_error("example", example, trace.batch, "the traced batch")};
  if (trace.output_gradients[layer].empty())
    return Error{"explain-unit: backpropagation did not reach layer " + std::to_string(layer)};

  UnitExplanation e;
  e.layer = layer;
  e.unit = unit;
  e.example = example;
  e.label = trace.labels[example];
  const Shape in = base.input_shape(), out = base.output_shape();
  const float* input = (layer == 0 ? trace.x.data() : trace.outputs[layer - 1].data()) +
                       std::size_t(example) * in.size();
  const float* dz = trace.output_gradients[layer].data() + std::size_t(example) * out.size();
  const std::size_t offset = model.parameter_offset(layer);
  UnitLayout at;

  if (dense) {
    e.kind = "dense";
    e.input = in;
    at.count = std::size_t(in.size());
    at.weights = offset + std::size_t(unit) * at.count;
    at.bias = offset + std::size_t(units) * at.count + unit;
    at.z = std::size_t(example) * out.size() + unit;
    e.x.assign(input, input + in.size());
    e.dL_dz = dz[unit];
    e.dL_dw.resize(at.count);
    for (std::size_t k = 0; k < at.count; ++k) e.dL_dw[k] = e.dL_dz * e.x[k];
    e.dL_db = e.dL_dz;
  } else {
    const Conv2DOptions& o = conv->options();
    const int pixels = out.height * out.width;
    const float* dz_filter = dz + std::size_t(unit) * pixels;
    const float* z_filter = trace.outputs[layer].data() + std::size_t(example) * out.size() +
                            std::size_t(unit) * pixels;
    if (row == -1 && col == -1) {
      int best = 0;  // the position where this filter answers most strongly, either sign
      for (int p = 1; p < pixels; ++p)
        if (std::fabs(z_filter[p]) > std::fabs(z_filter[best])) best = p;
      row = best / out.width;
      col = best % out.width;
    } else if (row < 0 || row >= out.height || col < 0 || col >= out.width) {
      return Error{"explain-unit: position [" + std::to_string(row) + ", " + std::to_string(col) +
                   "] is outside the " + std::to_string(out.height) + "x" +
                   std::to_string(out.width) + " output of layer " + std::to_string(layer)};
    }
    e.kind = "conv";
    e.row = row;
    e.col = col;
    e.input = Shape{in.channels, o.kernel_h, o.kernel_w};
    at.count = std::size_t(e.input.size());
    at.weights = offset + std::size_t(unit) * at.count;
    at.bias = offset + std::size_t(o.filters) * at.count + unit;
    at.z = std::size_t(example) * out.size() + std::size_t(unit) * pixels +
           std::size_t(row) * out.width + col;
    // Every patch of this example as a column: x is the one at (row, col), and the filter's
    // gradient is each patch weighted by dL/dz there, summed over the positions.
    std::vector<float> columns(at.count * pixels);
    im2col(input, in, o.kernel_h, o.kernel_w, o.stride, conv->pad_top(), conv->pad_left(),
           out.height, out.width, columns.data());
    const int position = row * out.width + col;
    e.x.resize(at.count);
    e.dL_dw.resize(at.count);
    double db = 0;
    for (int p = 0; p < pixels; ++p) db += dz_filter[p];
    for (std::size_t k = 0; k < at.count; ++k) {
      const float* patch_row = columns.data() + k * pixels;
      e.x[k] = patch_row[position];
      double sum = 0;
      for (int p = 0; p < pixels; ++p) sum += double(dz_filter[p]) * patch_row[p];
      e.dL_dw[k] = float(sum);
    }
    e.dL_dz = dz_filter[position];
    e.dL_db = float(db);
  }

  e.w = slice(trace.params_before, at.weights, at.count);
  e.b = trace.params_before[at.bias];
  e.z = trace.outputs[layer][at.z];
  fill_activation(trace, model, layer, at.z, example, e);
  e.batch_grad_w = slice(trace.gradients, at.weights, at.count);
  e.batch_grad_b = trace.gradients[at.bias];
  e.optimizer = optimizer_snapshot(trace);
  e.w_after = slice(trace.params_after, at.weights, at.count);
  e.b_after = trace.params_after[at.bias];
  e.delta_w.resize(at.count);
  for (std::size_t k = 0; k < at.count; ++k) e.delta_w[k] = e.w_after[k] - e.w[k];
  e.delta_b = e.b_after - e.b;
  e.m_before = slice(trace.first_before, at.weights, at.count);
  e.m_after = slice(trace.first_after, at.weights, at.count);
  e.v_before = slice(trace.second_before, at.weights, at.count);
  e.v_after = slice(trace.second_after, at.weights, at.count);
  fill_example_output(trace, model, example, e);
  return e;
}

}  // namespace mnist
