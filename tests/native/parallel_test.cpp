// The thread pool (core/util/parallel.h) and what runs on it: loops cover their range exactly once
// in contiguous parts, nested loops stay on their thread, the thread count clamps; GEMM gives the
// same bits on any thread count; training repeats bit for bit for a given thread count and learns
// as well on every core as on one; a convolution split across threads gives the same outputs. In a build without threads max_threads() is 1 and the
// comparisons run 1 thread against 1.
#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <cstring>
#include <thread>
#include <vector>

#include "cli/mnist_files.h"
#include "core/kernels/gemm.h"
#include "core/layers/conv2d.h"
#include "core/train/trainer.h"
#include "core/util/parallel.h"
#include "core/util/rng.h"

namespace mnist {
namespace {

using kernels::Trans;

// Runs the test body with the given thread count and restores the previous one.
class ThreadCount {
 public:
  explicit ThreadCount(int count) : saved_(parallel::threads()) { parallel::set_threads(count); }
  ~ThreadCount() { parallel::set_threads(saved_); }

 private:
  int saved_;
};

TEST(Parallel, ThreadCountIsClampedToWhatTheBuildHas) {
  ThreadCount restore(1);
  EXPECT_GE(parallel::max_threads(), 1);
  parallel::set_threads(0);
  EXPECT_EQ(parallel::threads(), 1);
  parallel::set_threads(1000);
  EXPECT_EQ(parallel::threads(), parallel::max_threads());
}

TEST(Parallel, RangesCoverEveryIndexOnceInContiguousParts) {
  ThreadCount all(parallel::max_threads());
  for (int count : {1, 2, 3, 7, 64, 1001}) {
    std::vector<std::atomic<int>> visits(count);
    std::vector<int> first(parallel::kMaxThreads, -1), last(parallel::kMaxThreads, -1);
    const int parts = parallel::parts_for(count);
    parallel::for_ranges(count, [&](int part, int begin, int end) {
      first[part] = begin;
      last[part] = end;
      for (int i = begin; i < end; ++i) visits[i]++;
    });
    for (int i = 0; i < count; ++i) ASSERT_EQ(visits[i].load(), 1) << "index " << i << " of " << count;
    for (int p = 0; p < parts; ++p) {  // part p is [count·p/parts, count·(p+1)/parts)
      EXPECT_EQ(first[p], int(std::int64_t(count) * p / parts)) << p;
      EXPECT_EQ(last[p], int(std::int64_t(count) * (p + 1) / parts)) << p;
    }
    EXPECT_EQ(parts, std::min(count, parallel::max_threads()));
  }
}

TEST(Parallel, NestedLoopsStayOnTheThreadOfTheirPart) {
  ThreadCount all(parallel::max_threads());
  std::vector<int> nested_parts(parallel::kMaxThreads, 0);
  std::vector<std::thread::id> ids(parallel::kMaxThreads);
  parallel::for_ranges(parallel::max_threads(), [&](int part, int, int) {
    ids[part] = std::this_thread::get_id();
    nested_parts[part] = parallel::parts_for(1000);
    parallel::for_ranges(1000, [&](int inner, int begin, int end) {
      EXPECT_EQ(inner, 0);
      EXPECT_EQ(end - begin, 1000);
      EXPECT_EQ(std::this_thread::get_id(), ids[part]);
    });
  });
  for (int p = 0; p < parallel::max_threads(); ++p) EXPECT_EQ(nested_parts[p], 1) << p;
}

TEST(Parallel, ElementsSplitAtWholeVectorsAndCoverTheRange) {
  ThreadCount all(parallel::max_threads());
  for (std::size_t count : {std::size_t(5), std::size_t(100000), std::size_t(100003)}) {
    std::vector<std::atomic<int>> visits(count);
    parallel::for_elements(count, 1000, [&](std::size_t begin, std::size_t end) {
      EXPECT_EQ(begin % 16, 0u);
      for (std::size_t i = begin; i < end; ++i) visits[i]++;
    });
    for (std::size_t i = 0; i < count; ++i) ASSERT_EQ(visits[i].load(), 1) << i;
  }
}

TEST(Parallel, ManyLoopsInARowAllComplete) {  // the hand-over between loops, thousands of times
  ThreadCount all(parallel::max_threads());
  std::atomic<long> total{0};
  for (int round = 0; round < 5000; ++round)
    parallel::for_ranges(1 + round % 5, [&](int, int begin, int end) { total += end - begin; });
  long expected = 0;
  for (int round = 0; round < 5000; ++round) expected += 1 + round % 5;
  EXPECT_EQ(total.load(), expected);
}

std::vector<float> random_values(std::size_t n, std::uint64_t seed) {
  Rng rng(seed);
  std::vector<float> v(n);
  for (float& x : v) x = rng.uniform(-1.0f, 1.0f);
  return v;
}

TEST(Parallel, GemmGivesTheSameBitsOnOneThreadAndOnAll) {
  struct Case { Trans ta, tb; int M, N, K; };
  const Case cases[] = {
      {Trans::kNo, Trans::kTrans, 32, 256, 784},  // the seed MLP's forward pass
      {Trans::kTrans, Trans::kNo, 256, 784, 32},  // its weight gradient
      {Trans::kNo, Trans::kNo, 32, 784, 256},     // its input gradient
      {Trans::kNo, Trans::kNo, 8, 576, 25},       // the small CNN's first convolution
      {Trans::kNo, Trans::kTrans, 97, 13, 301},   // odd: splits across the rows
      {Trans::kTrans, Trans::kTrans, 61, 203, 129},
      {Trans::kNo, Trans::kNo, 5, 3001, 4},       // C largest but one row panel: across the columns
  };
  for (const Case& c : cases) {
    const auto a = random_values(std::size_t(c.M) * c.K, 1), b = random_values(std::size_t(c.K) * c.N, 2);
    const int lda = c.ta == Trans::kNo ? c.K : c.M, ldb = c.tb == Trans::kNo ? c.N : c.K;
    std::vector<float> one = random_values(std::size_t(c.M) * c.N, 3), all = one;
    {
      ThreadCount single(1);
      kernels::gemm(c.ta, c.tb, c.M, c.N, c.K, a.data(), lda, b.data(), ldb, one.data(), c.N, true);
    }
    {
      ThreadCount every(parallel::max_threads());
      kernels::gemm(c.ta, c.tb, c.M, c.N, c.K, a.data(), lda, b.data(), ldb, all.data(), c.N, true);
    }
    EXPECT_EQ(std::memcmp(one.data(), all.data(), one.size() * sizeof(float)), 0)
        << c.M << "x" << c.N << "x" << c.K;
  }
}

// Training on real MNIST: the first 3,000 images, one epoch, then the validation accuracy.
const Result<MnistData>& mnist_data() {
  static const Result<MnistData> data = load_mnist_dir(MNIST_TEST_DATA_DIR);
  return data;
}

struct Run {
  std::vector<float> parameters;
  double validation_accuracy = 0;
};

Run train(const std::string& spec, int threads) {
  ThreadCount count(threads);
  const Result<MnistData>& data = mnist_data();
  EXPECT_TRUE(data.ok()) << data.error();
  if (!data.ok()) return {};
  TrainConfig config;
  config.model_spec = spec;
  config.batch_size = 64;
  config.train_limit = 3000;
  auto trainer = Trainer::create(config, Shape{1, 28, 28}, 10);
  EXPECT_TRUE(trainer.ok()) << trainer.error();
  if (!trainer.ok()) return {};
  TrainProgress p;
  do p = (*trainer)->train_batches(data->train, 1 << 30);
  while (!p.epoch_finished && p.error.empty());
  EXPECT_EQ(p.error, "");
  const auto& model = (*trainer)->model();
  Run run;
  run.parameters.assign(model.parameters(), model.parameters() + model.parameter_count());
  run.validation_accuracy = (*trainer)->evaluate(data->validation).accuracy;
  return run;
}

void expect_deterministic_per_thread_count(const std::string& spec) {
  const int all = parallel::max_threads();
  const Run first = train(spec, all), again = train(spec, all), single = train(spec, 1);
  ASSERT_EQ(first.parameters.size(), again.parameters.size());
  EXPECT_EQ(std::memcmp(first.parameters.data(), again.parameters.data(),
                        first.parameters.size() * sizeof(float)), 0)
      << "two runs on " << all << " threads differ";
  EXPECT_GT(single.validation_accuracy, 0.80);
  EXPECT_NEAR(first.validation_accuracy, single.validation_accuracy, 0.02)
      << all << " threads against 1";
}

// One convolution over a batch of many chunks on every core against one thread: the forward pass
// and dx are computed image by image the same way (identical bits); dW and db are the threads'
// partial sums added in order (close, and bit for bit again on a second run).
struct ConvPass {
  std::vector<float> y, dx, grads;
};

ConvPass conv_pass(int threads) {
  ThreadCount count(threads);
  Conv2D conv(Shape{3, 28, 28}, Conv2DOptions{8, 5, 5, 1, false});
  constexpr int kImages = 37;
  std::vector<float> params(conv.parameter_count()), x(std::size_t(kImages) * 3 * 28 * 28);
  Rng rng(3);
  for (float& v : params) v = rng.uniform(-1.0f, 1.0f);
  for (float& v : x) v = rng.uniform(-1.0f, 1.0f);
  ConvPass pass;
  pass.grads.resize(params.size());
  conv.bind_parameters(params.data(), pass.grads.data());
  conv.prepare(kImages);
  pass.y.resize(std::size_t(kImages) * conv.output_shape().size());
  pass.dx.resize(x.size());
  conv.forward(x.data(), pass.y.data(), kImages, PassContext{});
  const std::vector<float> dy = pass.y;  // any upstream gradient will do
  conv.backward(x.data(), pass.y.data(), dy.data(), pass.dx.data(), kImages);
  return pass;
}

TEST(ParallelConv2D, ImagesSplitAcrossThreadsGiveTheSameOutputsAndCloseGradients) {
  const ConvPass all = conv_pass(parallel::max_threads()), again = conv_pass(parallel::max_threads());
  const ConvPass single = conv_pass(1);
  EXPECT_EQ(all.y, single.y);
  EXPECT_EQ(all.dx, single.dx);
  EXPECT_EQ(all.grads, again.grads);
  for (std::size_t i = 0; i < all.grads.size(); ++i)
    EXPECT_NEAR(all.grads[i], single.grads[i], 1e-4 * (1 + std::fabs(single.grads[i]))) << "gradient " << i;
}

TEST(ParallelTraining, MlpRepeatsBitForBitAndLearnsAsOnOneThread) {
  expect_deterministic_per_thread_count("dense:256:relu,dense:10:softmax");
}

TEST(ParallelTraining, CnnRepeatsBitForBitAndLearnsAsOnOneThread) {
  expect_deterministic_per_thread_count(
      "conv:8:5x5:relu,maxpool:2,conv:16:5x5:relu,maxpool:2,flatten,dense:10:softmax");
}

}  // namespace
}  // namespace mnist
