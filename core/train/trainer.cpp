#include "core/train/trainer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

#include "core/data/augment.h"
#include "core/kernels/vector_ops.h"
#include "core/layers/activation.h"
#include "core/model/initializers.h"
#include "core/model/layer_shapes.h"
#include "core/train/output_loss.h"

namespace mnist {
namespace {

using Clock = std::chrono::steady_clock;

// "28x28x1 images" or "vectors of 784 values".
std::string input_text(Shape s) {
  if (s.height == 1 && s.channels == 1) return "vectors of " + std::to_string(s.width) + " values";
  return std::to_string(s.height) + "x" + std::to_string(s.width) + "x" +
         std::to_string(s.channels) + " images";
}

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

int count_correct(const float* out, const std::uint8_t* labels, int batch, int classes) {
  int correct = 0;
  for (int b = 0; b < batch; ++b)
    correct += kernels::argmax(classes, out + std::size_t(b) * classes) == labels[b];
  return correct;
}

}  // namespace

// Everything create() checks, in the order a user should fix it: the config, the data's shape,
// the layers (shapes, via the budget's walk), the output, the loss, then the memory.
Result<MemoryBudget> Trainer::plan(const TrainConfig& config, Shape input, int classes,
                                   std::uint64_t memory_limit) {
  if (Status s = validate_config(config); !s) return Error{s.error()};
  auto spec = parse_model_spec(config.model_spec);
  // A flat input of the right size takes the images row by row (input:784 for 28x28 images).
  const bool flat_fits = spec->input.height == 1 && spec->input.channels == 1 &&
                         spec->input.size() == input.size();
  if (!(spec->input == input) && !flat_fits)
    return Error{"model expects " + input_text(spec->input) + " but the data has " +
                 input_text(input) + " (height x width x channels)"};
  auto budget = estimate_training_memory(*spec, config);
  if (!budget) return Error{budget.error()};
  if (shape_values(budget->output) != std::uint64_t(classes))
    return Error{"model outputs " + std::to_string(shape_values(budget->output)) +
                 " values but the data has " + std::to_string(classes) +
                 " classes: end the model with dense:" + std::to_string(classes) + ":softmax"};
  const LossKind loss = *parse_loss(config.loss);
  const LayerSpec& last = spec->layers.back();
  const bool gives_probabilities =
      last.type == LayerSpec::Type::kSoftmax ||
      (last.type == LayerSpec::Type::kActivation && last.activation == ActivationKind::kSigmoid);
  if (loss != LossKind::kMse && !gives_probabilities)
    return Error{std::string(loss_name(loss)) + " needs probabilities: end the model with " +
                 "softmax (or sigmoid), e.g. dense:" + std::to_string(classes) + ":softmax"};
  if (Status s = check_memory_budget(*budget, memory_limit); !s) return Error{s.error()};
  return budget;
}

Result<std::unique_ptr<Trainer>> Trainer::create(const TrainConfig& config, Shape input,
                                                 int classes, std::uint64_t memory_limit) {
  auto budget = plan(config, input, classes, memory_limit);
  if (!budget) return Error{budget.error()};
  auto model = Sequential::build(*parse_model_spec(config.model_spec));
  if (!model) return Error{model.error()};
  auto trainer = std::unique_ptr<Trainer>(
      new Trainer(config, std::move(*model), *parse_loss(config.loss),
                  *parse_schedule(config.schedule), *parse_optimizer(config.optimizer),
                  std::move(*budget)));
  return trainer;
}

Trainer::Trainer(const TrainConfig& config, Sequential model, LossKind loss,
                 ScheduleKind schedule, OptimizerKind optimizer, MemoryBudget budget)
    : config_(config),
      budget_(std::move(budget)),
      model_(std::move(model)),
      loss_(loss),
      schedule_(schedule),
      optimizer_(optimizer, config, model_.parameter_count()),
      rng_(config.seed),
      evaluation_batch_(budget_.evaluation_batch) {
  // Initial weights come from their own stream so they depend on the seed and the model only.
  Rng init_rng(config.seed);
  model_.initialize(*parse_initializer(config.init), init_rng);
  rng_.reseed(config.seed * 0x9E3779B97F4A7C15ull + 1);
  const int max_batch = budget_.buffer_batch;
  model_.prepare(max_batch);
  x_.resize(std::size_t(max_batch) * model_.input_shape().size());
  d_output_.resize(std::size_t(max_batch) * model_.output_shape().size());
  labels_.resize(max_batch);
  augment_scratch_.resize(model_.input_shape().size());
}

std::size_t Trainer::allocated_bytes() const {
  return model_.allocated_bytes() + optimizer_.state_bytes() +
         (x_.size() + d_output_.size() + augment_scratch_.size()) * sizeof(float) +
         labels_.capacity();
}

void Trainer::set_position(int epoch, std::int64_t samples_seen) {
  epoch_ = epoch;
  batch_in_epoch_ = 0;
  samples_seen_ = samples_seen;
  order_.reset();
}

Status Trainer::set_epochs(int epochs) {
  TrainConfig next = config_;
  next.epochs = epochs;
  if (Status s = validate_config(next); !s) return s;
  config_ = next;
  return Status::Ok();
}

float Trainer::output_loss(const float* x, int batch, bool want_gradient, int& backward_from) {
  const int last = model_.layer_count() - 1;
  const float* logits = last > 0 ? model_.activation(last - 1) : x;
  const OutputLoss loss =
      mnist::output_loss(loss_, model_.layer(last), logits, model_.activation(last), labels_.data(),
                         batch, model_.output_shape().size(), want_gradient ? d_output_.data() : nullptr);
  backward_from = loss.fused ? last - 1 : last;
  return float(loss.loss);
}

float Trainer::train_step(int batch, float learning_rate, int& correct) {
  PassContext ctx{true, &rng_};
  const float* out = model_.forward(x_.data(), batch, ctx);
  correct = count_correct(out, labels_.data(), batch, model_.output_shape().size());
  int backward_from = 0;
  const float loss = output_loss(x_.data(), batch, true, backward_from);
  if (!std::isfinite(loss)) return loss;
  if (backward_from >= 0)
    model_.backward(x_.data(), d_output_.data(), backward_from, batch, observer_);
  if (config_.weight_decay > 0) {
    for (int i = 0; i < model_.layer_count(); ++i) {
      const Layer& layer = model_.layer(i);
      const std::size_t at = model_.parameter_offset(i) + layer.decayed_offset();
      kernels::axpy(int(layer.decayed_count()), config_.weight_decay, model_.parameters() + at,
                    model_.gradients() + at);
    }
  }
  if (observer_)
    observer_->before_update(StepView{model_, optimizer_, x_.data(), labels_.data(), batch,
                                      learning_rate, loss});
  optimizer_.step(model_.parameters(), model_.gradients(), learning_rate);
  if (observer_) observer_->after_update(model_, optimizer_);
  return loss;
}

TrainProgress Trainer::train_batches(const Dataset& data, int max_batches, double seconds_budget) {
  TrainProgress progress;
  const auto start = Clock::now();
  const int batch_size = config_.batch_size;
  // config.train_limit > 0: epochs visit only the first train_limit images.
  const std::size_t used = config_.train_limit > 0
                               ? std::min<std::size_t>(std::size_t(config_.train_limit), data.size())
                               : data.size();
  if (!order_ || order_->size() != used) {
    order_ = std::make_unique<EpochOrder>(std::uint32_t(used));
    batch_in_epoch_ = 0;
  }
  const int batches_per_epoch = int(order_->batches_per_epoch(batch_size));
  double loss_sum = 0;
  std::int64_t correct_sum = 0, samples = 0;
  if (diverged_) {
    progress.error = divergence_;
    progress.error_kind = TrainError::kDiverged;
  } else if (data.empty()) {
    progress.error = "no training data: the dataset has no images";
    progress.error_kind = TrainError::kNoData;
  } else if (data.image_size() != model_.input_shape().size()) {
    progress.error_kind = TrainError::kBadData;
    progress.error = "the data's images have " + std::to_string(data.image_size()) +
                     " pixels, the model expects " + std::to_string(model_.input_shape().size());
  } else {
    for (int i = 0; i < max_batches; ++i) {
      if (batch_in_epoch_ == 0) order_->start_shuffled_epoch(rng_);
      const IndexBatch batch = order_->next_batch(batch_size);
      data.gather_batch(batch.indices, batch.count, x_.data(), labels_.data());
      if (config_.augment)
        augment_batch(x_.data(), batch.count, data.rows(), data.cols(), AugmentOptions{}, rng_,
                      augment_scratch_.data());
      const double epochs_done = epoch_ + double(batch_in_epoch_) / batches_per_epoch;
      progress.learning_rate = learning_rate_at(schedule_, config_, epochs_done);
      int correct = 0;
      const float loss = train_step(batch.count, progress.learning_rate, correct);
      if (!std::isfinite(loss)) {
        char message[256];
        std::snprintf(message, sizeof message,
                      "training diverged: the loss became %s at epoch %d, batch %d. The learning "
                      "rate (%g) is probably too high: try %g.",
                      std::isnan(loss) ? "NaN" : "infinite", epoch_ + 1, batch_in_epoch_ + 1,
                      double(config_.learning_rate), double(config_.learning_rate) / 10);
        diverged_ = true;
        divergence_ = progress.error = message;
        progress.error_kind = TrainError::kDiverged;
        break;
      }
      if (i == 0) progress.first_batch_loss = loss;
      loss_sum += double(loss) * batch.count;
      correct_sum += correct;
      samples += batch.count;
      samples_seen_ += batch.count;
      ++progress.batches_run;
      if (++batch_in_epoch_ == batches_per_epoch) {
        ++epoch_;
        batch_in_epoch_ = 0;
        progress.epoch_finished = true;
        break;
      }
      if (seconds_budget > 0 && seconds_since(start) >= seconds_budget) break;
    }
  }
  progress.epoch = epoch_;
  progress.batch = batch_in_epoch_;
  progress.batches_per_epoch = batches_per_epoch;
  progress.samples_seen = samples_seen_;
  progress.loss = samples ? float(loss_sum / samples) : 0;
  progress.accuracy = samples ? float(double(correct_sum) / samples) : 0;
  progress.seconds = seconds_since(start);
  return progress;
}

EvalMetrics Trainer::evaluate(const Dataset& data) {
  EvalMetrics m;
  const int classes = model_.output_shape().size();
  if (data.image_size() != model_.input_shape().size()) {
    m.error = "the data's images have " + std::to_string(data.image_size()) +
              " pixels, the model expects " + std::to_string(model_.input_shape().size());
    return m;
  }
  m.count = int(data.size());
  m.confusion.assign(std::size_t(classes) * classes, 0);
  m.predicted.resize(data.size());
  m.confidence.resize(data.size());
  double loss_sum = 0;
  int correct = 0;
  for (std::size_t begin = 0; begin < data.size(); begin += evaluation_batch_) {
    const int n = int(std::min<std::size_t>(evaluation_batch_, data.size() - begin));
    data.gather_range(begin, n, x_.data(), labels_.data());
    const float* out = model_.forward(x_.data(), n, PassContext{false, nullptr});
    int unused = 0;
    loss_sum += double(output_loss(x_.data(), n, false, unused)) * n;
    for (int b = 0; b < n; ++b) {
      const float* row = out + std::size_t(b) * classes;
      const int guess = kernels::argmax(classes, row);
      m.predicted[begin + b] = std::uint8_t(guess);
      m.confidence[begin + b] = row[guess];
      m.confusion[std::size_t(labels_[b]) * classes + guess]++;
      correct += guess == labels_[b];
    }
  }
  m.loss = m.count ? float(loss_sum / m.count) : 0;
  m.accuracy = m.count ? float(correct) / m.count : 0;
  m.per_class_accuracy.assign(classes, 0);
  for (int c = 0; c < classes; ++c) {
    int total = 0;
    for (int p = 0; p < classes; ++p) total += m.confusion[std::size_t(c) * classes + p];
    m.per_class_accuracy[c] = total ? float(m.confusion[std::size_t(c) * classes + c]) / total : 0;
  }
  return m;
}

Result<std::vector<float>> Trainer::predict(const float* pixels, std::size_t count) {
  if (count != std::size_t(model_.input_shape().size()))
    return Error{"predict: got " + std::to_string(count) + " pixels, the model expects " +
                 std::to_string(model_.input_shape().size())};
  const float* out = model_.forward(pixels, 1, PassContext{false, nullptr});
  return std::vector<float>(out, out + model_.output_shape().size());
}

}  // namespace mnist
