// StepObserver: a window into one training step, for explaining it (core/teach/step_trace.h).
// The trainer calls it, when one is set, at the points where the numbers a teacher wants exist:
//   backward      dL/d(output of layer i) for every layer backpropagation reaches
//   before_update the batch, every layer's output, the parameters and optimizer state before the
//                 update, and the batch gradient the optimizer is about to use (weight decay in)
//   after_update  the parameters and optimizer state after it
#pragma once
#include <cstdint>

#include "core/model/sequential.h"
#include "core/train/optimizer.h"

namespace mnist {

struct StepView {
  const Sequential& model;      // activation(i): layer i's output; gradients(): the batch gradient
  const Optimizer& optimizer;   // state before the update
  const float* x;               // (batch, input size), as trained (after augmentation)
  const std::uint8_t* labels;   // (batch)
  int batch;
  float learning_rate;          // after the schedule
  float loss;                   // mean over the batch
};

class StepObserver : public BackwardObserver {
 public:
  virtual void before_update(const StepView& step) = 0;
  virtual void after_update(const Sequential& model, const Optimizer& optimizer) = 0;
};

}  // namespace mnist
