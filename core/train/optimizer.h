// Optimizers: how a gradient becomes a step. All work on the model's flat parameter block.
//   sgd        θ ← θ - η g                          plain gradient descent
//   momentum   v ← μ v + g;  θ ← θ - η v            a heavy ball: keeps going through noise
//   nesterov   v ← μ v + g;  θ ← θ - η (g + μ v)    looks ahead along v before stepping
//   adam       m ← β1 m + (1-β1) g;  v ← β2 v + (1-β2) g²
//              θ ← θ - η m̂ / (sqrt(v̂) + ε),  m̂ = m / (1-β1^t),  v̂ = v / (1-β2^t)
//              (bias correction: m and v start at 0 and would otherwise be too small early on)
// L2 weight decay adds λ θ to the gradient of weights (not biases) before the step.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "core/tensor/aligned_buffer.h"
#include "core/train/train_config.h"
#include "core/util/named_choice.h"
#include "core/util/result.h"

namespace mnist {

enum class OptimizerKind { kSgd, kMomentum, kNesterov, kAdam };

Result<OptimizerKind> parse_optimizer(const std::string& name);
const char* optimizer_name(OptimizerKind kind);
// The optimizers in menu order.
const std::vector<NamedChoice>& optimizer_choices();

class Optimizer {
 public:
  Optimizer(OptimizerKind kind, const TrainConfig& config, std::size_t parameter_count);

  OptimizerKind kind() const { return kind_; }
  // One update of the parameter_count values of params with grads at learning rate lr.
  void step(float* params, const float* grads, float lr);
  std::int64_t steps() const { return t_; }
  float momentum() const { return mu_; }  // momentum / nesterov: mu; adam: beta1
  float beta2() const { return beta2_; }
  float epsilon() const { return epsilon_; }
  // The state laid out like the parameters, or nullptr when the optimizer keeps none:
  // first_moment() is the velocity (momentum, nesterov) or Adam's m, second_moment() Adam's v.
  const float* first_moment() const { return m_.empty() ? nullptr : m_.data(); }
  const float* second_moment() const { return v_.empty() ? nullptr : v_.data(); }
  // Bytes of optimizer state held (velocity; or Adam's two moments), as allocated.
  std::size_t state_bytes() const { return (m_.size() + v_.size()) * sizeof(float); }

  // Optimizer state (momentum / Adam moments) for model files: [m | v], possibly empty.
  std::vector<float> state() const;
  Status set_state(std::int64_t steps, const std::vector<float>& state);

 private:
  OptimizerKind kind_;
  std::size_t n_;
  float mu_, beta2_, epsilon_;
  std::int64_t t_ = 0;
  AlignedBuffer<float> m_, v_;  // momentum: velocity in m_; adam: first and second moments
};

}  // namespace mnist
