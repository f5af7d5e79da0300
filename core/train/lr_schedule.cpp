#include "core/train/lr_schedule.h"

#include <algorithm>
#include <cmath>

namespace mnist {

Result<ScheduleKind> parse_schedule(const std::string& name) {
  if (name == "constant") return ScheduleKind::kConstant;
  if (name == "step") return ScheduleKind::kStep;
  if (name == "cosine") return ScheduleKind::kCosine;
  return Error{"unknown learning-rate schedule '" + name + "' (expected " +
               join_choice_names(schedule_choices()) + ")"};
}

const std::vector<NamedChoice>& schedule_choices() {
  static const std::vector<NamedChoice> choices = {
      {"constant", "Constant"},
      {"step", "Step (x0.5 per epoch)"},
      {"cosine", "Cosine decay"},
  };
  return choices;
}

float learning_rate_at(ScheduleKind kind, const TrainConfig& config, double epochs_done) {
  const double lr = config.learning_rate;
  switch (kind) {
    case ScheduleKind::kConstant: return float(lr);
    case ScheduleKind::kStep: {
      const int steps = int(std::floor(epochs_done / std::max(1, config.schedule_step_epochs)));
      return float(lr * std::pow(double(config.schedule_gamma), steps));
    }
    case ScheduleKind::kCosine: {
      const double t = std::min(epochs_done / std::max(1, config.epochs), 1.0);
      return float(lr * 0.5 * (1.0 + std::cos(3.14159265358979323846 * t)));
    }
  }
  return float(lr);
}

}  // namespace mnist
