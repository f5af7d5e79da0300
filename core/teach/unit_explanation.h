// One neuron (dense) or filter (conv) during one recorded training step (StepTrace), for one
// example of the batch, as numbers a person can check by hand:
//   forward    z = w·x + b         (conv: x is the receptive-field patch at one output position)
//              a = σ(z)            (the activation layer after it; softmax: a is the probability)
//   backward   dL/dz = dL/da · σ'(z)        (softmax + cross-entropy: the fused (p - t)/B)
//              dL/dw = dL/dz · x   this example's share of the batch gradient (conv: summed over
//                                  every output position of the filter); Σ_examples = the batch
//                                  gradient before weight decay
//   update     g = batch gradient + λ w (weight decay), then the optimizer's rule:
//              sgd       Δw = -η g
//              momentum  v ← μ v + g;  Δw = -η v        nesterov: Δw = -η (g + μ v)
//              adam      m ← β1 m + (1-β1) g;  v ← β2 v + (1-β2) g²
//                        Δw = -η m̂ / (sqrt(v̂) + ε),  m̂ = m / (1-β1^t),  v̂ = v / (1-β2^t)
// Everything is read from the trace (copies of what the engine computed). Worked out from it:
// the per-example dL/dw (the engine only ever forms it summed over the batch), the example's
// loss, and dL/da of an output layer fused with its loss (backpropagation starts below it).
#pragma once
#include <string>
#include <vector>

#include "core/teach/step_trace.h"
#include "core/util/result.h"

namespace mnist {

struct OptimizerSnapshot {
  std::string kind;               // sgd | momentum | nesterov | adam
  float learning_rate = 0;        // η of this step (after the schedule)
  std::int64_t step = 0;          // t after the update (Adam's bias corrections use it)
  float momentum = 0;             // μ (momentum, nesterov; else 0)
  float beta1 = 0, beta2 = 0, epsilon = 0;  // adam (else 0)
  double bias_correction1 = 0, bias_correction2 = 0;  // adam: 1 - β1^t, 1 - β2^t (else 0)
  float weight_decay = 0;         // λ, applied to weights (not biases)
};

struct UnitExplanation {
  int layer = 0;
  std::string kind;               // "dense" | "conv"
  int unit = 0, example = 0, label = 0;
  int row = -1, col = -1;         // conv: the output position explained; dense: -1
  Shape input;                    // shape of x: the layer's input (dense), (C, Kh, Kw) (conv)
  std::vector<float> x, w;        // w before the step
  float b = 0, z = 0;
  std::string activation;         // of the layer after it: relu, sigmoid, ..., softmax, "" (none)
  float a = 0, dL_da = 0, dL_dz = 0;  // no activation: a = z, dL/da = dL/dz
  std::vector<float> dL_dw;       // this example's contribution
  float dL_db = 0;
  std::vector<float> batch_grad_w;  // what the optimizer used, weight decay included
  float batch_grad_b = 0;
  OptimizerSnapshot optimizer;
  std::vector<float> w_after, delta_w;
  float b_after = 0, delta_b = 0;
  // The optimizer's state for these weights (first: velocity or Adam's m; second: Adam's v),
  // empty when it keeps none.
  std::vector<float> m_before, m_after, v_before, v_after;
  float loss = 0;                 // this example's loss
  std::vector<float> probabilities;  // the model's output for this example
};

// row, col: a conv output position; both -1 for the one with the largest |z| of the filter.
Result<UnitExplanation> explain_unit(const StepTrace& trace, const Sequential& model, int layer,
                                     int unit, int example, int row = -1, int col = -1);

}  // namespace mnist
