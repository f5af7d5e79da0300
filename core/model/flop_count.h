// How many floating-point operations one training step of a model performs, computed from its
// spec and config without building it: what the page's benchmark divides by the time to give
// GFLOP/s. The counts follow the code that runs (core/layers, core/train), not a textbook:
//
//   per example (x: a layer's input, y: its output; F filters, K = C·Kh·Kw a conv patch,
//   P = Ho·Wo a conv output plane; a multiply-add counts 2)
//   dense (in -> out)   forward  2·in·out + out                  x·Wᵀ, + bias
//                       backward 2·in·out + out (+ 2·in·out)     dW = dyᵀ·x, db, (dx = dy·W)
//   conv                forward  2·F·K·P + F·P                   W·im2col(x), + bias
//                       backward 2·F·K·P + F·P (+ 2·F·K·P + K·P) dW, db, (dcols = Wᵀ·dy, col2im adds)
//   relu                1 per value forward, 1 backward          (a compare; a select)
//   leaky_relu          2 forward, 2 backward                    (a compare and a product)
//   sigmoid             4 forward, 3 backward                    1/(1+e^-x); dy·y·(1-y)
//   tanh                1 forward, 3 backward                    tanh(x); dy·(1-y²)
//   softmax (n values)  5n - 2 forward, 4n backward              max, subtract, exp, sum, divide;
//                                                                dy·y - y·Σ(dy·y)
//   maxpool (k×k)       k²-1 per output forward, 1 backward      window compares; dx += dy
//   avgpool (k×k)       k² per output forward, k²+1 backward     window sum and scale; dy/k², k² adds
//   dropout             1 per value forward, 1 backward          the mask's product
//   flatten             0
//   exp, log, sqrt, tanh and a division count 1 each. In parentheses: the input gradient, which
//   the first layer does not compute (nothing needs dL/d(image)); a first layer without
//   parameters does nothing backward at all.
//   The loss and its gradient (n: the model's outputs): softmax + cross-entropy 6n (fused: the
//   softmax layer's backward is skipped, as the trainer skips it), sigmoid + binary cross-entropy
//   10n (fused the same way), any other loss 5n.
//
//   per step (once per batch, P = trainable parameters, W = the weights weight decay applies to)
//   sgd 2·P, momentum 4·P, nesterov 6·P, adam 12·P; weight decay adds 2·W when it is set.
//
// per_example(batch) spreads the step's update over the batch, so
//   training FLOPs of N batches of B images = N·B·per_example(B).
// The augmentation of config.augment is not counted (it is image resampling, not the model).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/model/model_spec.h"
#include "core/train/train_config.h"
#include "core/util/result.h"

namespace mnist {

struct LayerFlops {
  std::string spec;           // the layer's token, e.g. "dense:256" or "relu"
  std::uint64_t forward = 0;  // per example
  std::uint64_t backward = 0; // per example (0 for a layer backward skips)
};

struct TrainingFlops {
  std::vector<LayerFlops> layers;
  std::uint64_t forward = 0;   // per example: every layer's forward
  std::uint64_t loss = 0;      // per example: the loss and its gradient
  std::uint64_t backward = 0;  // per example: every layer's backward
  std::uint64_t update = 0;    // per optimizer step (weight decay included)
  // forward + loss + backward + update / batch: one image's share of a training step.
  double per_example(int batch) const;
};

// The counts for `spec` trained with config's loss, optimizer and weight decay. Errors: a layer
// that does not fit its input (Sequential::build's message), an unknown loss or optimizer.
Result<TrainingFlops> count_training_flops(const ModelSpec& spec, const TrainConfig& config);
// The same, parsing config.model_spec (and validating the config) first.
Result<TrainingFlops> count_training_flops(const TrainConfig& config);

}  // namespace mnist
