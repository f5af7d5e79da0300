// mnist-train: the engine's native command line. Loads MNIST (gzip or plain IDX, checksummed) or a
// folder of the user's own images (one folder per class), trains epoch by epoch with a progress
// bar, reports validation and test accuracy, and saves or evaluates model files. Every bad input
// ends with one line naming the file and the problem and a non-zero exit code; so does a model
// too big for --memory-limit (refused before the data is read) and an unwritable --save,
// --export-* or --predict-json path or a model ONNX (or the code export) cannot express (refused
// before training).
#include <cstdio>
#include <exception>
#include <fstream>
#include <new>
#include <optional>
#include <string>
#include <vector>
#include <unistd.h>

#include "cli/atomic_file.h"
#include "cli/cli_options.h"
#include "cli/epoch_tally.h"
#include "cli/image_dir.h"
#include "cli/mnist_files.h"
#include "cli/predictions_json.h"
#include "core/io/code_export.h"
#include "core/io/onnx_export.h"
#include "core/io/trainer_snapshot.h"
#include "core/kernels/gemm.h"
#include "core/util/parallel.h"

using namespace mnist;

namespace {

int fail(const std::string& message) {
  std::fprintf(stderr, "mnist-train: %s\n", message.c_str());
  return 1;
}

void draw_progress(const TrainProgress& p, int epochs) {
  constexpr int kWidth = 30;
  const double done = double(p.batch) / p.batches_per_epoch;
  const int filled = int(done * kWidth);
  std::fprintf(stderr, "\repoch %d/%d [%s%s] %3d%%  loss %.4f  acc %.2f%%", p.epoch + 1, epochs,
               std::string(filled, '#').c_str(), std::string(kWidth - filled, '.').c_str(),
               int(done * 100), double(p.loss), 100.0 * p.accuracy);
  std::fflush(stderr);
}

void clear_progress() {
  std::fprintf(stderr, "\r%80s\r", "");
  std::fflush(stderr);
}

void print_test(const EvalMetrics& test, const CliOptions& o, double total_seconds, int epochs) {
  if (o.json)
    std::printf("{\"test_acc\":%.6f,\"test_loss\":%.6f,\"epochs\":%d,\"total_seconds\":%.3f}\n",
                double(test.accuracy), double(test.loss), epochs, total_seconds);
  else
    std::printf("test accuracy: %.2f%% (loss %.4f, %d images)\n", 100.0 * test.accuracy,
                double(test.loss), test.count);
}

// A model file, read whole; one larger than the memory limit could not be loaded anyway.
Result<std::vector<std::uint8_t>> read_model_file(const std::string& path, std::uint64_t limit) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return Error{path + ": cannot open"};
  const std::streamoff size = in.tellg();
  if (size < 0) return Error{path + ": cannot read its size"};
  if (std::uint64_t(size) > limit)
    return Error{path + ": " + format_bytes(std::uint64_t(size), true) + " is more than the " +
                 "memory limit (" + format_bytes(limit, false) + ", --memory-limit)"};
  std::vector<std::uint8_t> bytes(static_cast<std::size_t>(size));
  in.seekg(0);
  if (!in.read(reinterpret_cast<char*>(bytes.data()), size)) return Error{path + ": read error"};
  return bytes;
}

// What a model needs depends only on its spec and the config, so a model too big for the limit
// is refused before the data is read: in milliseconds, with almost nothing allocated.
Status check_memory(const CliOptions& o) {
  auto budget = estimate_training_memory(o.config);
  if (!budget) return Error{budget.error()};
  return check_memory_budget(*budget, o.memory_limit_bytes);
}

// The --export-pytorch and --export-keras that were asked for.
struct CodeOutput {
  std::string flag, path;
  CodeFramework framework;
};
std::vector<CodeOutput> code_outputs(const CliOptions& o) {
  std::vector<CodeOutput> outputs;
  if (!o.pytorch_path.empty())
    outputs.push_back({"--export-pytorch", o.pytorch_path, CodeFramework::kPyTorch});
  if (!o.keras_path.empty())
    outputs.push_back({"--export-keras", o.keras_path, CodeFramework::kKeras});
  return outputs;
}

// The output paths besides --save, checked before the data is read.
Status check_output_paths(const CliOptions& o) {
  if (!o.onnx_path.empty())
    if (Status s = check_writable(o.onnx_path); !s) return Error{"--export-onnx " + s.error()};
  for (const CodeOutput& c : code_outputs(o))
    if (Status s = check_writable(c.path); !s) return Error{c.flag + " " + s.error()};
  if (!o.predict_json_path.empty())
    if (Status s = check_writable(o.predict_json_path); !s)
      return Error{"--predict-json " + s.error()};
  return Status::Ok();
}

// --export-onnx, --export-pytorch/keras and --predict-json for the trained or loaded model, each
// written atomically.
Status write_outputs(const CliOptions& o, Trainer& trainer, const Dataset& test) {
  if (!o.onnx_path.empty()) {
    auto onnx = export_onnx(trainer.model());
    if (!onnx) return Error{"--export-onnx " + onnx.error()};
    if (Status s = write_file_atomically(o.onnx_path, onnx->data(), onnx->size()); !s)
      return Error{"--export-onnx " + s.error()};
    if (!o.json) std::printf("exported %s (ONNX, %zu bytes)\n", o.onnx_path.c_str(), onnx->size());
  }
  for (const CodeOutput& c : code_outputs(o)) {
    auto code = export_code(trainer.model(), c.framework);
    if (!code) return Error{c.flag + " " + code.error()};
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(code->data());
    if (Status s = write_file_atomically(c.path, bytes, code->size()); !s)
      return Error{c.flag + " " + s.error()};
    if (!o.json) std::printf("exported %s (Python)\n", c.path.c_str());
  }
  if (!o.predict_json_path.empty()) {
    auto json = predictions_json(trainer, test);
    if (!json) return Error{"--predict-json " + json.error()};
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(json->data());
    if (Status s = write_file_atomically(o.predict_json_path, bytes, json->size()); !s)
      return Error{"--predict-json " + s.error()};
  }
  return Status::Ok();
}

int evaluate_saved_model(const CliOptions& o, const MnistData& data) {
  auto bytes = read_model_file(o.load_path, o.memory_limit_bytes);
  if (!bytes) return fail(bytes.error());
  const Shape input{1, data.train.rows(), data.train.cols()};
  auto loaded = load_trainer(bytes->data(), bytes->size(), input, int(data.class_names.size()),
                             o.memory_limit_bytes);
  if (!loaded) return fail(o.load_path + ": " + loaded.error());
  Trainer& trainer = **loaded;
  const EvalMetrics val = trainer.evaluate(data.validation);
  const EvalMetrics test = trainer.evaluate(data.test);
  if (o.json)
    std::printf("{\"model\":\"%s\",\"val_acc\":%.6f}\n", trainer.config().model_spec.c_str(),
                double(val.accuracy));
  else
    std::printf("model %s, trained %d epochs\nvalidation accuracy: %.2f%%\n",
                trainer.config().model_spec.c_str(), trainer.epoch(), 100.0 * val.accuracy);
  print_test(test, o, 0, trainer.epoch());
  if (Status s = write_outputs(o, trainer, data.test); !s) return fail(s.error());
  return 0;
}

void print_setup(const CliOptions& o, const MnistData& data, const Trainer& trainer) {
  std::string used;
  const int limit = o.config.train_limit;
  if (limit > 0 && std::size_t(limit) < data.train.size())
    used = " (training on the first " + std::to_string(limit) + ")";
  std::string classes;
  for (const std::string& name : data.class_names) classes += (classes.empty() ? "" : ", ") + name;
  std::printf("data: %s%s%s: %zu train%s, %zu validation, %zu test images\nclasses: %s\n%s"
              "optimizer %s, lr %g, batch %d, init %s, seed %llu, kernels %s, threads %d\n",
              data.dataset_name.c_str(), data.dataset_name.empty() ? "" : " in ",
              o.data_dir.c_str(), data.train.size(), used.c_str(), data.validation.size(),
              data.test.size(), classes.c_str(), trainer.model().summary().c_str(), o.config.optimizer.c_str(),
              double(o.config.learning_rate), o.config.batch_size, o.config.init.c_str(),
              (unsigned long long)o.config.seed, kernels::simd_arch_name(), parallel::threads());
}

// --data DIR: the four MNIST files (cli/mnist_files.h), or class folders of images
// (cli/image_dir.h), whose notes then go to *notes.
Result<MnistData> load_data(const CliOptions& o, std::optional<ImageFolderData>* notes) {
  if (!o.dataset.empty() || is_idx_dir(o.data_dir))
    return load_mnist_dir(o.data_dir,
                          o.dataset.empty() ? nullptr : find_builtin_dataset(o.dataset));
  auto loaded = load_image_dir(o.data_dir);
  if (!loaded) return Error{loaded.error()};
  *notes = std::move(loaded->notes);
  return std::move(loaded->data);
}

int run(int argc, char** argv) {
  auto options = parse_cli_options(std::vector<std::string>(argv + 1, argv + argc));
  if (!options) return fail(options.error());
  const CliOptions& o = *options;
  if (o.help) {
    std::fputs(cli_usage().c_str(), stdout);
    return 0;
  }
  if (o.grammar) {
    std::fputs(cli_grammar().c_str(), stdout);
    return 0;
  }
  if (o.threads > 0) parallel::set_threads(o.threads);
  const bool training = o.load_path.empty();
  // Everything that can be checked without the data is, before the data is read.
  if (Status s = check_output_paths(o); !s) return fail(s.error());
  if (training) {
    if (Status s = check_memory(o); !s) return fail(s.error());
    if (!o.save_path.empty())
      if (Status s = check_writable(o.save_path); !s) return fail("--save " + s.error());
  }
  std::optional<ImageFolderData> images;
  auto data = load_data(o, &images);
  if (!data) return fail(data.error());
  if (images) {
    if (o.json)
      std::printf("%s\n", image_dir_json(o.data_dir, *data, *images).c_str());
    else
      std::fputs(describe_image_dir(*data, *images).c_str(), stdout);
  }
  if (o.test_limit > 0 && std::size_t(o.test_limit) < data->test.size()) {
    auto first = data->test.slice(0, std::size_t(o.test_limit));
    if (!first) return fail(first.error());
    data->test = std::move(*first);
  }
  if (!training) return evaluate_saved_model(o, *data);

  auto created = Trainer::create(o.config, Shape{1, data->train.rows(), data->train.cols()},
                                 int(data->class_names.size()), o.memory_limit_bytes);
  if (!created) return fail(created.error());
  Trainer& trainer = **created;
  // Whether ONNX can express the model depends on its layers alone: ask before training.
  if (!o.onnx_path.empty())
    if (auto onnx = export_onnx(trainer.model()); !onnx)
      return fail("--export-onnx " + onnx.error());
  for (const CodeOutput& c : code_outputs(o))
    if (auto code = export_code(trainer.model(), c.framework); !code)
      return fail(c.flag + " " + code.error());
  if (!o.json) print_setup(o, *data, trainer);

  const bool bar = o.progress_bar && !o.json && isatty(STDERR_FILENO);
  double total_seconds = 0;
  for (int epoch = 0; epoch < o.config.epochs; ++epoch) {
    EpochTally tally(trainer.samples_seen());
    for (;;) {
      // Slices of ~0.1 s keep the progress bar moving without costing measurable time.
      const TrainProgress p = trainer.train_batches(data->train, 1 << 30, bar ? 0.1 : 0);
      if (!p.error.empty()) {
        if (bar) clear_progress();
        return fail(p.error);
      }
      tally.add(p);
      if (p.epoch_finished) break;  // its progress already names the next epoch, at 0%
      if (bar) draw_progress(p, o.config.epochs);
    }
    if (bar) clear_progress();
    total_seconds += tally.seconds();
    const EvalMetrics val = trainer.evaluate(data->validation);
    if (o.json)
      std::printf("{\"epoch\":%d,\"train_loss\":%.6f,\"train_acc\":%.6f,\"val_loss\":%.6f,"
                  "\"val_acc\":%.6f,\"seconds\":%.3f,\"samples\":%lld,\"samples_per_s\":%.1f}\n",
                  epoch + 1, tally.loss(), tally.accuracy(), double(val.loss),
                  double(val.accuracy), tally.seconds(), (long long)tally.samples(),
                  tally.samples_per_second());
    else
      std::printf("epoch %d/%d: train loss %.4f, train acc %.2f%%, val acc %.2f%%, %.2f s, "
                  "%.0f samples/s\n",
                  epoch + 1, o.config.epochs, tally.loss(), 100 * tally.accuracy(),
                  100.0 * val.accuracy, tally.seconds(), tally.samples_per_second());
    std::fflush(stdout);
  }
  print_test(trainer.evaluate(data->test), o, total_seconds, o.config.epochs);

  if (!o.save_path.empty()) {
    const auto bytes = encode_model_file(snapshot_trainer(trainer, o.save_optimizer_state));
    if (Status s = write_file_atomically(o.save_path, bytes.data(), bytes.size()); !s)
      return fail("--save " + s.error());
    if (!o.json) std::printf("saved %s (%zu bytes)\n", o.save_path.c_str(), bytes.size());
  }
  if (Status s = write_outputs(o, trainer, data->test); !s) return fail(s.error());
  return 0;
}

}  // namespace

// Allocation failures the budget did not foresee (the data, the system running short) end with
// one line and exit code 1, like every other error, never std::terminate.
int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::bad_alloc&) {
    if (isatty(STDERR_FILENO)) clear_progress();
    return fail("out of memory: the system refused an allocation; lower the batch size or the "
                "model's size");
  } catch (const std::exception& e) {
    if (isatty(STDERR_FILENO)) clear_progress();
    return fail(std::string("unexpected error: ") + e.what());
  }
}
