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
#include <optional>
#include <string>
#include <vector>

#include "core/data/dataset_registry.h"
#include "core/data/digit_preprocess.h"
#include "core/data/image_folder.h"
#include "core/data/sha256.h"
#include "core/kernels/gemm.h"
#include "core/kernels/gemm_timing.h"
#include "core/model/presets.h"
#include "core/session/training_session.h"
#include "core/train/metrics.h"
#include "core/train/train_config.h"
#include "core/util/parallel.h"

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

// A plain JS Array of the values (for short integer lists: labels, shapes): one Array.from call.
template <class T>
val to_plain_array(const std::vector<T>& values) {
  return val::global("Array").call<val>("from", to_typed_array(values));
}

// [channels, height, width]
val shape_array(Shape s) { return to_plain_array(std::vector<int>{s.channels, s.height, s.width}); }

// ---------------------------------------------------------------- 64-bit fields as doubles

// web/engine.js lets only safe non-negative integers through: casting a NaN or negative double
// to uint64 would be undefined behaviour.
double config_seed(const TrainConfig& c) { return static_cast<double>(c.seed); }
void set_config_seed(TrainConfig& c, double seed) { c.seed = static_cast<std::uint64_t>(seed); }

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

// One train_batches() call as a plain object; error_kind becomes its name (train_error_name:
// "" | "diverged" | "no-model" | "no-data" | "bad-data") so the worker can react to the kind.
val progress_to_object(const TrainProgress& p) {
  val out = val::object();
  out.set("epoch", p.epoch);  // 0-based epoch the next batch belongs to
  out.set("batch", p.batch);  // batches done in that epoch
  out.set("batchesPerEpoch", p.batches_per_epoch);
  out.set("samplesSeen", static_cast<double>(p.samples_seen));  // over the whole run
  out.set("batchesRun", p.batches_run);                         // in this call
  out.set("loss", p.loss);
  out.set("accuracy", p.accuracy);
  out.set("firstBatchLoss", p.first_batch_loss);
  out.set("learningRate", p.learning_rate);
  out.set("seconds", p.seconds);
  out.set("epochFinished", p.epoch_finished);
  out.set("error", p.error);  // non-empty: training stopped
  out.set("errorKind", std::string(train_error_name(p.error_kind)));
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

// StepSummary (core/teach/step_trace.h) as the worker's step-traced fields.
val step_summary_to_object(const StepSummary& s) {
  val out = val::object();
  out.set("batchSize", s.batch);
  out.set("samplesSeen", static_cast<double>(s.samples_seen));
  out.set("loss", s.loss);
  out.set("labels", to_plain_array(s.labels));
  out.set("predictions", to_plain_array(s.predictions));
  out.set("images", to_typed_array(s.images));  // Float32Array(batchSize * input size)
  val layers = val::array();
  for (const TracedLayer& l : s.layers) {
    val layer = val::object();
    layer.set("index", l.index);
    layer.set("kind", l.kind);
    layer.set("spec", l.spec);
    layer.set("units", l.units);
    layer.set("explainable", l.explainable);
    layer.set("inputShape", shape_array(l.input));
    layer.set("outputShape", shape_array(l.output));
    layer.set("activation", l.activation);
    layers.call<void>("push", layer);
  }
  out.set("layers", layers);
  return out;
}

val optimizer_to_object(const OptimizerSnapshot& o) {
  val out = val::object();
  out.set("kind", o.kind);
  out.set("learningRate", o.learning_rate);
  out.set("step", static_cast<double>(o.step));
  out.set("momentum", o.momentum);
  out.set("beta1", o.beta1);
  out.set("beta2", o.beta2);
  out.set("epsilon", o.epsilon);
  out.set("biasCorrection1", o.bias_correction1);
  out.set("biasCorrection2", o.bias_correction2);
  out.set("weightDecay", o.weight_decay);
  return out;
}

// UnitExplanation (core/teach/unit_explanation.h): vectors as Float32Array, shapes as arrays.
val explanation_to_object(const UnitExplanation& e) {
  val out = val::object();
  out.set("layer", e.layer);
  out.set("kind", e.kind);
  out.set("unit", e.unit);
  out.set("example", e.example);
  out.set("label", e.label);
  out.set("position", e.kind == "conv" ? to_plain_array(std::vector<int>{e.row, e.col}) : val::null());
  out.set("inputShape", shape_array(e.input));
  out.set("x", to_typed_array(e.x));
  out.set("w", to_typed_array(e.w));
  out.set("b", e.b);
  out.set("z", e.z);
  out.set("activation", e.activation);
  out.set("a", e.a);
  out.set("dLda", e.dL_da);
  out.set("dLdz", e.dL_dz);
  out.set("dLdw", to_typed_array(e.dL_dw));
  out.set("dLdb", e.dL_db);
  out.set("batchGradW", to_typed_array(e.batch_grad_w));
  out.set("batchGradB", e.batch_grad_b);
  out.set("optimizer", optimizer_to_object(e.optimizer));
  out.set("wAfter", to_typed_array(e.w_after));
  out.set("bAfter", e.b_after);
  out.set("deltaW", to_typed_array(e.delta_w));
  out.set("deltaB", e.delta_b);
  out.set("mBefore", to_typed_array(e.m_before));
  out.set("mAfter", to_typed_array(e.m_after));
  out.set("vBefore", to_typed_array(e.v_before));
  out.set("vAfter", to_typed_array(e.v_after));
  out.set("loss", e.loss);
  out.set("probabilities", to_typed_array(e.probabilities));
  return out;
}

val gradient_check_to_object(const GradientCheckReport& r) {
  val out = val::object();
  out.set("examples", r.examples);
  out.set("epsilon", r.options.relative_step);  // h = epsilon·|θ| within [minStep, maxStep]
  out.set("minStep", r.options.min_step);
  out.set("maxStep", r.options.max_step);
  out.set("minGradientFraction", r.options.min_gradient_fraction);
  val layers = val::array();
  for (const LayerGradientCheck& l : r.layers) {
    val layer = val::object();
    layer.set("index", l.index);
    layer.set("kind", l.kind);
    val checks = val::array();
    for (const GradientCheckEntry& c : l.checks) {
      val check = val::object();
      check.set("parameter", static_cast<double>(c.parameter));
      check.set("name", c.name);
      check.set("backprop", c.backprop);
      check.set("numeric", c.numeric);
      check.set("step", c.step);
      check.set("relativeError", c.relative_error);
      checks.call<void>("push", check);
    }
    layer.set("checks", checks);
    layer.set("maxRelativeError", l.max_relative_error);
    layer.set("redrawn", l.redrawn);
    layer.set("unchecked", l.unchecked);
    layers.call<void>("push", layer);
  }
  out.set("layers", layers);
  out.set("maxRelativeError", r.max_relative_error);
  return out;
}

val histogram_to_object(const std::optional<Histogram>& h) {
  if (!h) return val::null();
  val out = val::object();
  out.set("min", h->min);
  out.set("max", h->max);
  out.set("counts", to_plain_array(h->counts));
  return out;
}

val optional_number(const std::optional<double>& v) { return v ? val(*v) : val::null(); }

val health_to_object(const NetworkHealth& h, double samples_seen) {
  val out = val::object();
  out.set("samplesSeen", samples_seen);
  out.set("examples", h.examples);
  val layers = val::array();
  for (const LayerHealth& l : h.layers) {
    val layer = val::object();
    layer.set("index", l.index);
    layer.set("kind", l.kind);
    layer.set("spec", l.spec);
    layer.set("weights", histogram_to_object(l.weights));
    layer.set("activations", histogram_to_object(l.activations));
    layer.set("gradients", histogram_to_object(l.gradients));
    layer.set("gradientNorm", optional_number(l.gradient_norm));
    layer.set("deadPercent", optional_number(l.dead_percent));
    layer.set("saturatedPercent", optional_number(l.saturated_percent));
    layers.call<void>("push", layer);
  }
  out.set("layers", layers);
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

// A JS array of strings as a vector (vecFromJSArray copies each element through Embind).
std::vector<std::string> to_strings(const val& array) {
  return emscripten::vecFromJSArray<std::string>(array);
}

val strings_array(const std::vector<std::string>& values) {
  val out = val::array();
  for (const std::string& v : values) out.call<void>("push", v);
  return out;
}

// The four IDX files (Uint8Arrays, uncompressed) and the class names ([] for "0".."n-1").
std::string load_idx_data(TrainingSession& s, const val& train_images, const val& train_labels,
                          const val& test_images, const val& test_labels, const val& names) {
  const auto ti = to_vector<std::uint8_t>(train_images);
  const auto tl = to_vector<std::uint8_t>(train_labels);
  const auto ei = to_vector<std::uint8_t>(test_images);
  const auto el = to_vector<std::uint8_t>(test_labels);
  const TrainingSession::IdxFiles files{ti.data(), ti.size(), tl.data(), tl.size(),
                                        ei.data(), ei.size(), el.data(), el.size()};
  return s.load_idx_datasets(files, to_strings(names)).error();
}

val class_names(const TrainingSession& s) { return strings_array(s.class_names()); }

// A folder of one's own images, file by file (core/data/image_folder.h), then into a session.
class ImageUpload {
 public:
  // "" or the reader's error, which names the file.
  std::string add(const std::string& path, const val& bytes) {
    const auto data = to_vector<std::uint8_t>(bytes);
    return reader_.add(path, data.data(), data.size()).error();
  }
  int images() const { return int(reader_.images()); }
  // {error} or {error: "", inverted, resized, sourceWidth, sourceHeight, testFromFolder, skipped}.
  val finish_into(TrainingSession& s) {
    val out = val::object();
    auto data = reader_.finish();
    if (!data) return out.set("error", data.error()), out;
    const std::string error =
        s.load_datasets(std::move(data->train), std::move(data->test), data->class_names).error();
    out.set("error", error);
    out.set("inverted", data->inverted);
    out.set("resized", data->resized);
    out.set("sourceWidth", data->source_cols);
    out.set("sourceHeight", data->source_rows);
    out.set("testFromFolder", data->test_from_folder);
    out.set("skipped", strings_array(data->skipped));
    return out;
  }

 private:
  ImageFolderReader reader_;
};

std::string configure(TrainingSession& s, const TrainConfig& config) {
  return s.configure(config).error();
}

val train_batches(TrainingSession& s, int max_batches, double seconds_budget) {
  return progress_to_object(s.train_batches(max_batches, seconds_budget));
}

// train_batches(1)'s progress object with `trace`: the step's summary, or null when it failed.
val js_trace_step(TrainingSession& s) {
  const TracedStep step = s.trace_step();
  val out = progress_to_object(step.progress);
  out.set("trace", step.progress.error.empty() ? step_summary_to_object(step.summary) : val::null());
  return out;
}

// {explanation, error: ""} or {explanation: null, error: "..."}.
val js_explain_unit(const TrainingSession& s, int layer, int unit, int example, int row, int col) {
  auto result = s.explain_unit(layer, unit, example, row, col);
  val out = val::object();
  out.set("error", result.error());
  out.set("explanation", result.ok() ? explanation_to_object(result.value()) : val::null());
  return out;
}

// {report, error: ""} or {report: null, error: "..."}; seed: a safe integer (web/engine.js checks).
val js_gradient_check(TrainingSession& s, int per_layer, double seed) {
  GradientCheckOptions options;
  options.per_layer = per_layer;
  options.seed = static_cast<std::uint64_t>(seed);
  auto result = s.gradient_check(options);
  val out = val::object();
  out.set("error", result.error());
  out.set("report", result.ok() ? gradient_check_to_object(result.value()) : val::null());
  return out;
}

// {health, error: ""} or {health: null, error: "..."}.
val js_network_health(TrainingSession& s) {
  auto result = s.network_health();
  val out = val::object();
  out.set("error", result.error());
  out.set("health", result.ok() ? health_to_object(result.value(),
                                                   static_cast<double>(s.position().samples_seen))
                                : val::null());
  return out;
}

std::string extend_run(TrainingSession& s, int more_epochs) {
  return s.extend_run(more_epochs).error();
}

std::string set_learning_rate(TrainingSession& s, float learning_rate) {
  return s.set_learning_rate(learning_rate).error();
}

// {epochsDone, batchInEpoch, samplesSeen, epochs}: where the model stands (all 0 without one).
val position(const TrainingSession& s) {
  const TrainingPosition p = s.position();
  val out = val::object();
  out.set("epochsDone", p.epochs_done);
  out.set("batchInEpoch", p.batch_in_epoch);
  out.set("samplesSeen", static_cast<double>(p.samples_seen));
  out.set("epochs", p.epochs);
  return out;
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

// {bytes: Uint8Array, error: ""}: the model as an ONNX file (core/io/onnx_export.h); on error
// bytes is empty and error says why (no model, or a layer ONNX export does not map).
val export_onnx(const TrainingSession& s) {
  auto result = s.export_onnx();
  val out = val::object();
  out.set("error", result.error());
  out.set("bytes", to_typed_array(result.ok() ? result.value() : std::vector<std::uint8_t>{}));
  return out;
}

// {text: "", error: ""}: the model as Python code, framework "pytorch" or "keras"
// (core/io/code_export.h); on error text is empty and error says why.
val export_code(const TrainingSession& s, const std::string& framework) {
  auto result = s.export_code(framework);
  val out = val::object();
  out.set("error", result.error());
  out.set("text", result.ok() ? result.value() : std::string());
  return out;
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

// The built-in datasets (core/data/dataset_registry.h) as plain objects.
val js_datasets() {
  val out = val::array();
  for (const DatasetInfo& d : builtin_datasets()) {
    val files = val::array();
    for (const DatasetFile& f : d.files) {
      val file = val::object();
      file.set("name", f.name);
      file.set("sha256", f.sha256);
      files.call<void>("push", file);
    }
    val dataset = val::object();
    dataset.set("id", d.id);
    dataset.set("name", d.name);
    dataset.set("description", d.description);
    dataset.set("classNames", strings_array(d.class_names));
    dataset.set("files", files);
    dataset.set("source", d.source);
    dataset.set("licence", d.licence);
    out.call<void>("push", dataset);
  }
  return out;
}

// gray: Uint8Array(width * height), 0 = background -> Float32Array(784) in [0, 1], MNIST-style.
val js_preprocess_drawing(const val& gray, int width, int height) {
  const auto pixels = to_vector<std::uint8_t>(gray);
  if (width <= 0 || height <= 0 || pixels.size() != static_cast<std::size_t>(width) * height) {
    return val::null();
  }
  return to_typed_array(mnist::preprocess_drawing(pixels.data(), width, height));
}

std::string js_sha256_hex(const val& bytes) {
  const auto data = to_vector<std::uint8_t>(bytes);
  return mnist::sha256_hex(data.data(), data.size());
}

// The kernels' architecture as compiled: "wasm" (SIMD128, 4 float lanes) or "scalar".
std::string js_simd_arch() { return kernels::simd_arch_name(); }

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
      .field("trainLimit", &TrainConfig::train_limit)  // first N training images only (0: all)
      .field("augment", &TrainConfig::augment);

  enum_<kernels::Trans>("Trans")
      .value("No", kernels::Trans::kNo)
      .value("Trans", kernels::Trans::kTrans);

  value_object<kernels::GemmTiming>("GemmTiming")
      .field("secondsPerCall", &kernels::GemmTiming::seconds_per_call)
      .field("gflops", &kernels::GemmTiming::gflops);

  class_<TrainingSession>("TrainingSession")
      .constructor<>()
      .function("loadTrainingData", &load_training)
      .function("loadTestData", &load_test)
      .function("loadIdxData", &load_idx_data)
      .function("classNames", &class_names)
      .function("count", &TrainingSession::count)
      .function("image", &image)
      .function("labels", &labels)
      .function("configure", &configure)
      .function("config", &TrainingSession::config)
      .function("modelSummary", &TrainingSession::model_summary)
      .function("parameterCount", &parameter_count)
      .function("trainBatches", &train_batches)
      .function("traceStep", &js_trace_step)
      .function("hasTrace", &TrainingSession::has_trace)
      .function("explainUnit", &js_explain_unit)
      .function("gradientCheck", &js_gradient_check)
      .function("networkHealth", &js_network_health)
      .function("extendRun", &extend_run)
      .function("setLearningRate", &set_learning_rate)
      .function("position", &position)
      .function("evaluate", &evaluate)
      .function("predict", &predict)
      .function("featureMaps", &feature_maps)
      .function("layerCount", &TrainingSession::layer_count)
      .function("layerWeights", &layer_weights)
      .function("saveModel", &save_model)
      .function("loadModel", &load_model)
      .function("exportOnnx", &export_onnx)
      .function("exportCode", &export_code);

  function("defaultConfig", &default_config);
  class_<ImageUpload>("ImageUpload")
      .constructor<>()
      .function("add", &ImageUpload::add)
      .function("images", &ImageUpload::images)
      .function("finishInto", &ImageUpload::finish_into);
  function("presets", &js_presets);
  function("datasets", &js_datasets);
  function("timeGemm", &kernels::time_gemm);  // (Trans, Trans, M, N, K, minSeconds) -> GemmTiming
  function("preprocessDrawing", &js_preprocess_drawing);
  function("sha256Hex", &js_sha256_hex);
  function("simdArch", &js_simd_arch);
  // The engine's threads (core/util/parallel.h): 1 in a build without -pthread. setThreads clamps
  // to [1, maxThreads()] and must not be called while a session call runs.
  function("maxThreads", &parallel::max_threads);
  function("threads", &parallel::threads);
  function("setThreads", &parallel::set_threads);
}
