#include "core/train/optimizer.h"

#include <cmath>

#include "core/kernels/vector_ops.h"
#include "core/util/parallel.h"

namespace mnist {

Result<OptimizerKind> parse_optimizer(const std::string& name) {
  if (name == "sgd") return OptimizerKind::kSgd;
  if (name == "momentum") return OptimizerKind::kMomentum;
  if (name == "nesterov") return OptimizerKind::kNesterov;
  if (name == "adam") return OptimizerKind::kAdam;
  return Error{"unknown optimizer '" + name + "' (expected " + join_choice_names(optimizer_choices()) + ")"};
}

const std::vector<NamedChoice>& optimizer_choices() {
  static const std::vector<NamedChoice> choices = {
      {"sgd", "SGD"},
      {"momentum", "SGD with momentum"},
      {"nesterov", "SGD with Nesterov momentum"},
      {"adam", "Adam"},
  };
  return choices;
}

const char* optimizer_name(OptimizerKind kind) {
  switch (kind) {
    case OptimizerKind::kSgd: return "sgd";
    case OptimizerKind::kMomentum: return "momentum";
    case OptimizerKind::kNesterov: return "nesterov";
    case OptimizerKind::kAdam: return "adam";
  }
  return "?";
}

Optimizer::Optimizer(OptimizerKind kind, const TrainConfig& config, std::size_t n)
    : kind_(kind), n_(n), mu_(config.momentum), beta2_(config.beta2), epsilon_(config.epsilon) {
  if (kind != OptimizerKind::kSgd) m_.resize(n);
  if (kind == OptimizerKind::kAdam) v_.resize(n);
}

// Updates shorter than this stay on one thread.
constexpr std::size_t kParallelGrain = 16 * 1024;

void Optimizer::step(float* params, const float* grads, float lr) {
  ++t_;
  // Bias correction folded into Adam's step size and epsilon (same result, one pass).
  const double c1 = 1.0 - std::pow(double(mu_), double(t_));
  const double c2 = 1.0 - std::pow(double(beta2_), double(t_));
  const float lr_t = float(lr * std::sqrt(c2) / c1);
  const float eps_t = float(epsilon_ * std::sqrt(c2));
  parallel::for_elements(n_, kParallelGrain, [&](std::size_t begin, std::size_t end) {
    const int n = int(end - begin);
    float* p = params + begin;
    const float* g = grads + begin;
    switch (kind_) {
      case OptimizerKind::kSgd: kernels::sgd_update(n, lr, g, p); break;
      case OptimizerKind::kMomentum:
      case OptimizerKind::kNesterov:
        kernels::momentum_update(n, lr, mu_, kind_ == OptimizerKind::kNesterov, g,
                                 m_.data() + begin, p);
        break;
      case OptimizerKind::kAdam:
        kernels::adam_update(n, lr_t, mu_, beta2_, eps_t, g, m_.data() + begin, v_.data() + begin, p);
        break;
    }
  });
}

std::vector<float> Optimizer::state() const {
  std::vector<float> out(m_.begin(), m_.end());
  out.insert(out.end(), v_.begin(), v_.end());
  return out;
}

Status Optimizer::set_state(std::int64_t steps, const std::vector<float>& state) {
  if (state.size() != m_.size() + v_.size())
    return Error{"optimizer state has " + std::to_string(state.size()) + " values, " +
                 optimizer_name(kind_) + " needs " + std::to_string(m_.size() + v_.size())};
  std::copy(state.begin(), state.begin() + m_.size(), m_.begin());
  std::copy(state.begin() + m_.size(), state.end(), v_.begin());
  t_ = steps;
  return Status::Ok();
}

}  // namespace mnist
