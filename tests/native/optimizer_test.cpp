// Optimizers, learning-rate schedules and weight initialisers.
//
// Each optimizer step is compared with a plain double-precision transcription of the equations
// documented in core/train/optimizer.h (the "by hand" values), on 5 parameters (and on 37, so the
// SIMD kernels' main loop and tail both run). Schedules are compared with values worked out by
// hand; initialisers are checked for their range, their variance over 100,000 draws and seed
// reproducibility.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "core/model/initializers.h"
#include "core/train/lr_schedule.h"
#include "core/train/optimizer.h"
#include "core/train/train_config.h"
#include "core/util/rng.h"

namespace mnist {
namespace {

// ------------------------------------------------------------------------------------------------
// The reference: optimizer.h's equations in double.
//   sgd        θ ← θ - η g
//   momentum   v ← μ v + g;  θ ← θ - η v
//   nesterov   v ← μ v + g;  θ ← θ - η (g + μ v)
//   adam       m ← β1 m + (1-β1) g;  v ← β2 v + (1-β2) g²;  θ ← θ - η m̂ / (sqrt(v̂) + ε)
//              m̂ = m / (1-β1^t),  v̂ = v / (1-β2^t)
struct ReferenceOptimizer {
  OptimizerKind kind;
  double mu, beta2, eps;
  std::vector<double> theta, m, v;
  int t = 0;

  void step(const std::vector<double>& g, double lr) {
    ++t;
    for (std::size_t i = 0; i < theta.size(); ++i) {
      switch (kind) {
        case OptimizerKind::kSgd: theta[i] -= lr * g[i]; break;
        case OptimizerKind::kMomentum:
          m[i] = mu * m[i] + g[i];
          theta[i] -= lr * m[i];
          break;
        case OptimizerKind::kNesterov:
          m[i] = mu * m[i] + g[i];
          theta[i] -= lr * (g[i] + mu * m[i]);
          break;
        case OptimizerKind::kAdam: {
          m[i] = mu * m[i] + (1 - mu) * g[i];
          v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
          const double m_hat = m[i] / (1 - std::pow(mu, t));
          const double v_hat = v[i] / (1 - std::pow(beta2, t));
          theta[i] -= lr * m_hat / (std::sqrt(v_hat) + eps);
          break;
        }
      }
    }
  }
};

TrainConfig optimizer_config() {
  TrainConfig config;
  config.momentum = 0.9f;
  config.beta2 = 0.999f;
  config.epsilon = 1e-7f;
  return config;
}

std::vector<float> to_float(const std::vector<double>& v) { return {v.begin(), v.end()}; }

void expect_matches_reference(const std::vector<float>& params, const ReferenceOptimizer& ref,
                              const std::string& when) {
  for (std::size_t i = 0; i < params.size(); ++i)
    EXPECT_NEAR(params[i], ref.theta[i], 1e-6 * std::max(1.0, std::fabs(ref.theta[i])))
        << optimizer_name(ref.kind) << " " << when << ", parameter " << i;
}

// Runs three steps with different gradients on both the engine and the reference.
void check_against_reference(OptimizerKind kind, std::size_t n, std::uint64_t seed) {
  const TrainConfig config = optimizer_config();
  Rng rng(seed);
  std::vector<double> theta(n);
  for (double& value : theta) value = rng.uniform(-3.0f, 3.0f);
  ReferenceOptimizer ref{kind, config.momentum, config.beta2, config.epsilon, theta,
                         std::vector<double>(n, 0.0), std::vector<double>(n, 0.0)};
  Optimizer optimizer(kind, config, n);
  std::vector<float> params = to_float(theta);

  const double lr = 0.01;
  for (int step = 1; step <= 3; ++step) {
    std::vector<double> g(n);
    for (double& value : g) value = rng.uniform(-2.0f, 2.0f);
    g[step % n] = 0;  // a zero gradient somewhere (Adam: 0 / (0 + ε))
    const std::vector<float> grads = to_float(g);
    ref.step(g, lr);  // g holds floats (rng.uniform) already
    optimizer.step(params.data(), grads.data(), float(lr));
    EXPECT_EQ(optimizer.steps(), step);
    expect_matches_reference(params, ref, "step " + std::to_string(step));
  }
}

class OptimizerStepTest : public ::testing::TestWithParam<OptimizerKind> {};

TEST_P(OptimizerStepTest, FiveParametersMatchTheDocumentedEquations) {
  check_against_reference(GetParam(), 5, 1);
}

TEST_P(OptimizerStepTest, ThirtySevenParametersMatchTheDocumentedEquations) {
  check_against_reference(GetParam(), 37, 2);
}

// state() / set_state(): a second optimizer given the first's state continues identically.
TEST_P(OptimizerStepTest, StateRoundTripContinuesIdentically) {
  const OptimizerKind kind = GetParam();
  const TrainConfig config = optimizer_config();
  constexpr std::size_t n = 5;
  std::vector<float> params = {1.0f, -2.0f, 0.5f, 3.0f, -0.25f};
  const std::vector<float> g1 = {0.1f, -0.3f, 2.0f, 0.0f, -1.0f};
  const std::vector<float> g2 = {-0.2f, 0.4f, 1.0f, 0.5f, 0.0f};
  Optimizer original(kind, config, n);
  original.step(params.data(), g1.data(), 0.01f);
  original.step(params.data(), g2.data(), 0.01f);

  const std::vector<float> state = original.state();
  const std::size_t blocks = kind == OptimizerKind::kSgd ? 0 : kind == OptimizerKind::kAdam ? 2 : 1;
  EXPECT_EQ(state.size(), blocks * n);

  Optimizer copy(kind, config, n);
  Status restored = copy.set_state(original.steps(), state);
  ASSERT_TRUE(restored.ok()) << restored.error();
  EXPECT_EQ(copy.steps(), 2);
  EXPECT_EQ(copy.state(), state);

  std::vector<float> params_copy = params;
  original.step(params.data(), g1.data(), 0.01f);
  copy.step(params_copy.data(), g1.data(), 0.01f);
  EXPECT_EQ(0, std::memcmp(params.data(), params_copy.data(), n * sizeof(float)));
}

TEST_P(OptimizerStepTest, SetStateRejectsTheWrongSize) {
  const OptimizerKind kind = GetParam();
  Optimizer optimizer(kind, optimizer_config(), 5);
  const std::size_t right = optimizer.state().size();
  Status status = optimizer.set_state(3, std::vector<float>(right + 1));
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().find("optimizer state has " + std::to_string(right + 1) + " values"),
            std::string::npos)
      << status.error();
  EXPECT_NE(status.error().find(optimizer_name(kind)), std::string::npos) << status.error();
  EXPECT_EQ(optimizer.steps(), 0) << "a rejected state must not change the step count";
}

INSTANTIATE_TEST_SUITE_P(AllOptimizers, OptimizerStepTest,
                         ::testing::Values(OptimizerKind::kSgd, OptimizerKind::kMomentum,
                                           OptimizerKind::kNesterov, OptimizerKind::kAdam),
                         [](const ::testing::TestParamInfo<OptimizerKind>& info) {
                           return std::string(optimizer_name(info.param));
                         });

// Worked by hand: θ = 1, g = 0.5 then g = -1, η = 0.1, μ = 0.9.
TEST(OptimizerByHandTest, OneParameterTwoSteps) {
  const TrainConfig config = optimizer_config();
  const float g1 = 0.5f, g2 = -1.0f;
  auto run = [&](OptimizerKind kind, float* after_first) {
    Optimizer optimizer(kind, config, 1);
    float theta = 1.0f;
    optimizer.step(&theta, &g1, 0.1f);
    *after_first = theta;
    optimizer.step(&theta, &g2, 0.1f);
    return theta;
  };
  float first = 0;
  // sgd: 1 - 0.05 = 0.95; 0.95 + 0.1 = 1.05
  EXPECT_NEAR(run(OptimizerKind::kSgd, &first), 1.05, 1e-6);
  EXPECT_NEAR(first, 0.95, 1e-6);
  // momentum: v = 0.5, θ = 0.95; v = 0.45 - 1 = -0.55, θ = 0.95 + 0.055 = 1.005
  EXPECT_NEAR(run(OptimizerKind::kMomentum, &first), 1.005, 1e-6);
  EXPECT_NEAR(first, 0.95, 1e-6);
  // nesterov: v = 0.5, θ = 1 - 0.1 (0.5 + 0.45) = 0.905;
  //           v = -0.55, θ = 0.905 - 0.1 (-1 - 0.495) = 1.0545
  EXPECT_NEAR(run(OptimizerKind::kNesterov, &first), 1.0545, 1e-6);
  EXPECT_NEAR(first, 0.905, 1e-6);
  // adam t=1: m = 0.05, v = 0.00025, m̂ = 0.5, v̂ = 0.25: θ = 1 - 0.1 · 0.5 / (0.5 + 1e-7) ≈ 0.9
  //      t=2: m = 0.045 - 0.1 = -0.055, v = 0.00024975 + 0.001 = 0.00124975,
  //           m̂ = -0.055 / 0.19 = -0.2894737, v̂ = 0.00124975 / 0.001999 = 0.6251876,
  //           θ = 0.9 + 0.1 · 0.2894737 / 0.7906881 = 0.9366104
  EXPECT_NEAR(run(OptimizerKind::kAdam, &first), 0.9366104, 1e-6);
  EXPECT_NEAR(first, 0.9000000, 1e-6);
}

// Bias correction makes Adam's first step η·sign(g) whatever the gradient's scale.
TEST(OptimizerByHandTest, AdamFirstStepIsLearningRateTimesSign) {
  const TrainConfig config = optimizer_config();
  Optimizer adam(OptimizerKind::kAdam, config, 4);
  std::vector<float> theta = {0, 0, 0, 0};
  const std::vector<float> g = {1e-3f, -50.0f, 2.0f, -0.01f};
  adam.step(theta.data(), g.data(), 0.01f);
  // Bias-corrected, the first step is lr * g / (|g| + epsilon): lr * sign(g) unless |g| is near
  // epsilon (1e-7 here), which shortens the smallest gradient's step by 1e-4.
  for (int i = 0; i < 4; ++i) {
    const double expected = -0.01 * g[i] / (std::abs(double(g[i])) + 1e-7);
    EXPECT_NEAR(theta[i], expected, 1e-7) << "element " << i;
  }
}

TEST(OptimizerNamesTest, ParseAndNameRoundTripAndUnknownIsAnError) {
  for (OptimizerKind kind : {OptimizerKind::kSgd, OptimizerKind::kMomentum,
                             OptimizerKind::kNesterov, OptimizerKind::kAdam}) {
    Result<OptimizerKind> parsed = parse_optimizer(optimizer_name(kind));
    ASSERT_TRUE(parsed.ok()) << parsed.error();
    EXPECT_EQ(*parsed, kind);
  }
  Result<OptimizerKind> bad = parse_optimizer("rmsprop");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().find("unknown optimizer 'rmsprop'"), std::string::npos) << bad.error();
}

// ------------------------------------------------------------------------------------------------
// Learning-rate schedules: η0 = 0.1 over E = 4 epochs.

TrainConfig schedule_config() {
  TrainConfig config;
  config.learning_rate = 0.1f;
  config.epochs = 4;
  config.schedule_gamma = 0.5f;
  config.schedule_step_epochs = 1;
  return config;
}

TEST(LearningRateScheduleTest, ConstantNeverChanges) {
  const TrainConfig config = schedule_config();
  for (double e : {0.0, 0.5, 1.0, 3.9, 4.0, 10.0})
    EXPECT_FLOAT_EQ(learning_rate_at(ScheduleKind::kConstant, config, e), 0.1f) << "epoch " << e;
}

TEST(LearningRateScheduleTest, StepHalvesAtEveryEpochBoundary) {
  TrainConfig config = schedule_config();
  const ScheduleKind step = ScheduleKind::kStep;
  EXPECT_FLOAT_EQ(learning_rate_at(step, config, 0.0), 0.1f);
  EXPECT_FLOAT_EQ(learning_rate_at(step, config, 0.99), 0.1f);
  EXPECT_FLOAT_EQ(learning_rate_at(step, config, 1.0), 0.05f);
  EXPECT_FLOAT_EQ(learning_rate_at(step, config, 2.5), 0.025f);
  EXPECT_FLOAT_EQ(learning_rate_at(step, config, 3.99), 0.0125f);

  config.schedule_step_epochs = 2;  // halve every two epochs
  EXPECT_FLOAT_EQ(learning_rate_at(step, config, 1.9), 0.1f);
  EXPECT_FLOAT_EQ(learning_rate_at(step, config, 2.0), 0.05f);
}

TEST(LearningRateScheduleTest, CosineGlidesFromTheRateToZero) {
  const TrainConfig config = schedule_config();
  const ScheduleKind cosine = ScheduleKind::kCosine;
  EXPECT_FLOAT_EQ(learning_rate_at(cosine, config, 0.0), 0.1f);
  // E/4: 0.1 (1 + cos(π/4)) / 2 = 0.0853553
  EXPECT_NEAR(learning_rate_at(cosine, config, 1.0), 0.0853553, 1e-6);
  EXPECT_NEAR(learning_rate_at(cosine, config, 2.0), 0.05, 1e-7);  // E/2: half
  EXPECT_NEAR(learning_rate_at(cosine, config, 4.0), 0.0, 1e-9);   // E: zero
  EXPECT_NEAR(learning_rate_at(cosine, config, 6.0), 0.0, 1e-9);   // past E: stays zero
}

TEST(LearningRateScheduleTest, ParseKnownAndUnknownNames) {
  EXPECT_EQ(*parse_schedule("constant"), ScheduleKind::kConstant);
  EXPECT_EQ(*parse_schedule("step"), ScheduleKind::kStep);
  EXPECT_EQ(*parse_schedule("cosine"), ScheduleKind::kCosine);
  Result<ScheduleKind> bad = parse_schedule("linear");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().find("unknown learning-rate schedule 'linear'"), std::string::npos)
      << bad.error();
}

// ------------------------------------------------------------------------------------------------
// Initialisers, on n = 100,000 weights with fan_in 300, fan_out 100.

constexpr std::size_t kDraws = 100000;
constexpr int kFanIn = 300, kFanOut = 100;

struct InitCase {
  Initializer init;
  double variance;  // expected
  double limit;     // uniform: the bound a; normal: 0
};

std::vector<InitCase> init_cases() {
  const double glorot = 2.0 / (kFanIn + kFanOut), he = 2.0 / kFanIn;
  return {
      {Initializer::kUniform, 0.05 * 0.05 / 3, 0.05},
      {Initializer::kNormal, 0.05 * 0.05, 0},
      {Initializer::kGlorotUniform, glorot, std::sqrt(6.0 / (kFanIn + kFanOut))},
      {Initializer::kGlorotNormal, glorot, 0},
      {Initializer::kHeUniform, he, std::sqrt(6.0 / kFanIn)},
      {Initializer::kHeNormal, he, 0},
      {Initializer::kNormalLarge, 1.0, 0},
  };
}

class InitializerTest : public ::testing::TestWithParam<InitCase> {};

TEST_P(InitializerTest, RangeMeanAndVariance) {
  const InitCase c = GetParam();
  std::vector<float> w(kDraws, std::numeric_limits<float>::quiet_NaN());
  Rng rng(99);
  fill_weights(c.init, w.data(), w.size(), kFanIn, kFanOut, rng);

  double sum = 0, sum_sq = 0, largest = 0;
  for (std::size_t i = 0; i < w.size(); ++i) {
    ASSERT_TRUE(std::isfinite(w[i])) << "w[" << i << "]";
    if (c.limit > 0) {  // (the engine computes the limit in float: allow its rounding)
      ASSERT_LE(std::fabs(w[i]), c.limit * (1 + 1e-6)) << "w[" << i << "] beyond the limit";
    }
    sum += w[i];
    sum_sq += double(w[i]) * w[i];
    largest = std::max(largest, std::fabs(double(w[i])));
  }
  const double mean = sum / kDraws, variance = sum_sq / kDraws - mean * mean;
  const double sd = std::sqrt(c.variance);
  EXPECT_LT(std::fabs(mean), 5 * sd / std::sqrt(double(kDraws)));
  EXPECT_NEAR(variance, c.variance, 0.03 * c.variance);  // the estimate's spread is < 0.5%
  if (c.limit > 0) {
    EXPECT_GT(largest, 0.99 * c.limit) << "a uniform fill should reach near its limit";
  } else {
    EXPECT_GT(largest, 3.5 * sd) << "a normal fill has tails beyond 3.5 standard deviations";
  }
}

TEST_P(InitializerTest, SameSeedSameValuesOtherSeedOtherValues) {
  const InitCase c = GetParam();
  std::vector<float> a(1000), b(1000), other(1000);
  Rng rng_a(5), rng_b(5), rng_other(6);
  fill_weights(c.init, a.data(), a.size(), kFanIn, kFanOut, rng_a);
  fill_weights(c.init, b.data(), b.size(), kFanIn, kFanOut, rng_b);
  fill_weights(c.init, other.data(), other.size(), kFanIn, kFanOut, rng_other);
  EXPECT_EQ(0, std::memcmp(a.data(), b.data(), a.size() * sizeof(float)));
  EXPECT_NE(a, other);
}

INSTANTIATE_TEST_SUITE_P(RandomInitializers, InitializerTest, ::testing::ValuesIn(init_cases()),
                         [](const ::testing::TestParamInfo<InitCase>& info) {
                           return std::string(initializer_name(info.param.init));
                         });

TEST(ZerosInitializerTest, GivesZeros) {
  std::vector<float> w(1001, std::numeric_limits<float>::quiet_NaN());
  Rng rng(1);
  fill_weights(Initializer::kZeros, w.data(), w.size(), kFanIn, kFanOut, rng);
  for (std::size_t i = 0; i < w.size(); ++i) EXPECT_EQ(w[i], 0.0f) << "w[" << i << "]";
}

TEST(InitializerNamesTest, ParseAndNameRoundTripAndUnknownIsAnError) {
  for (Initializer init : {Initializer::kZeros, Initializer::kUniform, Initializer::kNormal,
                           Initializer::kGlorotUniform, Initializer::kGlorotNormal,
                           Initializer::kHeUniform, Initializer::kHeNormal,
                           Initializer::kNormalLarge}) {
    Result<Initializer> parsed = parse_initializer(initializer_name(init));
    ASSERT_TRUE(parsed.ok()) << parsed.error();
    EXPECT_EQ(*parsed, init);
  }
  Result<Initializer> bad = parse_initializer("xavier");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().find("unknown initializer 'xavier'"), std::string::npos) << bad.error();
}

}  // namespace
}  // namespace mnist
