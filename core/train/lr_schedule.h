// Learning-rate schedules, as a function of training progress in epochs (fractional).
//   constant  η(e) = η0
//   step      η(e) = η0 · γ^floor(e / step_epochs)           e.g. halve every epoch
//   cosine    η(e) = η0 · (1 + cos(π · min(e / E, 1))) / 2   glides to 0 at the last epoch E
#pragma once
#include <string>
#include <vector>

#include "core/train/train_config.h"
#include "core/util/named_choice.h"
#include "core/util/result.h"

namespace mnist {

enum class ScheduleKind { kConstant, kStep, kCosine };

Result<ScheduleKind> parse_schedule(const std::string& name);
// The schedules in menu order.
const std::vector<NamedChoice>& schedule_choices();

float learning_rate_at(ScheduleKind kind, const TrainConfig& config, double epochs_done);

}  // namespace mnist
