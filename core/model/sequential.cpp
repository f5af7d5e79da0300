#include "core/model/sequential.h"

#include <algorithm>
#include <cstdio>

#include "core/layers/activation.h"
#include "core/layers/conv2d.h"
#include "core/layers/dense.h"
#include "core/layers/dropout.h"
#include "core/layers/pool2d.h"
#include "core/layers/softmax.h"
#include "core/model/layer_shapes.h"

namespace mnist {
namespace {

// The layer for spec, or an error when it cannot take an input of this shape. The shape check
// (layer_shapes.h) comes first, so no layer is built with sizes its ints cannot hold.
Result<std::unique_ptr<Layer>> make_layer(const LayerSpec& spec, Shape input) {
  if (auto shape = layer_output_shape(spec, input); !shape) return Error{shape.error()};
  switch (spec.type) {
    case LayerSpec::Type::kConv:
      return std::unique_ptr<Layer>(std::make_unique<Conv2D>(
          input, Conv2DOptions{spec.units, spec.kernel_h, spec.kernel_w, spec.stride,
                               spec.same_padding}));
    case LayerSpec::Type::kMaxPool:
    case LayerSpec::Type::kAvgPool:
      return std::unique_ptr<Layer>(std::make_unique<Pool2D>(
          input, spec.type == LayerSpec::Type::kMaxPool ? Pool2D::Mode::kMax : Pool2D::Mode::kAverage,
          spec.kernel_h, spec.stride));
    case LayerSpec::Type::kFlatten: return std::unique_ptr<Layer>(std::make_unique<Flatten>(input));
    case LayerSpec::Type::kDropout:
      return std::unique_ptr<Layer>(std::make_unique<Dropout>(input, spec.rate));
    case LayerSpec::Type::kDense: return std::unique_ptr<Layer>(std::make_unique<Dense>(input, spec.units));
    case LayerSpec::Type::kActivation:
      return std::unique_ptr<Layer>(std::make_unique<Activation>(input, spec.activation, spec.alpha));
    case LayerSpec::Type::kSoftmax: return std::unique_ptr<Layer>(std::make_unique<Softmax>(input));
  }
  return Error{"unknown layer type"};
}

}  // namespace

Result<Sequential> Sequential::build(const ModelSpec& spec) {
  Sequential model;
  model.spec_ = spec;
  Shape shape = spec.input;
  std::size_t total = 0;
  for (const auto& layer_spec : spec.layers) {
    auto made = make_layer(layer_spec, shape);
    if (!made)
      return Error{"model spec, layer " + std::to_string(layer_spec.token) + ": " + made.error()};
    auto layer = std::move(*made);
    if (double(layer->parameter_count()) > double(1u << 28))
      return Error{"model is too large: layer " + std::to_string(model.layers_.size() + 1) +
                   " has " + std::to_string(layer->parameter_count()) + " parameters"};
    model.offsets_.push_back(total);
    total += align_floats(layer->parameter_count());
    shape = layer->output_shape();
    model.layers_.push_back(std::move(layer));
  }
  model.parameters_.resize(total);
  model.gradients_.resize(total);
  for (std::size_t i = 0; i < model.layers_.size(); ++i)
    model.layers_[i]->bind_parameters(model.parameters_.data() + model.offsets_[i],
                                      model.gradients_.data() + model.offsets_[i]);
  model.activations_.resize(model.layers_.size());
  return model;
}

std::size_t Sequential::trainable_count() const {
  std::size_t n = 0;
  for (const auto& layer : layers_) n += layer->parameter_count();
  return n;
}

void Sequential::initialize(Initializer init, Rng& rng) {
  parameters_.fill_zero();
  for (auto& layer : layers_) layer->initialize(init, rng);
}

std::vector<float> Sequential::unpadded(const float* block) const {
  std::vector<float> values;
  values.reserve(trainable_count());
  for (std::size_t i = 0; i < layers_.size(); ++i) {
    const float* first = block + offsets_[i];
    values.insert(values.end(), first, first + layers_[i]->parameter_count());
  }
  return values;
}

void Sequential::set_from_unpadded(const float* values, float* block) const {
  for (std::size_t i = 0; i < layers_.size(); ++i) {
    const std::size_t n = layers_[i]->parameter_count();
    std::copy(values, values + n, block + offsets_[i]);
    values += n;
  }
}

void Sequential::prepare(int max_batch) {
  if (max_batch <= max_batch_) return;
  max_batch_ = max_batch;
  std::size_t widest = spec_.input.size();
  for (std::size_t i = 0; i < layers_.size(); ++i) {
    layers_[i]->prepare(max_batch);
    const std::size_t out = layers_[i]->output_shape().size();
    activations_[i].resize(std::size_t(max_batch) * out);
    widest = std::max(widest, out);
  }
  grad_a_.resize(std::size_t(max_batch) * widest);
  grad_b_.resize(std::size_t(max_batch) * widest);
}

const float* Sequential::forward(const float* x, int batch, const PassContext& ctx) {
  prepare(batch);
  const float* in = x;
  for (std::size_t i = 0; i < layers_.size(); ++i) {
    layers_[i]->forward(in, activations_[i].data(), batch, ctx);
    in = activations_[i].data();
  }
  return in;
}

void Sequential::backward(const float* x, const float* d_output, int from, int batch,
                          BackwardObserver* observer) {
  const float* dy = d_output;
  float* buffers[2] = {grad_a_.data(), grad_b_.data()};
  int next = 0;
  for (int i = from; i >= 0; --i) {
    // If dy already lives in a ping-pong buffer, write dx into the other one.
    if (dy == buffers[next]) next ^= 1;
    float* dx = i == 0 ? nullptr : buffers[next];
    const float* in = i == 0 ? x : activations_[i - 1].data();
    if (observer) observer->output_gradient(i, dy, batch);
    layers_[i]->backward(in, activations_[i].data(), dy, dx, batch);
    dy = dx;
  }
}

std::size_t Sequential::allocated_bytes() const {
  std::size_t floats = parameters_.size() + gradients_.size() + grad_a_.size() + grad_b_.size();
  for (const auto& a : activations_) floats += a.size();
  std::size_t bytes = floats * sizeof(float);
  for (const auto& layer : layers_) bytes += layer->workspace_bytes();
  return bytes;
}

std::string Sequential::summary() const {
  std::string out;
  char line[160];
  std::snprintf(line, sizeof line, "%-4s %-12s %-18s %12s\n", "#", "layer", "output shape",
                "parameters");
  out += line;
  std::snprintf(line, sizeof line, "%-4s %-12s %-18s %12s\n", "", "Input",
                shape_text(spec_.input).c_str(), "");
  out += line;
  for (std::size_t i = 0; i < layers_.size(); ++i) {
    std::snprintf(line, sizeof line, "%-4zu %-12s %-18s %12zu\n", i + 1,
                  layers_[i]->kind().c_str(), shape_text(layers_[i]->output_shape()).c_str(),
                  layers_[i]->parameter_count());
    out += line;
  }
  std::snprintf(line, sizeof line, "total parameters: %zu\n", trainable_count());
  out += line;
  return out;
}

}  // namespace mnist
