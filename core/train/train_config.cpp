#include "core/train/train_config.h"

#include <cmath>
#include <cstdlib>
#include <sstream>

#include "core/model/initializers.h"
#include "core/model/model_spec.h"
#include "core/train/loss.h"
#include "core/train/lr_schedule.h"
#include "core/train/optimizer.h"

namespace mnist {
namespace {

bool finite_in(float v, float lo, float hi) { return std::isfinite(v) && v >= lo && v <= hi; }

}  // namespace

Status validate_config(const TrainConfig& c) {
  if (auto spec = parse_model_spec(c.model_spec); !spec) return Error{spec.error()};
  if (auto loss = parse_loss(c.loss); !loss) return Error{loss.error()};
  if (auto opt = parse_optimizer(c.optimizer); !opt) return Error{opt.error()};
  if (auto sched = parse_schedule(c.schedule); !sched) return Error{sched.error()};
  if (auto init = parse_initializer(c.init); !init) return Error{init.error()};
  if (!(std::isfinite(c.learning_rate) && c.learning_rate > 0 && c.learning_rate <= 100))
    return Error{"learning rate must be a number in (0, 100], got " + std::to_string(c.learning_rate)};
  if (!finite_in(c.momentum, 0, 0.9999f))
    return Error{"momentum/beta1 must be in [0, 1), got " + std::to_string(c.momentum)};
  if (!finite_in(c.beta2, 0, 0.999999f))
    return Error{"beta2 must be in [0, 1), got " + std::to_string(c.beta2)};
  if (!finite_in(c.epsilon, 1e-12f, 1))
    return Error{"epsilon must be in [1e-12, 1], got " + std::to_string(c.epsilon)};
  if (!finite_in(c.weight_decay, 0, 1))
    return Error{"weight decay must be in [0, 1], got " + std::to_string(c.weight_decay)};
  if (!finite_in(c.schedule_gamma, 0, 1))
    return Error{"schedule gamma must be in [0, 1], got " + std::to_string(c.schedule_gamma)};
  if (c.schedule_step_epochs < 1) return Error{"schedule step must be at least 1 epoch"};
  if (c.batch_size < 1 || c.batch_size > 4096)
    return Error{"batch size must be from 1 to 4096, got " + std::to_string(c.batch_size)};
  if (c.train_limit < 0)
    return Error{"training-image limit cannot be negative, got " + std::to_string(c.train_limit)};
  if (c.epochs < 1 || c.epochs > kMaxEpochs)
    return Error{"epochs must be from 1 to " + std::to_string(kMaxEpochs) + ", got " +
                 std::to_string(c.epochs)};
  return Status::Ok();
}

std::string config_to_text(const TrainConfig& c) {
  std::ostringstream out;
  out.precision(9);
  out << "model=" << c.model_spec << "\n"
      << "loss=" << c.loss << "\n"
      << "optimizer=" << c.optimizer << "\n"
      << "learning_rate=" << c.learning_rate << "\n"
      << "momentum=" << c.momentum << "\n"
      << "beta2=" << c.beta2 << "\n"
      << "epsilon=" << c.epsilon << "\n"
      << "weight_decay=" << c.weight_decay << "\n"
      << "schedule=" << c.schedule << "\n"
      << "schedule_gamma=" << c.schedule_gamma << "\n"
      << "schedule_step_epochs=" << c.schedule_step_epochs << "\n"
      << "batch_size=" << c.batch_size << "\n"
      << "epochs=" << c.epochs << "\n"
      << "init=" << c.init << "\n"
      << "seed=" << c.seed << "\n"
      << "train_limit=" << c.train_limit << "\n"
      << "augment=" << (c.augment ? 1 : 0) << "\n";
  return out.str();
}

Result<TrainConfig> config_from_text(const std::string& text) {
  TrainConfig c;
  std::istringstream in(text);
  std::string line;
  int line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    if (line.empty()) continue;
    const auto eq = line.find('=');
    if (eq == std::string::npos)
      return Error{"config line " + std::to_string(line_number) + ": expected key=value"};
    const std::string key = line.substr(0, eq), value = line.substr(eq + 1);
    char* end = nullptr;
    auto number = [&]() { return std::strtod(value.c_str(), &end); };
    // Whole-number fields accept digits only (no "32.5", no "1e10").
    auto whole = [&]() {
      const long v = std::strtol(value.c_str(), &end, 10);
      if (v < 0 || v > 1000000 || value.find_first_not_of("0123456789") != std::string::npos)
        end = const_cast<char*>("x");
      return int(v);
    };
    bool numeric_ok = true;
    if (key == "model") c.model_spec = value;
    else if (key == "loss") c.loss = value;
    else if (key == "optimizer") c.optimizer = value;
    else if (key == "schedule") c.schedule = value;
    else if (key == "init") c.init = value;
    else if (key == "learning_rate") c.learning_rate = float(number()), numeric_ok = !*end;
    else if (key == "momentum") c.momentum = float(number()), numeric_ok = !*end;
    else if (key == "beta2") c.beta2 = float(number()), numeric_ok = !*end;
    else if (key == "epsilon") c.epsilon = float(number()), numeric_ok = !*end;
    else if (key == "weight_decay") c.weight_decay = float(number()), numeric_ok = !*end;
    else if (key == "schedule_gamma") c.schedule_gamma = float(number()), numeric_ok = !*end;
    else if (key == "schedule_step_epochs") c.schedule_step_epochs = whole(), numeric_ok = !*end;
    else if (key == "batch_size") c.batch_size = whole(), numeric_ok = !*end;
    else if (key == "epochs") c.epochs = whole(), numeric_ok = !*end;
    else if (key == "train_limit") c.train_limit = whole(), numeric_ok = !*end;
    else if (key == "seed") {
      c.seed = std::strtoull(value.c_str(), &end, 10);
      numeric_ok = !*end && value.find_first_not_of("0123456789") == std::string::npos;
    }
    else if (key == "augment") c.augment = value == "1";
    // Unknown keys are skipped: files written by a newer version stay readable.
    if (!numeric_ok || value.empty())
      return Error{"config line " + std::to_string(line_number) + ": bad value for " + key};
  }
  if (Status s = validate_config(c); !s) return Error{s.error()};
  return c;
}

}  // namespace mnist
