#include "core/session/training_session.h"

#include <algorithm>
#include <cmath>
#include <exception>
#include <new>

#include "core/data/dataset.h"
#include "core/data/dataset_registry.h"
#include "core/io/model_file.h"
#include "core/io/code_export.h"
#include "core/io/onnx_export.h"
#include "core/io/trainer_snapshot.h"
#include "core/layers/conv2d.h"
#include "core/layers/dense.h"
#include "core/train/trainer.h"

namespace mnist {
namespace {

// "0", "1", ... "n-1": the names of classes known only by their labels.
std::vector<std::string> digit_class_names(std::size_t n) {
  std::vector<std::string> names;
  for (std::size_t i = 0; i < n; ++i) names.push_back(std::to_string(i));
  return names;
}

std::size_t highest_label(const Dataset& d) {
  const auto& labels = d.labels();
  return labels.empty() ? 0 : *std::max_element(labels.begin(), labels.end());
}

// 2 to 10 names of 1 to kMaxClassNameLength bytes, one for every label in `data`.
Status check_class_names(const std::vector<std::string>& names,
                         std::initializer_list<const Dataset*> data) {
  if (names.size() < 2 || names.size() > std::size_t(kDigitClasses)) {
    return Error{"a dataset needs 2 to " + std::to_string(kDigitClasses) + " classes, not " +
                 std::to_string(names.size())};
  }
  for (const std::string& name : names) {
    if (name.empty() || name.size() > kMaxClassNameLength) {
      return Error{"a class name must have 1 to " + std::to_string(kMaxClassNameLength) +
                   " bytes"};
    }
  }
  for (const Dataset* d : data) {
    if (!d->empty() && highest_label(*d) >= names.size()) {
      return Error{"the data has label " + std::to_string(highest_label(*d)) + " but only " +
                   std::to_string(names.size()) + " class names"};
    }
  }
  return Status::Ok();
}

// The message for the exception being handled (call only inside a catch block). Engine code
// reports bad input as values; what can still throw is allocation (std::bad_alloc, e.g. a model
// too big for memory) and the standard library, and neither may end the program or the worker.
// memory_hint: what to do about running out of memory, if the caller can say.
std::string exception_message(const std::string& doing, const std::string& memory_hint = "") {
  try {
    throw;
  } catch (const std::bad_alloc&) {
    return "out of memory while " + doing + (memory_hint.empty() ? "" : ": " + memory_hint);
  } catch (const std::exception& e) {
    return doing + " failed: " + e.what();
  } catch (...) {
    return doing + " failed with an unknown error";
  }
}

// Every value a network input can take is finite; name the first one that is not.
Status check_finite(const std::vector<float>& pixels) {
  for (std::size_t i = 0; i < pixels.size(); ++i) {
    if (!std::isfinite(pixels[i]))
      return Error{"pixel " + std::to_string(i) + " is " +
                   (std::isnan(pixels[i]) ? "NaN" : "infinite") +
                   ": pixels must be finite numbers in [0, 1]"};
  }
  return Status::Ok();
}

}  // namespace

struct TrainingSession::State {
  Dataset train, validation, test;
  std::vector<std::string> class_names = digit_class_names(kDigitClasses);
  TrainConfig config;
  std::unique_ptr<Trainer> trainer;
  std::unique_ptr<StepTrace> trace;  // of the last trace_step, until the model changes
  std::uint64_t memory_limit = kDefaultMemoryLimitBytes;

  // A new model of `bytes` is about to be built: if it and the current one would not both fit
  // in the limit, the current one goes first (in WebAssembly the heap cannot grow past 2 GiB, so
  // holding both could fail where the new one alone fits).
  void make_room_for(std::uint64_t bytes) {
    if (trainer && trainer->memory_budget().total_bytes > memory_limit - bytes) trainer.reset();
  }

  const Dataset& data(Split split) const {
    switch (split) {
      case Split::kTrain: return train;
      case Split::kValidation: return validation;
      case Split::kTest: return test;
    }
    return train;
  }
};

TrainingSession::TrainingSession() : state_(std::make_unique<State>()) {}
TrainingSession::~TrainingSession() = default;

Status TrainingSession::load_training_data(const std::uint8_t* images, std::size_t images_size,
                                           const std::uint8_t* labels,
                                           std::size_t labels_size) try {
  auto all = Dataset::from_idx_bytes(images, images_size, "train-images-idx3-ubyte", labels,
                                     labels_size, "train-labels-idx1-ubyte");
  if (!all) return Error{all.error()};
  if (all->size() < 2) {
    return Error{"train-images-idx3-ubyte: training needs at least 2 images (one for validation)"};
  }
  const std::size_t classes = std::max<std::size_t>(2, highest_label(*all) + 1);
  const std::size_t held_out = validation_count_for(all->size());
  auto split = split_train_validation(std::move(*all), held_out);
  if (!split) return Error{split.error()};
  state_->train = std::move(split->first);
  state_->validation = std::move(split->second);
  state_->class_names = digit_class_names(classes);
  return Status::Ok();
} catch (...) {
  return Error{exception_message("loading the training data")};
}

Status TrainingSession::load_test_data(const std::uint8_t* images, std::size_t images_size,
                                       const std::uint8_t* labels, std::size_t labels_size) try {
  auto test = Dataset::from_idx_bytes(images, images_size, "t10k-images-idx3-ubyte", labels,
                                      labels_size, "t10k-labels-idx1-ubyte");
  if (!test) return Error{test.error()};
  if (highest_label(*test) >= state_->class_names.size()) {
    return Error{"t10k-labels-idx1-ubyte has label " + std::to_string(highest_label(*test)) +
                 " but the training labels stop at " +
                 std::to_string(state_->class_names.size() - 1)};
  }
  state_->test = std::move(*test);
  return Status::Ok();
} catch (...) {
  return Error{exception_message("loading the test data")};
}

Status TrainingSession::set_class_names(std::vector<std::string> names) {
  Status checked = check_class_names(names, {&state_->train, &state_->validation, &state_->test});
  if (!checked.ok()) return checked;
  state_->class_names = std::move(names);
  return Status::Ok();
}

Status TrainingSession::load_datasets(Dataset training, Dataset test,
                                      std::vector<std::string> class_names) try {
  if (training.rows() != test.rows() || training.cols() != test.cols()) {
    return Error{"the training and test images differ in size"};
  }
  if (training.size() < 2) return Error{"training needs at least 2 images (one for validation)"};
  const std::size_t held_out = validation_count_for(training.size());
  auto split = split_train_validation(std::move(training), held_out);
  if (!split) return Error{split.error()};
  Status checked = check_class_names(class_names, {&split->first, &split->second, &test});
  if (!checked.ok()) return checked;
  state_->train = std::move(split->first);
  state_->validation = std::move(split->second);
  state_->test = std::move(test);
  state_->class_names = std::move(class_names);
  return Status::Ok();
} catch (...) {
  return Error{exception_message("loading the data")};
}

Status TrainingSession::load_idx_datasets(const IdxFiles& f,
                                          std::vector<std::string> class_names) try {
  auto training = Dataset::from_idx_bytes(f.train_images, f.train_images_size,
                                          "train-images-idx3-ubyte", f.train_labels,
                                          f.train_labels_size, "train-labels-idx1-ubyte");
  if (!training) return Error{training.error()};
  auto test = Dataset::from_idx_bytes(f.test_images, f.test_images_size, "t10k-images-idx3-ubyte",
                                      f.test_labels, f.test_labels_size, "t10k-labels-idx1-ubyte");
  if (!test) return Error{test.error()};
  if (class_names.empty()) {
    class_names = digit_class_names(std::max<std::size_t>(2, highest_label(*training) + 1));
  }
  return load_datasets(std::move(*training), std::move(*test), std::move(class_names));
} catch (...) {
  return Error{exception_message("loading the data")};
}

const std::vector<std::string>& TrainingSession::class_names() const {
  return state_->class_names;
}

int TrainingSession::class_count() const { return int(state_->class_names.size()); }

int TrainingSession::count(Split split) const { return int(state_->data(split).size()); }

std::vector<std::uint8_t> TrainingSession::image(Split split, int index) const try {
  const Dataset& d = state_->data(split);
  if (index < 0 || std::size_t(index) >= d.size()) return {};
  return std::vector<std::uint8_t>(d.image(index), d.image(index) + d.image_size());
} catch (...) {
  return {};  // out of memory for one image's copy: the caller sees "no image"
}

int TrainingSession::label(Split split, int index) const {
  const Dataset& d = state_->data(split);
  if (index < 0 || std::size_t(index) >= d.size()) return -1;
  return d.label(index);
}

Status TrainingSession::set_memory_limit(std::uint64_t bytes) {
  if (bytes == 0) return Error{"the memory limit must be more than 0 bytes"};
  state_->memory_limit = bytes;
  return Status::Ok();
}

std::uint64_t TrainingSession::memory_limit() const { return state_->memory_limit; }

Result<std::uint64_t> TrainingSession::memory_needed(const TrainConfig& config) const try {
  auto budget = estimate_training_memory(config);
  if (!budget) return Error{budget.error()};
  return budget->total_bytes;
} catch (...) {
  return Error{exception_message("estimating the model's memory")};
}

// Every check comes before anything is freed or built (Trainer::plan), so a refused configure
// leaves the current model as it was.
Status TrainingSession::configure(const TrainConfig& config) try {
  state_->trace.reset();
  const Shape input{1, 28, 28};
  auto plan = Trainer::plan(config, input, class_count(), state_->memory_limit);
  if (!plan) return Error{plan.error()};
  state_->make_room_for(plan->total_bytes);
  auto trainer = Trainer::create(config, input, class_count(), state_->memory_limit);
  if (!trainer) return Error{trainer.error()};
  state_->trainer = std::move(*trainer);
  state_->config = config;
  return Status::Ok();
} catch (...) {
  return Error{exception_message("building the model", "try a smaller model or batch size")};
}

const TrainConfig& TrainingSession::config() const { return state_->config; }

std::string TrainingSession::model_summary() const try {
  return state_->trainer ? state_->trainer->model().summary() : "";
} catch (...) {
  return "";
}

std::int64_t TrainingSession::parameter_count() const {
  return state_->trainer ? std::int64_t(state_->trainer->model().trainable_count()) : 0;
}

TrainProgress TrainingSession::train_batches(int max_batches, double seconds_budget) {
  state_->trace.reset();
  TrainProgress progress;
  if (!state_->trainer) {
    progress.error = "no model: configure one first";
    progress.error_kind = TrainError::kNoModel;
  } else if (state_->train.empty()) {
    progress.error = "no training data loaded";
    progress.error_kind = TrainError::kNoData;
  } else {
    try {
      progress = state_->trainer->train_batches(state_->train, max_batches, seconds_budget);
    } catch (...) {
      progress = TrainProgress{};  // error_kind none: not one of the kinds a caller can fix
      progress.error = exception_message("training", "try a smaller model or batch size");
    }
  }
  return progress;
}

Result<GradientCheckReport> TrainingSession::gradient_check(const GradientCheckOptions& options) try {
  if (!state_->trainer) return Error{"gradient check: no model: configure one first"};
  if (state_->train.empty()) return Error{"gradient check: no training data loaded"};
  if (options.per_layer < 1 || options.per_layer > kMaxGradientChecksPerLayer)
    return Error{"gradient check: parameters per layer must be from 1 to " +
                 std::to_string(kMaxGradientChecksPerLayer) + ", got " +
                 std::to_string(options.per_layer)};
  Trainer& trainer = *state_->trainer;
  const ProbeBatch probe = first_examples(state_->train, kGradientCheckExamples);
  return mnist::gradient_check(trainer.model(), *parse_loss(trainer.config().loss), probe, options);
} catch (...) {
  return Error{exception_message("checking the gradients")};
}

Result<NetworkHealth> TrainingSession::network_health() try {
  if (!state_->trainer) return Error{"network health: no model: configure one first"};
  if (state_->validation.empty()) return Error{"network health: no validation data loaded"};
  Trainer& trainer = *state_->trainer;
  const ProbeBatch probe = first_examples(state_->validation, kHealthExamples);
  return mnist::network_health(trainer.model(), *parse_loss(trainer.config().loss), probe);
} catch (...) {
  return Error{exception_message("measuring the network's health")};
}

TracedStep TrainingSession::trace_step() {
  TracedStep out;
  state_->trace.reset();
  Trainer* trainer = state_->trainer.get();
  if (!trainer || state_->train.empty()) {
    out.progress = train_batches(1);  // the usual no-model / no-data errors
    return out;
  }
  const Sequential& model = trainer->model();
  const OptimizerKind kind = trainer->optimizer().kind();
  const std::uint64_t needed =
      trace_bytes(model, trainer->config().batch_size, kind != OptimizerKind::kSgd,
                  kind == OptimizerKind::kAdam);
  const std::uint64_t held = trainer->memory_budget().total_bytes;
  if (held > state_->memory_limit || needed > state_->memory_limit - held) {
    out.progress.error = "tracing a step of this model at batch " +
                         std::to_string(trainer->config().batch_size) + " needs " +
                         std::to_string(needed >> 20) + " MiB beside the model, over the memory " +
                         "limit: lower the batch size";
    return out;
  }
  try {
    StepRecorder recorder(model, trainer->config());
    trainer->set_step_observer(&recorder);
    out.progress = trainer->train_batches(state_->train, 1);
    trainer->set_step_observer(nullptr);
    if (out.progress.error.empty() && recorder.complete()) {
      state_->trace = std::make_unique<StepTrace>(recorder.take());
      out.summary = summarize(*state_->trace, model, trainer->samples_seen());
    }
  } catch (...) {
    trainer->set_step_observer(nullptr);
    state_->trace.reset();
    out.progress = TrainProgress{};
    out.progress.error = exception_message("tracing a step", "lower the batch size");
  }
  return out;
}

bool TrainingSession::has_trace() const { return state_->trace && state_->trainer; }

Result<UnitExplanation> TrainingSession::explain_unit(int layer, int unit, int example, int row,
                                                      int col) const try {
  if (!has_trace()) return Error{"explain-unit: no traced step: trace one first"};
  return mnist::explain_unit(*state_->trace, state_->trainer->model(), layer, unit, example, row,
                             col);
} catch (...) {
  return Error{exception_message("explaining a unit")};
}

Status TrainingSession::extend_run(int more_epochs) {
  if (!state_->trainer) return Error{"no model to continue: configure or load one first"};
  if (more_epochs < 1 || more_epochs > kMaxEpochs)
    return Error{"the number of epochs to continue for must be from 1 to " +
                 std::to_string(kMaxEpochs) + ", got " + std::to_string(more_epochs)};
  Trainer& trainer = *state_->trainer;
  const bool mid_epoch = trainer.batch_in_epoch() > 0;
  const int total = trainer.epoch() + (mid_epoch ? 1 : 0) + more_epochs;
  if (total > kMaxEpochs)
    return Error{"cannot train " + std::to_string(more_epochs) + " more epochs: the model has " +
                 "trained " + std::to_string(trainer.epoch()) + " epochs" +
                 (mid_epoch ? " (plus part of the next)" : "") + " and a run may last at most " +
                 std::to_string(kMaxEpochs)};
  if (Status s = trainer.set_epochs(total); !s) return s;
  state_->config.epochs = total;
  return Status::Ok();
}

Status TrainingSession::set_learning_rate(float learning_rate) try {
  state_->trace.reset();
  if (!state_->trainer) return Error{"no model: configure or load one first"};
  Trainer& current = *state_->trainer;
  if (current.batch_in_epoch() > 0)
    return Error{"the learning rate can change only between epochs: the model is " +
                 std::to_string(current.batch_in_epoch()) + " batches into epoch " +
                 std::to_string(current.epoch() + 1)};
  ModelFile file = snapshot_trainer(current, true);
  file.config.learning_rate = learning_rate;
  const Shape input{1, 28, 28};
  auto plan = Trainer::plan(file.config, input, class_count(), state_->memory_limit);
  if (!plan) return Error{plan.error()};
  // The snapshot holds everything the new model needs, so the current one may go first.
  state_->make_room_for(plan->total_bytes);
  auto trainer = restore_trainer(file, input, class_count(), state_->memory_limit);
  if (!trainer) return Error{trainer.error()};
  state_->config = (*trainer)->config();
  state_->trainer = std::move(*trainer);
  return Status::Ok();
} catch (...) {
  return Error{exception_message("changing the learning rate", "the model is too big for memory here")};
}

TrainingPosition TrainingSession::position() const {
  TrainingPosition p;
  if (const Trainer* trainer = state_->trainer.get()) {
    p.epochs_done = trainer->epoch();
    p.batch_in_epoch = trainer->batch_in_epoch();
    p.samples_seen = trainer->samples_seen();
    p.epochs = trainer->config().epochs;
  }
  return p;
}

EvalMetrics TrainingSession::evaluate(Split split) {
  EvalMetrics metrics;
  if (!state_->trainer) {
    metrics.error = "no model: configure one first";
  } else if (state_->data(split).empty()) {
    metrics.error = "no data loaded for this split";
  } else {
    try {
      metrics = state_->trainer->evaluate(state_->data(split));
    } catch (...) {
      metrics = EvalMetrics{};
      metrics.error = exception_message("evaluating");
    }
  }
  return metrics;
}

Result<std::vector<float>> TrainingSession::predict(const std::vector<float>& pixels) try {
  if (!state_->trainer) return Error{"no model: configure one first"};
  if (Status s = check_finite(pixels); !s) return Error{"predict: " + s.error()};
  return state_->trainer->predict(pixels.data(), pixels.size());
} catch (...) {
  return Error{exception_message("predicting")};
}

Result<std::vector<FeatureMaps>> TrainingSession::feature_maps(
    const std::vector<float>& pixels) try {
  if (!state_->trainer) return Error{"no model: configure one first"};
  if (Status s = check_finite(pixels); !s) return Error{"feature maps: " + s.error()};
  auto probabilities = state_->trainer->predict(pixels.data(), pixels.size());
  if (!probabilities) return Error{probabilities.error()};
  const Sequential& model = state_->trainer->model();
  std::vector<FeatureMaps> maps;
  for (int i = 0; i < model.layer_count(); ++i) {
    const Shape shape = model.layer(i).output_shape();
    if (shape.height == 1 && shape.width == 1) continue;
    const float* out = model.activation(i);
    maps.push_back(FeatureMaps{i, model.layer(i).kind(), shape.channels, shape.height, shape.width,
                               std::vector<float>(out, out + shape.size())});
  }
  return maps;
} catch (...) {
  return Error{exception_message("computing the feature maps")};
}

int TrainingSession::layer_count() const {
  return state_->trainer ? state_->trainer->model().layer_count() : 0;
}

LayerWeights TrainingSession::layer_weights(int index) const try {
  LayerWeights out;
  if (index < 0 || index >= layer_count()) return out;
  const Layer& layer = state_->trainer->model().layer(index);
  out.kind = layer.kind();
  if (const auto* dense = dynamic_cast<const Dense*>(&layer)) {
    out.rows = dense->units();
    out.cols = dense->inputs();
    out.weights.assign(dense->weights(), dense->weights() + std::size_t(out.rows) * out.cols);
    out.bias.assign(dense->bias(), dense->bias() + out.rows);
  } else if (const auto* conv = dynamic_cast<const Conv2D*>(&layer)) {
    const Conv2DOptions& o = conv->options();
    out.channels = conv->input_shape().channels;
    out.kernel_h = o.kernel_h;
    out.kernel_w = o.kernel_w;
    out.rows = o.filters;
    out.cols = out.channels * o.kernel_h * o.kernel_w;
    out.weights.assign(conv->weights(), conv->weights() + std::size_t(out.rows) * out.cols);
    out.bias.assign(conv->bias(), conv->bias() + out.rows);
  }
  return out;
} catch (...) {
  return LayerWeights{};  // a copy of up to 2^28 weights may not fit: no weights to draw
}

std::vector<std::uint8_t> TrainingSession::save_model(bool with_optimizer_state) const try {
  if (!state_->trainer) return {};
  return encode_model_file(snapshot_trainer(*state_->trainer, with_optimizer_state));
} catch (...) {
  return {};
}

Result<std::vector<std::uint8_t>> TrainingSession::export_onnx() const try {
  if (!state_->trainer) return Error{"ONNX export: no model: configure or load one first"};
  return mnist::export_onnx(state_->trainer->model());
} catch (...) {
  return Error{
      exception_message("exporting the model to ONNX", "the model is too big for memory here")};
}

Result<std::string> TrainingSession::export_code(const std::string& framework) const try {
  auto parsed = parse_code_framework(framework);
  if (!parsed) return Error{parsed.error()};
  if (!state_->trainer) return Error{"Code export: no model: configure or load one first"};
  return mnist::export_code(state_->trainer->model(), *parsed);
} catch (...) {
  return Error{exception_message("exporting the model as code", "no memory left")};
}

// As configure: the file is decoded and its model checked before the current one may be freed.
Status TrainingSession::load_model(const std::uint8_t* bytes, std::size_t size) try {
  state_->trace.reset();
  const Shape input{1, 28, 28};
  auto file = decode_model_file(bytes, size);
  if (!file) return Error{file.error()};
  auto plan = Trainer::plan(file->config, input, class_count(), state_->memory_limit);
  if (!plan) return Error{"model file: " + plan.error()};
  // A file whose weights do not match its spec is refused by restore_trainer; keep the current
  // model for that case too.
  if (file->parameters.size() == plan->trainable_parameters)
    state_->make_room_for(plan->total_bytes);
  auto trainer = restore_trainer(*file, input, class_count(), state_->memory_limit);
  if (!trainer) return Error{trainer.error()};
  state_->config = (*trainer)->config();
  state_->trainer = std::move(*trainer);
  return Status::Ok();
} catch (...) {
  return Error{exception_message("loading the model file", "the model is too big for memory here")};
}

}  // namespace mnist
