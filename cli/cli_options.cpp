#include "cli/cli_options.h"

#include <algorithm>
#include <cerrno>
#include <iterator>
#include <cmath>
#include <cstdlib>
#include <sys/stat.h>

#include "core/data/dataset_registry.h"
#include "core/model/initializers.h"
#include "core/model/presets.h"
#include "core/model/spec_grammar.h"
#include "core/train/loss.h"
#include "core/train/lr_schedule.h"
#include "core/train/optimizer.h"

namespace mnist {
namespace {

bool is_directory(const std::string& path) {
  struct stat st {};
  return stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

bool to_int(const std::string& s, int& out) {
  char* end = nullptr;
  errno = 0;
  const long v = std::strtol(s.c_str(), &end, 10);
  if (s.empty() || *end || errno || v < -2147483647 || v > 2147483647) return false;
  out = int(v);
  return true;
}

bool to_double(const std::string& s, double& out) {
  char* end = nullptr;
  errno = 0;
  const double v = std::strtod(s.c_str(), &end);
  if (s.empty() || *end || errno || !std::isfinite(v)) return false;
  out = v;
  return true;
}

bool to_float(const std::string& s, float& out) {
  double v = 0;
  if (!to_double(s, v)) return false;
  out = float(v);
  return true;
}

// "--memory-limit 2.5" -> bytes; false outside [kMinMemoryLimitGiB, kMaxMemoryLimitGiB].
bool to_memory_limit(const std::string& s, std::uint64_t& bytes) {
  double gib = 0;
  if (!to_double(s, gib) || gib < kMinMemoryLimitGiB || gib > kMaxMemoryLimitGiB) return false;
  bytes = std::uint64_t(gib * double(kGiB));
  return true;
}

// "presets:" and one line per preset: its id and name, from core/model/presets.cpp.
std::string preset_list() {
  std::string out = "presets:\n";
  for (const Preset& p : presets()) {
    std::string id = p.id;
    id.resize(std::max<std::size_t>(id.size(), 18), ' ');
    out += "  " + id + " " + p.name + "\n";
  }
  return out;
}

}  // namespace

std::string cli_usage() {
  return R"(usage: mnist-train [options]
Trains a network on MNIST and prints, per epoch, training loss and accuracy, validation accuracy,
seconds and samples/s; at the end the test accuracy.

  --data DIR         MNIST directory with the four IDX files (.gz or plain); default
                     ../shared/data/mnist if present, else data/mnist (scripts/fetch-data.sh).
                     Or your own images: DIR/<class>/*.png (or .jpg), 2 to 10 class folders,
                     or DIR/train/<class>/ and DIR/test/<class>/; the model then ends with
                     dense:<classes>:softmax
  --preset NAME      model and hyper-parameters (e.g. mlp trains 10 epochs), listed below;
                     other flags override single settings. Without a preset: the seed MLP for
                     1 epoch.
  --model SPEC       layers, e.g. dense:256:relu,dense:10:softmax (the default)
  --epochs N         default 1
  --batch N          mini-batch size, default 32
  --optimizer NAME   sgd | momentum | nesterov | adam (default)
  --lr X             learning rate, default 0.001
  --momentum X       momentum (or Adam's beta1), default 0.9
  --weight-decay X   L2 weight decay, default 0
  --schedule NAME    constant (default) | step | cosine
  --loss NAME        cross_entropy (default) | binary_cross_entropy | mse
  --init NAME        zeros | uniform | normal | glorot_uniform (default) | glorot_normal |
                     he_uniform | he_normal | normal_large (N(0, 1): far too large, on purpose)
  --seed N           default 1; the same seed reproduces a run bit for bit (for a given
                     thread count)
  --threads N        threads to train and evaluate with, default: every core (more than the
                     cores are clamped to them)
  --augment on|off   random shifts (up to 2 px) and rotations of training images
  --limit N          train on the first N training images only (0: all 55,000)
  --memory-limit GIB the most memory a model may need, in GiB (default 8): a bigger model or
                     batch is refused before anything is allocated
  --save FILE        write the trained model (spec, weights, optimizer state); the path is
                     checked before training and written atomically (temp file + rename)
  --load FILE        evaluate a saved model on the validation and test sets, no training
  --export-onnx FILE write the trained (or --load'ed) model as ONNX (opset 13): input "input"
                     (N, 1, 28, 28) = pixel / 255, output "probabilities" (N, 10); checked
                     before training, written atomically
  --export-pytorch FILE
  --export-keras FILE
                     write the model as Python code for PyTorch (>= 1.13) or Keras
                     (TensorFlow 2.x), with a function loading the weights from the
                     --export-onnx file; checked before training, written atomically
  --predict-json FILE
                     write the model's output for each test image as JSON:
                     {"model": SPEC, "probabilities": [[10 numbers], ...]} in test-file order
  --dataset ID       a built-in dataset: mnist (the default) or fashion-mnist; its files are
                     checked against their pinned SHA-256 sums and its class names used.
                     Found in data/ID (scripts/fetch-data.sh), or for fashion-mnist in Debian's
                     dataset-fashion-mnist (/usr/share/datasets/fashion-mnist), or --data DIR
  --limit-test N     evaluate and predict on the first N test images only (0: all 10,000)
  --json             one JSON object per line instead of text
  --grammar          list the model-spec layers (usage, parameters), activations, losses,
                     optimizers, initializers and schedules, one per line, and exit
  --no-progress      no progress bar
  --help
)" + preset_list();
}

std::string cli_grammar() {
  std::string out;
  for (const LayerKindInfo& kind : layer_kinds()) {
    out += std::string("layer ") + kind.name + " " + kind_usage(kind);
    for (const ParamInfo& p : kind.params) out += std::string(" ") + p.name;
    out += "\n";
  }
  for (const ActivationInfo& a : activations()) out += std::string("activation ") + a.name + "\n";
  const std::pair<const char*, const std::vector<NamedChoice>*> lists[] = {
      {"loss", &loss_choices()}, {"optimizer", &optimizer_choices()},
      {"initializer", &initializer_choices()}, {"schedule", &schedule_choices()}};
  for (const auto& [list, choices] : lists)
    for (const NamedChoice& c : *choices) out += std::string(list) + " " + c.name + "\n";
  return out;
}

std::string default_data_dir(const std::string& dataset) {
  const std::vector<std::string> candidates =
      dataset == "mnist" ? std::vector<std::string>{"../shared/data/mnist", "data/mnist"}
                         : std::vector<std::string>{"data/" + dataset,
                                                    "/usr/share/datasets/" + dataset};
  for (const std::string& dir : candidates)
    if (is_directory(dir.c_str())) return dir;
  return "";
}

Result<CliOptions> parse_cli_options(const std::vector<std::string>& args) {
  CliOptions o;
  // A preset sets the whole config, wherever it stands; the other flags then refine it.
  for (std::size_t i = 0; i + 1 < args.size(); ++i) {
    if (args[i] != "--preset") continue;
    auto preset = find_preset(args[i + 1]);
    if (!preset) return Error{"--preset: " + preset.error()};
    o.config = preset->config;
  }
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& flag = args[i];
    auto bad = [&](const std::string& why) { return Error{flag + ": " + why}; };
    if (flag == "--help" || flag == "-h") { o.help = true; continue; }
    if (flag == "--json") { o.json = true; continue; }
    if (flag == "--grammar") { o.grammar = true; continue; }
    if (flag == "--no-progress") { o.progress_bar = false; continue; }
    if (flag.rfind("--", 0) != 0) return Error{"unexpected argument '" + flag + "' (see --help)"};
    static const char* const kValueFlags[] = {
        "--preset", "--data", "--model", "--optimizer", "--schedule", "--loss", "--init", "--save",
        "--load", "--augment", "--limit", "--epochs", "--batch", "--lr", "--momentum", "--weight-decay",
        "--seed", "--memory-limit", "--export-onnx", "--export-pytorch", "--export-keras",
        "--predict-json", "--limit-test", "--dataset", "--threads"};
    if (std::find(std::begin(kValueFlags), std::end(kValueFlags), flag) == std::end(kValueFlags))
      return Error{"unknown option '" + flag + "' (see --help)"};
    if (i + 1 >= args.size()) return bad("needs a value");
    const std::string& value = args[++i];
    if (flag == "--preset") continue;  // applied before the loop
    if (flag == "--data") o.data_dir = value;
    else if (flag == "--dataset") {
      if (!find_builtin_dataset(value))
        return bad("unknown dataset '" + value + "': choose " + builtin_dataset_ids());
      o.dataset = value;
    }
    else if (flag == "--model") o.config.model_spec = value;
    else if (flag == "--optimizer") o.config.optimizer = value;
    else if (flag == "--schedule") o.config.schedule = value;
    else if (flag == "--loss") o.config.loss = value;
    else if (flag == "--init") o.config.init = value;
    else if (flag == "--save") o.save_path = value;
    else if (flag == "--load") o.load_path = value;
    else if (flag == "--export-onnx") o.onnx_path = value;
    else if (flag == "--export-pytorch") o.pytorch_path = value;
    else if (flag == "--export-keras") o.keras_path = value;
    else if (flag == "--predict-json") o.predict_json_path = value;
    else if (flag == "--limit-test") {
      if (!to_int(value, o.test_limit) || o.test_limit < 0)
        return bad("expects a non-negative integer, got '" + value + "'");
    }
    else if (flag == "--threads") {
      if (!to_int(value, o.threads) || o.threads < 1)
        return bad("expects a positive integer, got '" + value + "'");
    }
    else if (flag == "--augment") {
      if (value != "on" && value != "off") return bad("expects on or off, got '" + value + "'");
      o.config.augment = value == "on";
    }
    else if (flag == "--memory-limit") {
      if (!to_memory_limit(value, o.memory_limit_bytes))
        return bad("expects a size in GiB from 0.01 to 65536, got '" + value + "'");
    }
    else if (flag == "--limit") { if (!to_int(value, o.config.train_limit)) return bad("expects an integer, got '" + value + "'"); }
    else if (flag == "--epochs") { if (!to_int(value, o.config.epochs)) return bad("expects an integer, got '" + value + "'"); }
    else if (flag == "--batch") { if (!to_int(value, o.config.batch_size)) return bad("expects an integer, got '" + value + "'"); }
    else if (flag == "--lr") { if (!to_float(value, o.config.learning_rate)) return bad("expects a number, got '" + value + "'"); }
    else if (flag == "--momentum") { if (!to_float(value, o.config.momentum)) return bad("expects a number, got '" + value + "'"); }
    else if (flag == "--weight-decay") { if (!to_float(value, o.config.weight_decay)) return bad("expects a number, got '" + value + "'"); }
    else if (flag == "--seed") {
      char* end = nullptr;
      errno = 0;
      o.config.seed = std::strtoull(value.c_str(), &end, 10);
      if (value.empty() || *end || errno || value[0] == '-') return bad("expects a non-negative integer, got '" + value + "'");
    }
  }
  if (o.help || o.grammar) return o;
  if (Status s = validate_config(o.config); !s) return Error{s.error()};
  if (o.data_dir.empty()) o.data_dir = default_data_dir(o.dataset.empty() ? "mnist" : o.dataset);
  if (o.data_dir.empty()) {
    const std::string id = o.dataset.empty() ? "mnist" : o.dataset;
    return Error{"no " + find_builtin_dataset(id)->name + " directory found: run "
                 "'bash scripts/fetch-data.sh' or pass --data DIR"};
  }
  return o;
}

}  // namespace mnist
