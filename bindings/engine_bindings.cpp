// The Embind block: how JavaScript sees the engine. Only bindings and tiny adapters live here, no
// logic. Conventions, so web/engine.js can rely on them:
//   - bytes and pixels come in as typed arrays and are copied into C++ vectors with one bulk
//     TypedArray.set (no per-element calls);
//   - arrays go out as fresh typed-array copies (.slice() of a heap view), never as live views of
//     the wasm heap, which a later allocation may detach when memory grows;
//   - a failed Status becomes a non-empty error string ("" means success);
//   - 64-bit integers (seed, sample counts) cross as doubles: exact up to 2^53 and no BigInt needed.
// Every class_ handle returned to JavaScript must be .delete()d; web/engine.js owns them.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cstdint>
#include <string>
#include <vector>

#include "core/kernels/gemm_timing.h"
#include "core/model/presets.h"
#include "core/session/training_session.h"
#include "core/train/train_config.h"

// Written alongside this file by other engineers; bound when present so the build never depends
// on the order in which they land.
#if __has_include("core/data/digit_preprocess.h")
#include "core/data/digit_preprocess.h"
#define MNIST_HAVE_PREPROCESS 1
#endif
#if __has_include("core/data/sha256.h")
#include "core/data/sha256.h"
#define MNIST_HAVE_SHA256 1
#endif

using emscripten::val;
using namespace mnist;

namespace {

// ---------------------------------------------------------------- typed arrays in and out

// Copies a JS typed array (or array of numbers) into a vector: one TypedArray.set call.
template <class T>
std::vector<T> to_vector(const val& array) {
  return emscripten::convertJSArrayToNumberVector<T>(array);
}

// A fresh JS typed array holding a copy of `values` (Uint8Array, Int32Array, Float32Array, ...).
template <class T>
val to_typed_array(const std::vector<T>& values) {
  return val(emscripten::typed_memory_view(values.size(), values.data())).call<val>("slice");
}

// ---------------------------------------------------------------- 64-bit fields as doubles

double config_seed(const TrainConfig& c) { return static_cast<double>(c.seed); }
void set_config_seed(TrainConfig& c, double seed) { c.seed = static_cast<std::uint64_t>(seed); }
double progress_samples_seen(const TrainProgress& p) { return static_cast<double>(p.samples_seen); }
void set_progress_samples_seen(TrainProgress& p, double n) {
  p.samples_seen = static_cast<std::int64_t>(n);
}

// ---------------------------------------------------------------- structs with arrays as objects

val metrics_to_object(const EvalMetrics& m) {
  val out = val::object();
  out.set("error", m.error);  // non-empty: nothing was evaluated
  out.set("count", m.count);
  out.set("loss", m.loss);
  out.set("accuracy", m.accuracy);
  out.set("perClassAccuracy", to_typed_array(m.per_class_accuracy));  // Float32Array(10)
  out.set("confusion", to_typed_array(m.confusion));                  // Int32Array(100), row = true
  out.set("predicted", to_typed_array(m.predicted));                  // Uint8Array(count)
  out.set("confidence", to_typed_array(m.confidence));                // Float32Array(count)
  return out;
}

val weights_to_object(const LayerWeights& w) {
  val out = val::object();
  out.set("kind", w.kind);
  out.set("rows", w.rows);
  out.set("cols", w.cols);
  out.set("channels", w.channels);  // conv only: weights are (rows = filters, channels, kernelH, kernelW)
  out.set("kernelH", w.kernel_h);
  out.set("kernelW", w.kernel_w);
  out.set("weights", to_typed_array(w.weights));  // Float32Array(rows * cols), row-major
  out.set("bias", to_typed_array(w.bias));        // Float32Array
  return out;
}

// ---------------------------------------------------------------- TrainingSession adapters

std::string load_training(TrainingSession& s, const val& images, const val& labels) {
  const auto img = to_vector<std::uint8_t>(images);
  const auto lab = to_vector<std::uint8_t>(labels);
  return s.load_training_data(img.data(), img.size(), lab.data(), lab.size()).error();
}

std::string load_test(TrainingSession& s, const val& images, const val& labels) {
  const auto img = to_vector<std::uint8_t>(images);
  const auto lab = to_vector<std::uint8_t>(labels);
  return s.load_test_data(img.data(), img.size(), lab.data(), lab.size()).error();
}

std::string limit_training_data(TrainingSession& s, int count) {
  return s.limit_training_data(count).error();
}

std::string configure(TrainingSession& s, const TrainConfig& config) {
  return s.configure(config).error();
}

val image(const TrainingSession& s, Split split, int index) {
  return to_typed_array(s.image(split, index));
}

// All labels of a split as one Uint8Array (for choosing samples per class without 60,000 calls).
val labels(const TrainingSession& s, Split split) {
  std::vector<std::uint8_t> out(static_cast<std::size_t>(s.count(split)));
  for (std::size_t i = 0; i < out.size(); ++i) {
    out[i] = static_cast<std::uint8_t>(s.label(split, static_cast<int>(i)));
  }
  return to_typed_array(out);
}

double parameter_count(const TrainingSession& s) {
  return static_cast<double>(s.parameter_count());
}

val evaluate(TrainingSession& s, Split split) { return metrics_to_object(s.evaluate(split)); }

// {probabilities: Float32Array(10), error: ""} or {probabilities: null, error: "..."}.
val predict(TrainingSession& s, const val& pixels) {
  auto result = s.predict(to_vector<float>(pixels));
  val out = val::object();
  out.set("error", result.error());
  out.set("probabilities", result.ok() ? to_typed_array(result.value()) : val::null());
  return out;
}

// {maps: [{layer, kind, channels, height, width, values: Float32Array(c*h*w)}], error: ""}.
val feature_maps(TrainingSession& s, const val& pixels) {
  auto result = s.feature_maps(to_vector<float>(pixels));
  val out = val::object();
  out.set("error", result.error());
  val maps = val::array();
  if (result.ok()) {
    for (const FeatureMaps& f : result.value()) {
      val map = val::object();
      map.set("layer", f.layer);
      map.set("kind", f.kind);
      map.set("channels", f.channels);
      map.set("height", f.height);
      map.set("width", f.width);
      map.set("values", to_typed_array(f.values));
      maps.call<void>("push", map);
    }
  }
  out.set("maps", maps);
  return out;
}

val layer_weights(const TrainingSession& s, int index) {
  return weights_to_object(s.layer_weights(index));
}

val save_model(const TrainingSession& s, bool with_optimizer_state) {
  return to_typed_array(s.save_model(with_optimizer_state));
}

std::string load_model(TrainingSession& s, const val& bytes) {
  const auto data = to_vector<std::uint8_t>(bytes);
  return s.load_model(data.data(), data.size()).error();
}

// ---------------------------------------------------------------- free functions

TrainConfig default_config() { return TrainConfig{}; }

// [{id, name, description, config: TrainConfig}] in the engine's order (core/model/presets.h).
val js_presets() {
  val out = val::array();
  for (const Preset& p : presets()) {
    val preset = val::object();
    preset.set("id", p.id);
    preset.set("name", p.name);
    preset.set("description", p.description);
    preset.set("config", p.config);
    out.call<void>("push", preset);
  }
  return out;
}

#ifdef MNIST_HAVE_PREPROCESS
// gray: Uint8Array(width * height), 0 = background -> Float32Array(784) in [0, 1], MNIST-style.
val js_preprocess_drawing(const val& gray, int width, int height) {
  const auto pixels = to_vector<std::uint8_t>(gray);
  if (width <= 0 || height <= 0 || pixels.size() != static_cast<std::size_t>(width) * height) {
    return val::null();
  }
  return to_typed_array(mnist::preprocess_drawing(pixels.data(), width, height));
}
#endif

#ifdef MNIST_HAVE_SHA256
std::string js_sha256_hex(const val& bytes) {
  const auto data = to_vector<std::uint8_t>(bytes);
  return mnist::sha256_hex(data.data(), data.size());
}
#endif

}  // namespace

EMSCRIPTEN_BINDINGS(mnist_engine) {
  using namespace emscripten;

  enum_<Split>("Split")
      .value("Train", Split::kTrain)
      .value("Validation", Split::kValidation)
      .value("Test", Split::kTest);

  value_object<TrainConfig>("TrainConfig")
      .field("modelSpec", &TrainConfig::model_spec)
      .field("loss", &TrainConfig::loss)
      .field("optimizer", &TrainConfig::optimizer)
      .field("learningRate", &TrainConfig::learning_rate)
      .field("momentum", &TrainConfig::momentum)
      .field("beta2", &TrainConfig::beta2)
      .field("epsilon", &TrainConfig::epsilon)
      .field("weightDecay", &TrainConfig::weight_decay)
      .field("schedule", &TrainConfig::schedule)
      .field("scheduleGamma", &TrainConfig::schedule_gamma)
      .field("scheduleStepEpochs", &TrainConfig::schedule_step_epochs)
      .field("batchSize", &TrainConfig::batch_size)
      .field("epochs", &TrainConfig::epochs)
      .field("init", &TrainConfig::init)
      .field("seed", &config_seed, &set_config_seed)
      .field("augment", &TrainConfig::augment);

  enum_<kernels::Trans>("Trans")
      .value("No", kernels::Trans::kNo)
      .value("Trans", kernels::Trans::kTrans);

  value_object<kernels::GemmTiming>("GemmTiming")
      .field("secondsPerCall", &kernels::GemmTiming::seconds_per_call)
      .field("gflops", &kernels::GemmTiming::gflops);

  value_object<TrainProgress>("TrainProgress")
      .field("epoch", &TrainProgress::epoch)
      .field("batch", &TrainProgress::batch)
      .field("batchesPerEpoch", &TrainProgress::batches_per_epoch)
      .field("samplesSeen", &progress_samples_seen, &set_progress_samples_seen)
      .field("batchesRun", &TrainProgress::batches_run)
      .field("loss", &TrainProgress::loss)
      .field("accuracy", &TrainProgress::accuracy)
      .field("firstBatchLoss", &TrainProgress::first_batch_loss)
      .field("learningRate", &TrainProgress::learning_rate)
      .field("seconds", &TrainProgress::seconds)
      .field("epochFinished", &TrainProgress::epoch_finished)
      .field("error", &TrainProgress::error);

  class_<TrainingSession>("TrainingSession")
      .constructor<>()
      .function("loadTrainingData", &load_training)
      .function("loadTestData", &load_test)
      .function("limitTrainingData", &limit_training_data)
      .function("count", &TrainingSession::count)
      .function("image", &image)
      .function("label", &TrainingSession::label)
      .function("labels", &labels)
      .function("configure", &configure)
      .function("config", &TrainingSession::config)
      .function("modelSummary", &TrainingSession::model_summary)
      .function("parameterCount", &parameter_count)
      .function("trainBatches", &TrainingSession::train_batches)
      .function("evaluate", &evaluate)
      .function("predict", &predict)
      .function("featureMaps", &feature_maps)
      .function("layerCount", &TrainingSession::layer_count)
      .function("layerWeights", &layer_weights)
      .function("saveModel", &save_model)
      .function("loadModel", &load_model);

  function("defaultConfig", &default_config);
  function("presets", &js_presets);
  function("timeGemm", &kernels::time_gemm);  // (Trans, Trans, M, N, K, minSeconds) -> GemmTiming
#ifdef MNIST_HAVE_PREPROCESS
  function("preprocessDrawing", &js_preprocess_drawing);
#endif
#ifdef MNIST_HAVE_SHA256
  function("sha256Hex", &js_sha256_hex);
#endif
}
