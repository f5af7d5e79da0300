// mnist-train: the engine's native command line. Loads MNIST (gzip or plain IDX, checksummed),
// trains epoch by epoch with a progress bar, reports validation and test accuracy, and saves or
// evaluates model files. Every bad input ends with one line naming the file and the problem and
// a non-zero exit code.
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>
#include <unistd.h>

#include "cli/cli_options.h"
#include "cli/mnist_files.h"
#include "core/io/trainer_snapshot.h"
#include "core/kernels/gemm.h"

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

Result<std::vector<std::uint8_t>> read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{path + ": cannot open"};
  return std::vector<std::uint8_t>(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

int main(int argc, char** argv) {
  auto options = parse_cli_options(std::vector<std::string>(argv + 1, argv + argc));
  if (!options) return fail(options.error());
  const CliOptions& o = *options;
  if (o.help) {
    std::fputs(cli_usage().c_str(), stdout);
    return 0;
  }
  auto data = load_mnist_dir(o.data_dir);
  if (!data) return fail(data.error());

  std::unique_ptr<Trainer> trainer;
  if (!o.load_path.empty()) {
    auto bytes = read_bytes(o.load_path);
    if (!bytes) return fail(bytes.error());
    auto loaded = load_trainer(bytes->data(), bytes->size(), Shape{1, 28, 28}, kDigitClasses);
    if (!loaded) return fail(o.load_path + ": " + loaded.error());
    trainer = std::move(*loaded);
    const EvalMetrics val = trainer->evaluate(data->validation);
    const EvalMetrics test = trainer->evaluate(data->test);
    if (o.json)
      std::printf("{\"model\":\"%s\",\"val_acc\":%.6f}\n", trainer->config().model_spec.c_str(),
                  double(val.accuracy));
    else
      std::printf("model %s, trained %d epochs\nvalidation accuracy: %.2f%%\n",
                  trainer->config().model_spec.c_str(), trainer->epoch(), 100.0 * val.accuracy);
    print_test(test, o, 0, trainer->epoch());
    return 0;
  }

  auto created = Trainer::create(o.config, Shape{1, data->train.rows(), data->train.cols()},
                                 kDigitClasses);
  if (!created) return fail(created.error());
  trainer = std::move(*created);
  if (!o.json)
    std::printf("data: %s: %zu train, %zu validation, %zu test images\n%s"
                "optimizer %s, lr %g, batch %d, init %s, seed %llu, kernels %s\n",
                o.data_dir.c_str(), data->train.size(), data->validation.size(), data->test.size(),
                trainer->model().summary().c_str(), o.config.optimizer.c_str(),
                double(o.config.learning_rate), o.config.batch_size, o.config.init.c_str(),
                (unsigned long long)o.config.seed, kernels::simd_arch_name());

  const bool bar = o.progress_bar && !o.json && isatty(STDERR_FILENO);
  double total_seconds = 0;
  for (int epoch = 0; epoch < o.config.epochs; ++epoch) {
    double seconds = 0, loss_sum = 0, correct_sum = 0;
    std::int64_t samples = 0, seen_before = trainer->samples_seen();
    for (;;) {
      // Slices of ~0.1 s keep the progress bar moving without costing measurable time.
      const TrainProgress p = trainer->train_batches(data->train, 1 << 30, bar ? 0.1 : 0);
      if (!p.error.empty()) {
        if (bar) clear_progress();
        return fail(p.error);
      }
      seconds += p.seconds;
      const double batch_samples = double(p.samples_seen - seen_before);
      seen_before = p.samples_seen;
      loss_sum += double(p.loss) * batch_samples;
      correct_sum += double(p.accuracy) * batch_samples;
      samples += std::int64_t(batch_samples);
      if (bar) draw_progress(p, o.config.epochs);
      if (p.epoch_finished) break;
    }
    if (bar) clear_progress();
    total_seconds += seconds;
    const EvalMetrics val = trainer->evaluate(data->validation);
    const double train_loss = loss_sum / samples, train_acc = correct_sum / samples;
    const double rate = double(data->train.size()) / seconds;
    if (o.json)
      std::printf("{\"epoch\":%d,\"train_loss\":%.6f,\"train_acc\":%.6f,\"val_loss\":%.6f,"
                  "\"val_acc\":%.6f,\"seconds\":%.3f,\"samples_per_s\":%.1f}\n",
                  epoch + 1, train_loss, train_acc, double(val.loss), double(val.accuracy),
                  seconds, rate);
    else
      std::printf("epoch %d/%d: train loss %.4f, train acc %.2f%%, val acc %.2f%%, %.2f s, "
                  "%.0f samples/s\n",
                  epoch + 1, o.config.epochs, train_loss, 100 * train_acc, 100.0 * val.accuracy,
                  seconds, rate);
    std::fflush(stdout);
  }
  print_test(trainer->evaluate(data->test), o, total_seconds, o.config.epochs);

  if (!o.save_path.empty()) {
    const auto bytes = encode_model_file(snapshot_trainer(*trainer, o.save_optimizer_state));
    std::ofstream out(o.save_path, std::ios::binary);
    if (!out.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size())))
      return fail(o.save_path + ": cannot write");
    if (!o.json) std::printf("saved %s (%zu bytes)\n", o.save_path.c_str(), bytes.size());
  }
  return 0;
}
