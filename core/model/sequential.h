// Sequential: layers applied one after another, with all parameters in one aligned block.
//
//   parameters():  [ layer 0's θ | pad | layer 1's θ | pad | ... ]   (each view 64-byte aligned)
//   gradients():   the same layout, dL/dθ of the last backward pass
// One block makes the optimizer a single loop, saving a single write, and handing weights to the
// page a single copy. Activations are kept per layer for the backward pass:
//   activation(i): output of layer i, (batch, layer i output size)
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "core/layers/layer.h"
#include "core/model/model_spec.h"
#include "core/tensor/aligned_buffer.h"
#include "core/util/result.h"

namespace mnist {

// Sees backpropagation from the inside: dL/d(output of layer i), (batch, layer i output size),
// as backward reaches layer i (core/teach/step_trace.h records it to explain a step).
class BackwardObserver {
 public:
  virtual ~BackwardObserver() = default;
  virtual void output_gradient(int layer, const float* dy, int batch) = 0;
};

class Sequential {
 public:
  static Result<Sequential> build(const ModelSpec& spec);

  Sequential() = default;
  Sequential(Sequential&&) = default;
  Sequential& operator=(Sequential&&) = default;

  const ModelSpec& spec() const { return spec_; }
  Shape input_shape() const { return spec_.input; }
  Shape output_shape() const { return layers_.back()->output_shape(); }
  int layer_count() const { return int(layers_.size()); }
  Layer& layer(int i) { return *layers_[i]; }
  const Layer& layer(int i) const { return *layers_[i]; }

  std::size_t parameter_count() const { return parameters_.size(); }  // including alignment pad
  std::size_t trainable_count() const;                                // without pad
  float* parameters() { return parameters_.data(); }
  const float* parameters() const { return parameters_.data(); }
  float* gradients() { return gradients_.data(); }
  const float* gradients() const { return gradients_.data(); }
  std::size_t parameter_offset(int layer) const { return offsets_[layer]; }

  void initialize(Initializer init, Rng& rng);

  // A padded block (parameters(), gradients() or optimizer state laid out like them) as the
  // trainable values alone, layer after layer (the model-file layout), and back. `values` must
  // hold trainable_count() floats.
  std::vector<float> unpadded(const float* block) const;
  void set_from_unpadded(const float* values, float* block) const;

  // Sizes the activation buffers for batches of up to max_batch (no-op if already large enough).
  void prepare(int max_batch);
  int max_batch() const { return max_batch_; }

  // x: (batch, input size). Returns the output, (batch, output size), valid until the next call.
  const float* forward(const float* x, int batch, const PassContext& ctx);
  // Output of layer i of the last forward pass.
  const float* activation(int i) const { return activations_[i].data(); }

  // Backpropagates dL/d(output of layer `from`) down to layer 0, filling gradients(). The input
  // x must be the one of the last forward pass. Layers after `from` are skipped (used to fuse
  // softmax with cross-entropy). An observer, if given, sees every dL/d(output) on the way.
  void backward(const float* x, const float* d_output, int from, int batch,
                BackwardObserver* observer = nullptr);

  // Bytes held now by the parameters, gradients, activations, activation gradients and the layers'
  // scratch, as allocated (for checking core/train/memory_budget.h against reality).
  std::size_t allocated_bytes() const;

  // A printable table: layer, output shape, parameters.
  std::string summary() const;

 private:
  ModelSpec spec_;
  std::vector<std::unique_ptr<Layer>> layers_;
  std::vector<std::size_t> offsets_;
  AlignedBuffer<float> parameters_, gradients_;
  std::vector<AlignedBuffer<float>> activations_;
  AlignedBuffer<float> grad_a_, grad_b_;  // ping-pong buffers for dL/d(activation)
  int max_batch_ = 0;
};

}  // namespace mnist
