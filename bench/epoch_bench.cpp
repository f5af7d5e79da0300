// Full training epochs on MNIST, on 1 thread and on every core (/threads:N): the seed MLP (784-256-10, ReLU, softmax, Adam
// lr 1e-3, batch 32, Glorot uniform) over the 55,000 training images. Reports seconds per epoch
// and samples/s as counters; the CNN small preset likewise (batch 64). Also owns the benchmark binary's main().
#include <benchmark/benchmark.h>

#include <cstdio>
#include <memory>

#include "cli/mnist_files.h"
#include "core/train/trainer.h"
#include "core/util/parallel.h"

namespace {

const mnist::MnistData* mnist_data() {
  static const auto data = [] {
    auto loaded = mnist::load_mnist_dir(MNIST_BENCH_DATA_DIR);
    if (!loaded) std::fprintf(stderr, "mnist-bench: %s\n", loaded.error().c_str());
    return loaded ? std::make_unique<mnist::MnistData>(std::move(*loaded)) : nullptr;
  }();
  return data.get();
}

void run_epoch(benchmark::State& state, const char* spec, int batch) {
  const mnist::MnistData* data = mnist_data();
  if (!data) {
    state.SkipWithError("MNIST files not found (run scripts/setup.sh)");
    return;
  }
  mnist::parallel::set_threads(int(state.range(0)));
  mnist::TrainConfig config;
  config.model_spec = spec;
  config.batch_size = batch;
  double seconds = 0;
  std::int64_t samples = 0;
  for (auto _ : state) {
    auto trainer = mnist::Trainer::create(config, mnist::Shape{1, 28, 28}, 10);
    if (!trainer) {
      state.SkipWithError(trainer.error().c_str());
      return;
    }
    mnist::TrainProgress p;
    do {
      p = (*trainer)->train_batches(data->train, 1 << 30);
      seconds += p.seconds;
    } while (!p.epoch_finished && p.error.empty());
    samples += p.samples_seen;
    state.SetIterationTime(p.seconds);
  }
  state.counters["seconds_per_epoch"] = seconds / double(state.iterations());
  state.counters["samples_per_s"] = double(samples) / seconds;
  state.counters["threads"] = mnist::parallel::threads();
}

// One thread, then every core.
void thread_counts(benchmark::internal::Benchmark* b) {
  b->ArgName("threads")->Arg(1);
  if (mnist::parallel::max_threads() > 1) b->Arg(mnist::parallel::max_threads());
}

void BM_EpochSeedMlp(benchmark::State& state) {
  run_epoch(state, "dense:256:relu,dense:10:softmax", 32);
}
BENCHMARK(BM_EpochSeedMlp)->Apply(thread_counts)->Unit(benchmark::kSecond)->UseManualTime()->Iterations(3);

// The "CNN small" preset (the TensorFlow.js example model), batch 64, Adam 1e-3.
void BM_EpochCnnSmall(benchmark::State& state) {
  run_epoch(state, "conv:8:5x5:relu,maxpool:2,conv:16:5x5:relu,maxpool:2,flatten,dense:10:softmax",
            64);
}
BENCHMARK(BM_EpochCnnSmall)->Apply(thread_counts)->Unit(benchmark::kSecond)->UseManualTime()->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
