// The memory budget (core/train/memory_budget.h): checked size arithmetic, the estimate against
// what a trainer really allocates (its buffers' sizes, and the heap itself where glibc can say),
// the refusal of hostile models before anything is allocated with one message naming what to
// lower, and TrainingSession's limit.
#include <gtest/gtest.h>

#include <chrono>
#include <ostream>
#include <cstdint>
#include <string>
#include <vector>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "core/data/dataset.h"
#include "core/kernels/gemm.h"
#include "core/util/parallel.h"
#include "core/model/layer_shapes.h"
#include "core/model/presets.h"
#include "core/model/sequential.h"
#include "core/session/training_session.h"
#include "core/train/memory_budget.h"
#include "core/train/trainer.h"
#include "core/util/checked_math.h"
#include "core/util/parallel.h"

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
#define MNIST_UNDER_SANITIZER 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define MNIST_UNDER_SANITIZER 1
#endif

namespace mnist {
namespace {

const Shape kImage{1, 28, 28};
const char* const kHostileCnn = "conv:4096:5x5:same,flatten,dense:10:softmax";

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TrainConfig config_for(const std::string& spec, int batch, const std::string& optimizer = "adam") {
  TrainConfig config;
  config.model_spec = spec;
  config.batch_size = batch;
  config.optimizer = optimizer;
  return config;
}

MemoryBudget estimate(const TrainConfig& config) {
  auto budget = estimate_training_memory(config);
  EXPECT_TRUE(budget.ok()) << budget.error();
  return budget.ok() ? *budget : MemoryBudget{};
}

// 300 random 28x28 digits: more than one evaluation chunk of 256.
Dataset synthetic_digits() {
  Rng rng(5);
  std::vector<std::uint8_t> pixels(300 * 784), labels(300);
  for (auto& p : pixels) p = std::uint8_t(rng.uniform() * 255);
  for (std::size_t i = 0; i < labels.size(); ++i) labels[i] = std::uint8_t(i % 10);
  auto data = Dataset::from_pixels(28, 28, std::move(pixels), std::move(labels));
  EXPECT_TRUE(data.ok()) << data.error();
  return std::move(data).value();
}

// ------------------------------------------------------------------------------------------------
// Checked arithmetic.

TEST(CheckedMathTest, MultiplicationAndAdditionReportOverflow) {
  std::uint64_t out = 0;
  EXPECT_TRUE(checked_mul(std::uint64_t(1) << 32, std::uint64_t(1) << 31, out));
  EXPECT_EQ(out, std::uint64_t(1) << 63);
  EXPECT_FALSE(checked_mul(std::uint64_t(1) << 32, std::uint64_t(1) << 32, out));
  EXPECT_FALSE(checked_mul(UINT64_MAX, 2, out));
  EXPECT_TRUE(checked_mul(0, UINT64_MAX, out));
  EXPECT_EQ(out, 0u);
  EXPECT_TRUE(checked_add(UINT64_MAX - 1, 1, out));
  EXPECT_FALSE(checked_add(UINT64_MAX, 1, out));
  EXPECT_TRUE(checked_product({4096, 4096, 784, 4}, out));
  EXPECT_EQ(out, 4096ull * 4096 * 784 * 4);
  // 65536 · 65536 · 65536 · 65536 = 2^64: one past the end.
  EXPECT_FALSE(checked_product({65536, 65536, 65536, 65536}, out));
}

// ------------------------------------------------------------------------------------------------
// Layer shapes: the budget's walk and the built layers agree.

TEST(LayerShapesTest, AgreeWithTheBuiltLayers) {
  for (const char* text :
       {"dense:256:relu,dense:10:softmax",
        "conv:8:5x5:relu,maxpool:2,conv:16:5x5:relu,maxpool:2,flatten,dense:10:softmax",
        "conv:6:3x3:s2:same:leaky_relu,avgpool:3:s2,dropout:0.5,flatten,dense:10:sigmoid",
        "input:13x17x3,conv:4:4x2:s3,maxpool:2:s1,conv:2:1x1:same,dense:7,tanh",
        "input:100,dense:3,softmax"}) {
    auto spec = parse_model_spec(text);
    ASSERT_TRUE(spec.ok()) << spec.error();
    auto model = Sequential::build(*spec);
    ASSERT_TRUE(model.ok()) << model.error();
    Shape shape = spec->input;
    for (int i = 0; i < model->layer_count(); ++i) {
      const LayerSpec& ls = spec->layers[i];
      auto out = layer_output_shape(ls, shape);
      ASSERT_TRUE(out.ok()) << out.error();
      EXPECT_EQ(*out, model->layer(i).output_shape()) << text << ", layer " << i + 1;
      EXPECT_EQ(layer_parameter_count(ls, shape), model->layer(i).parameter_count())
          << text << ", layer " << i + 1;
      shape = *out;
    }
  }
}

TEST(LayerShapesTest, SizesBeyondTheEnginesIntsAreErrorsNotWrappedValues) {
  // 4096 filters over a 2048x2048 image: 2^34 values per image, which an int would wrap.
  auto spec = parse_model_spec("input:2048x2048,conv:4096:3x3:same,flatten,dense:10:softmax");
  ASSERT_TRUE(spec.ok()) << spec.error();
  auto out = layer_output_shape(spec->layers[0], spec->input);
  ASSERT_FALSE(out.ok());
  EXPECT_TRUE(contains(out.error(), "17179869184 values is too large")) << out.error();
  auto model = Sequential::build(*spec);
  ASSERT_FALSE(model.ok());
  EXPECT_TRUE(contains(model.error(), "model spec, layer 2")) << model.error();
  auto budget = estimate_training_memory(config_for(spec->to_string(), 32));
  ASSERT_FALSE(budget.ok());
  EXPECT_EQ(budget.error(), model.error());  // the same message, before anything is built
}

// ------------------------------------------------------------------------------------------------
// The estimate against reality.

struct BudgetCase {
  const char* name;  // the test's name suffix
  const char* spec;
  int batch;
  const char* optimizer;
};

void PrintTo(const BudgetCase& c, std::ostream* out) {
  *out << c.spec << " at batch " << c.batch << " with " << c.optimizer;
}

class MemoryEstimateTest : public ::testing::TestWithParam<BudgetCase> {};

// After creation, training steps and an evaluation (every buffer at its largest), the trainer's
// buffers hold no more than the estimate, and the estimate exceeds them by no more than its
// allowances (64 bytes per buffer and the GEMM packing constant): it is the layers' own sizes.
TEST_P(MemoryEstimateTest, IsAnUpperBoundOfTheTrainersBuffersAndClose) {
  const BudgetCase& c = GetParam();
  const TrainConfig config = config_for(c.spec, c.batch, c.optimizer);
  auto created = Trainer::create(config, kImage, kDigitClasses);
  ASSERT_TRUE(created.ok()) << created.error();
  Trainer& trainer = **created;
  const Dataset data = synthetic_digits();
  const TrainProgress p = trainer.train_batches(data, 3);
  ASSERT_TRUE(p.error.empty()) << p.error;
  EXPECT_TRUE(trainer.evaluate(data).error.empty());

  const MemoryBudget& budget = trainer.memory_budget();
  const std::uint64_t allocated = trainer.allocated_bytes();
  const std::uint64_t allowances =
      64 * budget.items.size() + kernels::gemm_workspace_bytes() * parallel::max_threads();
  EXPECT_GE(budget.total_bytes, allocated) << c.spec;
  EXPECT_LE(budget.total_bytes, allocated + allowances) << c.spec;
  EXPECT_EQ(estimate(config).total_bytes, budget.total_bytes);
}

INSTANTIATE_TEST_SUITE_P(
    Models, MemoryEstimateTest,
    ::testing::Values(
        BudgetCase{"SeedMlpAdam32", "dense:256:relu,dense:10:softmax", 32, "adam"},
        BudgetCase{"DeepMlpSgd512", "dense:512:relu,dense:256:relu,dense:10:softmax", 512, "sgd"},
        BudgetCase{"CnnSmallAdam64",
                   "conv:8:5x5:relu,maxpool:2,conv:16:5x5:relu,maxpool:2,flatten,dense:10:softmax",
                   64, "adam"},
        BudgetCase{"CnnStrongMomentum16",
                   "conv:16:5x5:relu,maxpool:2,conv:32:5x5:relu,maxpool:2,flatten,dense:128:relu,"
                   "dropout:0.25,dense:10:softmax",
                   16, "momentum"},
        BudgetCase{"StridedAvgPoolNesterov1",
                   "conv:6:3x3:s2:same:leaky_relu,avgpool:3:s2,dropout:0.5,flatten,dense:10:softmax",
                   1, "nesterov"},
        BudgetCase{"WideConvAdam300", "conv:16:5x5:same:relu,flatten,dense:10:softmax", 300, "adam"}),
    [](const ::testing::TestParamInfo<BudgetCase>& info) { return std::string(info.param.name); });

#if defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 33) && !defined(MNIST_UNDER_SANITIZER)
std::uint64_t heap_in_use() {
  const struct mallinfo2 info = mallinfo2();
  return info.uordblks + info.hblkhd;  // small blocks in use + blocks from mmap
}

// The heap itself, as glibc counts it: building, training and evaluating a ~40 MB model grows it
// by no more than the estimate, and by most of it (the estimate is not a wild overestimate).
TEST(MemoryEstimateHeapTest, TheHeapGrowsByNoMoreThanTheEstimate) {
  const Dataset data = synthetic_digits();
  const TrainConfig config = config_for("conv:32:5x5:same:relu,maxpool:2,flatten,dense:10:softmax", 128);
  const std::uint64_t before = heap_in_use();
  std::uint64_t grown = 0, estimated = 0;
  {
    auto trainer = Trainer::create(config, kImage, kDigitClasses);
    ASSERT_TRUE(trainer.ok()) << trainer.error();
    ASSERT_TRUE((*trainer)->train_batches(data, 2).error.empty());
    EXPECT_TRUE((*trainer)->evaluate(data).error.empty());
    grown = heap_in_use() - before;
    estimated = (*trainer)->memory_budget().total_bytes;
  }
  EXPECT_LE(grown, estimated);
  EXPECT_GE(grown, estimated / 2) << "grown " << grown << ", estimated " << estimated;
  EXPECT_GT(estimated, 30 * kMiB);
}

// The hostile model is refused without the heap growing by more than bookkeeping.
TEST(MemoryEstimateHeapTest, ARefusedModelAllocatesNothingBig) {
  const std::uint64_t before = heap_in_use();
  auto trainer = Trainer::create(config_for(kHostileCnn, 4096), kImage, kDigitClasses);
  ASSERT_FALSE(trainer.ok());
  EXPECT_LT(heap_in_use() - before, 1 * kMiB);
}
#endif

// ------------------------------------------------------------------------------------------------
// Refusals and their messages.

TEST(MemoryLimitTest, TheHostileCnnIsRefusedBeforeAllocatingWithOneMessage) {
  const auto start = std::chrono::steady_clock::now();
  auto trainer = Trainer::create(config_for(kHostileCnn, 4096), kImage, kDigitClasses);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_FALSE(trainer.ok());
  // 4096 filters · 784 pixels · 4096 images · 4 bytes = 49 GiB per copy of the activations;
  // the conv output, the flattened copy and two gradient buffers make 4 copies (196 GiB), and
  // each thread's convolution scratch ~13 MB more (so the exact figure depends on the cores).
  const MemoryBudget budget = estimate(config_for(kHostileCnn, 4096));
  EXPECT_EQ(trainer.error(), "this model needs " + format_bytes(budget.total_bytes, true) +
                                 " at batch 4096; the limit is " +
                                 format_bytes(kDefaultMemoryLimitBytes, false) +
                                 ": lower the batch size or the filters");
  EXPECT_LT(seconds, 0.5);
  EXPECT_GT(budget.total_bytes, 4 * 49 * kGiB);
  EXPECT_LT(budget.total_bytes, 4 * 49 * kGiB + kGiB + parallel::max_threads() * 16 * kMiB);
  EXPECT_EQ(budget.buffer_batch, 4096);
  EXPECT_EQ(budget.evaluation_batch, 2);  // ~51 MB per image: evaluation two images at a time
}

TEST(MemoryLimitTest, TheWordingFollowsTheLargestContributor) {
  // Parameters of wide dense layers: the batch size changes nothing, so only the units are named.
  auto dense = check_memory_budget(
      estimate(config_for("dense:65536:relu,dense:65536:relu,dense:10:softmax", 32)), 2 * kGiB);
  ASSERT_FALSE(dense.ok());
  EXPECT_TRUE(contains(dense.error(), "at batch 32; the limit is 2 GiB: lower the units"))
      << dense.error();
  // Wide dense activations at a big batch.
  auto wide = check_memory_budget(
      estimate(config_for("dense:16384:relu,dense:10:softmax", 4096)), 256 * kMiB);
  ASSERT_FALSE(wide.ok());
  EXPECT_TRUE(contains(wide.error(), "the limit is 256 MiB: lower the batch size or the units"))
      << wide.error();
  // A huge input, pooled away at once: only the input batch is big, and the input's size is the
  // data's, so only the batch size is named.
  auto input = check_memory_budget(
      estimate(config_for("input:2048x2048,maxpool:64,flatten,dense:10:softmax", 4096)), 2 * kGiB);
  ASSERT_FALSE(input.ok());
  EXPECT_TRUE(contains(input.error(), "the limit is 2 GiB: lower the batch size")) << input.error();
  EXPECT_FALSE(contains(input.error(), "input size")) << input.error();
}

// conv:4096 then a 64x64 conv of 4096 filters then dense:65536: products far beyond 32 bits
// (and beyond int), still exact in the estimate.
TEST(MemoryLimitTest, HugeSpecsDoNotWrap) {
  const TrainConfig config =
      config_for("conv:4096:5x5:same,conv:4096:64x64:same,flatten,dense:65536,dense:10:softmax", 4096);
  const MemoryBudget budget = estimate(config);
  const long double conv2 = 4096.0L * 4096 * 64 * 64 + 4096;
  const long double dense = 65536.0L * 4096 * 784 + 65536;
  const long double parameters_adam = (conv2 + dense) * 4 * 4;  // θ, gradient, m, v
  EXPECT_GT((long double)budget.total_bytes, parameters_adam);
  EXPECT_EQ(budget.trainable_parameters,
            std::uint64_t(4096 * 25 + 4096) + std::uint64_t(conv2) + std::uint64_t(dense) +
                std::uint64_t(65536 * 10 + 10));
  const Status refused = check_memory_budget(budget, 8 * kGiB);
  ASSERT_FALSE(refused.ok());
  EXPECT_TRUE(contains(refused.error(), "TiB") || contains(refused.error(), "GiB")) << refused.error();
  // Even with no limit at all, the engine says it cannot hold it rather than wrapping an int.
  // (Where std::size_t has 32 bits, WebAssembly, no limit goes past 4 GiB: the limit answers.)
  if (SIZE_MAX <= UINT32_MAX) {
    EXPECT_TRUE(contains(check_memory_budget(budget, UINT64_MAX).error(), "the limit is 4 GiB"));
    return;
  }
  const Status unsupported = check_memory_budget(budget, UINT64_MAX);
  ASSERT_FALSE(unsupported.ok());
  EXPECT_EQ(unsupported.error(), "model is too large: layer 2 has 68719480832 parameters");
  // The same for activations: the hostile CNN's 3.2 million values per image, times 4096.
  const Status activations = check_memory_budget(estimate(config_for(kHostileCnn, 4096)), UINT64_MAX);
  ASSERT_FALSE(activations.ok());
  EXPECT_TRUE(contains(activations.error(), "layer 1's activations at batch 4096 hold 13153337344 "
                                            "values, more than one buffer can"))
      << activations.error();
}

TEST(MemoryLimitTest, LoweringTheBatchLowersTheNeed) {
  std::uint64_t previous = 0;
  for (int batch : {2, 3, 8, 64, 512, 4096}) {  // below 2, evaluation's chunk of 2 sets the size
    const MemoryBudget budget = estimate(config_for(kHostileCnn, batch));
    EXPECT_GT(budget.total_bytes, previous) << "batch " << batch;
    previous = budget.total_bytes;
  }
  // At batch 1 the hostile CNN (~600 MB) fits in the default limit.
  EXPECT_TRUE(check_memory_budget(estimate(config_for(kHostileCnn, 1)), kDefaultMemoryLimitBytes).ok());
}

TEST(MemoryLimitTest, EvaluationChunksStayAt256ForOrdinaryModels) {
  for (const Preset& preset : presets()) {
    const MemoryBudget budget = estimate(preset.config);
    EXPECT_EQ(budget.evaluation_batch, kMaxEvaluationBatch) << preset.id;
    EXPECT_LT(budget.total_bytes, 400 * kMiB) << preset.id;
  }
}

TEST(MemoryLimitTest, OptimizerStateCountsOnceForMomentumAndTwiceForAdam) {
  const std::string spec = "dense:1024:relu,dense:10:softmax";
  const std::uint64_t sgd = estimate(config_for(spec, 32, "sgd")).total_bytes;
  const std::uint64_t momentum = estimate(config_for(spec, 32, "momentum")).total_bytes;
  const std::uint64_t adam = estimate(config_for(spec, 32, "adam")).total_bytes;
  const std::uint64_t block = (784 * 1024 + 1024 + 1024 * 10 + 10 + 15) / 16 * 16 * 4;
  EXPECT_NEAR(double(momentum - sgd), double(block), 128);
  EXPECT_NEAR(double(adam - momentum), double(block), 128);
}

TEST(MemoryLimitTest, FormatsSizesForPeople) {
  EXPECT_EQ(format_bytes(8 * kGiB, false), "8 GiB");
  EXPECT_EQ(format_bytes(3 * kGiB / 2, false), "1.5 GiB");
  EXPECT_EQ(format_bytes(std::uint64_t(12.34 * double(kGiB)), true), "12.4 GiB");
  EXPECT_EQ(format_bytes(8 * kGiB + 1, true), "8.1 GiB");  // a need is never shown smaller
  EXPECT_EQ(format_bytes(256 * kMiB, false), "256 MiB");
  EXPECT_EQ(format_bytes(kGiB - 1, true), "1 GiB");
}

// ------------------------------------------------------------------------------------------------
// TrainingSession.

TEST(SessionMemoryLimitTest, ARefusedConfigKeepsTheCurrentModel) {
  TrainingSession session;
  EXPECT_EQ(session.memory_limit(), kDefaultMemoryLimitBytes);
  ASSERT_TRUE(session.configure(config_for("dense:32:relu,dense:10:softmax", 32)).ok());
  const std::int64_t parameters = session.parameter_count();

  ASSERT_TRUE(session.set_memory_limit(16 * kMiB).ok());
  const Status refused = session.configure(config_for("dense:2048:relu,dense:10:softmax", 1024));
  ASSERT_FALSE(refused.ok());
  EXPECT_TRUE(contains(refused.error(), "at batch 1024; the limit is 16 MiB: lower the batch size"))
      << refused.error();
  EXPECT_EQ(session.parameter_count(), parameters);
  EXPECT_EQ(session.config().model_spec, "dense:32:relu,dense:10:softmax");

  auto needed = session.memory_needed(config_for("dense:2048:relu,dense:10:softmax", 1024));
  ASSERT_TRUE(needed.ok()) << needed.error();
  EXPECT_GT(*needed, 16 * kMiB);
  EXPECT_FALSE(session.set_memory_limit(0).ok());
}

// A model that fits the limit alone but not beside the current one still configures (the
// current one is freed first).
TEST(SessionMemoryLimitTest, AModelThatFitsAloneReplacesTheCurrentOne) {
  TrainingSession session;
  const TrainConfig big = config_for("dense:2048:relu,dense:10:softmax", 256);
  auto needed = session.memory_needed(big);
  ASSERT_TRUE(needed.ok()) << needed.error();
  ASSERT_TRUE(session.set_memory_limit(*needed + *needed / 2).ok());
  ASSERT_TRUE(session.configure(big).ok());
  TrainConfig other = big;
  other.seed = 2;
  ASSERT_TRUE(session.configure(other).ok());
  EXPECT_EQ(session.config().seed, 2u);
}

TEST(SessionMemoryLimitTest, LoadingAModelFileChecksTheLimit) {
  TrainingSession session;
  ASSERT_TRUE(session.configure(config_for("dense:512:relu,dense:10:softmax", 64)).ok());
  const std::vector<std::uint8_t> file = session.save_model(true);
  ASSERT_FALSE(file.empty());
  ASSERT_TRUE(session.set_memory_limit(2 * kMiB).ok());
  const Status refused = session.load_model(file.data(), file.size());
  ASSERT_FALSE(refused.ok());
  EXPECT_TRUE(contains(refused.error(), "model file: this model needs")) << refused.error();
  EXPECT_TRUE(contains(refused.error(), "the limit is 2 MiB")) << refused.error();
  ASSERT_TRUE(session.set_memory_limit(kDefaultMemoryLimitBytes).ok());
  EXPECT_TRUE(session.load_model(file.data(), file.size()).ok());
}

}  // namespace
}  // namespace mnist
