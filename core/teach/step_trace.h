// StepTrace: one training step recorded whole, so the page can explain it with the engine's own
// numbers: the batch, every layer's output and dL/d(output), and the parameters, batch gradient
// and optimizer state around the update. StepRecorder fills it through the trainer's
// StepObserver; core/teach/unit_explanation.h reads one neuron or filter out of it.
//
// Memory: the batch's activations twice (outputs and their gradients) plus three to seven copies
// of the parameter block (with the optimizer's state); trace_bytes() says how much before
// anything is recorded.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/model/sequential.h"
#include "core/train/step_observer.h"
#include "core/train/train_config.h"

namespace mnist {

struct StepTrace {
  TrainConfig config;                 // the run's settings (loss, optimizer, weight decay)
  int batch = 0;
  std::vector<float> x;               // (batch, input size): the images as trained
  std::vector<std::uint8_t> labels;   // (batch)
  float loss = 0;                     // mean over the batch
  float learning_rate = 0;            // used by this step (after the schedule)
  std::int64_t step = 0;              // the optimizer's step count t after the update
  // Per layer: its output (batch, output size), and dL/d(that output), empty for the layers
  // backpropagation skips (a softmax fused with cross-entropy).
  std::vector<std::vector<float>> outputs, output_gradients;
  // Padded blocks laid out like Sequential::parameters().
  std::vector<float> params_before, params_after;
  std::vector<float> gradients;       // the batch gradient the optimizer used, weight decay in
  // Optimizer state, padded blocks too: first = velocity (momentum, nesterov) or Adam's m,
  // second = Adam's v; empty when the optimizer has none.
  std::vector<float> first_before, first_after, second_before, second_after;
};

// Bytes a trace of `batch` examples of this model holds.
std::uint64_t trace_bytes(const Sequential& model, int batch, bool first_moment, bool second_moment);

class StepRecorder : public StepObserver {
 public:
  StepRecorder(const Sequential& model, const TrainConfig& config);
  void output_gradient(int layer, const float* dy, int batch) override;
  void before_update(const StepView& step) override;
  void after_update(const Sequential& model, const Optimizer& optimizer) override;
  // True once a whole step (through the update) was seen.
  bool complete() const { return complete_; }
  StepTrace take() { return std::move(trace_); }

 private:
  const Sequential& model_;
  StepTrace trace_;
  bool complete_ = false;
};

// The trace in a few numbers and the model's layers, for the page's picture of a step.
struct TracedLayer {
  int index = 0;
  std::string kind, spec;            // the engine's names, e.g. "Dense", "dense:256"
  int units = 0;                     // what explain_unit takes: dense neurons, conv filters; else 0
  bool explainable = false;          // dense or conv: has weights
  Shape input, output;
  std::string activation;            // dense/conv: the activation layer after it; an
                                     // activation layer: its own; else ""
};

struct StepSummary {
  int batch = 0;
  std::int64_t samples_seen = 0;
  float loss = 0;
  std::vector<int> labels, predictions;  // per example; predictions from the step's forward pass
  std::vector<float> images;             // (batch, input size): the inputs as trained (augmented too)
  std::vector<TracedLayer> layers;
};

StepSummary summarize(const StepTrace& trace, const Sequential& model, std::int64_t samples_seen);

// "relu", "leaky_relu", "sigmoid", "tanh", "softmax" for an activation layer, else "".
std::string activation_name(const Layer& layer);

}  // namespace mnist
