// Command-line options of mnist-train, parsed into a TrainConfig plus what the CLI itself needs.
// Kept apart from main() so the parsing is tested.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/train/memory_budget.h"
#include "core/train/train_config.h"
#include "core/util/result.h"

namespace mnist {

struct CliOptions {
  TrainConfig config;
  std::string data_dir;      // empty: the default search (see default_data_dir)
  std::string dataset;       // --dataset: a built-in dataset's id (core/data/dataset_registry.h)
  std::string save_path;
  std::string load_path;     // evaluate a saved model instead of training
  std::string onnx_path;     // --export-onnx: the trained or loaded model as ONNX
  std::string pytorch_path;  // --export-pytorch: the model as PyTorch code (core/io/code_export.h)
  std::string keras_path;    // --export-keras: the model as Keras code
  std::string predict_json_path;  // --predict-json: the model's outputs for the test images
  int test_limit = 0;        // --limit-test: use the first N test images only (0: all)
  int threads = 0;           // --threads: 1..; 0 (the default) uses every core
  bool json = false;
  bool save_optimizer_state = true;
  bool progress_bar = true;  // only ever drawn on a terminal
  bool help = false;
  bool grammar = false;      // --grammar: print the model-spec grammar and the names (cli_grammar)
  // --memory-limit GiB: the most a model may need (core/train/memory_budget.h).
  std::uint64_t memory_limit_bytes = kDefaultMemoryLimitBytes;
};

// The range --memory-limit accepts, in GiB.
inline constexpr double kMinMemoryLimitGiB = 0.01;
inline constexpr double kMaxMemoryLimitGiB = 65536;

// args excludes the program name.
Result<CliOptions> parse_cli_options(const std::vector<std::string>& args);
std::string cli_usage();
// One line per name the engine knows, "LIST NAME [USAGE PARAMETER...]":
// "layer conv conv:FILTERS:KHxKW[...] filters kernel stride padding",
// "activation relu", "loss mse", "optimizer adam", "initializer zeros", "schedule cosine".
std::string cli_grammar();

// Where a built-in dataset's files are: for mnist ../shared/data/mnist when it exists (this
// project's shared copy), else data/mnist; for another, data/<id> (what scripts/fetch-data.sh
// fills), else Debian's /usr/share/datasets/<id>; "" when none exists.
std::string default_data_dir(const std::string& dataset);

}  // namespace mnist
