// Losses: each gradient against finite differences of its loss, the fused softmax/sigmoid forms
// against the loss computed through the activation (an independent double-precision reference),
// stability for huge logits, a 1x3 case computed by hand, and parse_loss.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "core/kernels/vector_ops.h"
#include "core/train/loss.h"
#include "core/util/rng.h"

namespace mnist {
namespace {

constexpr int B = 3;  // batch
constexpr int K = 5;  // classes

std::vector<float> random_values(Rng& rng, std::size_t n, float lo, float hi) {
  std::vector<float> v(n);
  for (float& value : v) value = rng.uniform(lo, hi);
  return v;
}

std::vector<std::uint8_t> random_labels(Rng& rng, int n, int classes) {
  std::vector<std::uint8_t> labels(n);
  for (auto& label : labels) label = std::uint8_t(rng.below(std::uint32_t(classes)));
  return labels;
}

// Central difference of f with respect to v[i], using the step float rounding actually took.
template <class F>
double central_difference(std::vector<float>& v, std::size_t i, float eps, F f) {
  const float original = v[i];
  v[i] = original + eps;
  const float up = v[i];
  const double f_up = f();
  v[i] = original - eps;
  const float down = v[i];
  const double f_down = f();
  v[i] = original;
  return (f_up - f_down) / (double(up) - double(down));
}

std::string at(std::size_t i) {
  return "grad[" + std::to_string(i) + "] (row " + std::to_string(i / K) + ", class " +
         std::to_string(i % K) + ")";
}

// ------------------------------------------------------------------------------------------------
// Losses on probabilities.

class LossGradientTest : public ::testing::TestWithParam<LossKind> {};

TEST_P(LossGradientTest, GradientMatchesFiniteDifferences) {
  const LossKind kind = GetParam();
  Rng rng(11);
  auto p = random_values(rng, B * K, 0.05f, 0.95f);
  const auto labels = random_labels(rng, B, K);
  std::vector<float> grad(B * K, std::nanf(""));
  loss_and_gradient(kind, p.data(), labels.data(), B, K, grad.data());

  for (std::size_t i = 0; i < p.size(); ++i) {
    const double numeric = central_difference(p, i, 1e-3f, [&] {
      return double(loss_and_gradient(kind, p.data(), labels.data(), B, K, nullptr));
    });
    EXPECT_NEAR(grad[i], numeric, 1e-4 + 2e-3 * std::fabs(numeric)) << loss_name(kind) << " " << at(i);
  }
}

TEST_P(LossGradientTest, LossIsTheSameWithOrWithoutAGradientBuffer) {
  const LossKind kind = GetParam();
  Rng rng(12);
  const auto p = random_values(rng, B * K, 0.05f, 0.95f);
  const auto labels = random_labels(rng, B, K);
  std::vector<float> grad(B * K);
  EXPECT_EQ(loss_and_gradient(kind, p.data(), labels.data(), B, K, grad.data()),
            loss_and_gradient(kind, p.data(), labels.data(), B, K, nullptr));
}

INSTANTIATE_TEST_SUITE_P(AllLosses, LossGradientTest,
                         ::testing::Values(LossKind::kCrossEntropy, LossKind::kBinaryCrossEntropy,
                                           LossKind::kMse),
                         [](const ::testing::TestParamInfo<LossKind>& info) {
                           return std::string(loss_name(info.param));
                         });

// ------------------------------------------------------------------------------------------------
// Fused forms, from logits. The references go through the activation in double.

double softmax_cross_entropy_reference(const std::vector<float>& z,
                                       const std::vector<std::uint8_t>& labels) {
  double total = 0;
  for (int b = 0; b < B; ++b) {
    double sum = 0;
    for (int k = 0; k < K; ++k) sum += std::exp(double(z[b * K + k]));
    total -= std::log(std::exp(double(z[b * K + labels[b]])) / sum);
  }
  return total / B;
}

double sigmoid_binary_cross_entropy_reference(const std::vector<float>& z,
                                              const std::vector<std::uint8_t>& labels) {
  double total = 0;
  for (int b = 0; b < B; ++b)
    for (int k = 0; k < K; ++k) {
      const double p = 1 / (1 + std::exp(-double(z[b * K + k])));
      total -= k == labels[b] ? std::log(p) : std::log(1 - p);
    }
  return total / (B * K);
}

TEST(FusedLossTest, SoftmaxCrossEntropyGradientMatchesFiniteDifferencesThroughSoftmax) {
  Rng rng(21);
  auto z = random_values(rng, B * K, -3.0f, 3.0f);
  const auto labels = random_labels(rng, B, K);
  std::vector<float> p(B * K), grad(B * K, std::nanf(""));
  kernels::softmax_rows(B, K, z.data(), p.data());
  const float loss = softmax_cross_entropy(z.data(), p.data(), labels.data(), B, K, grad.data());
  EXPECT_NEAR(loss, softmax_cross_entropy_reference(z, labels), 1e-5);
  // The same loss as cross_entropy on the probabilities.
  EXPECT_NEAR(loss, loss_and_gradient(LossKind::kCrossEntropy, p.data(), labels.data(), B, K, nullptr), 1e-5);

  for (std::size_t i = 0; i < z.size(); ++i) {
    const double numeric = central_difference(z, i, 1e-3f, [&] {
      return softmax_cross_entropy_reference(z, labels);
    });
    EXPECT_NEAR(grad[i], numeric, 1e-5 + 1e-3 * std::fabs(numeric)) << at(i);
  }
}

TEST(FusedLossTest, SigmoidBinaryCrossEntropyGradientMatchesFiniteDifferencesThroughSigmoid) {
  Rng rng(22);
  auto z = random_values(rng, B * K, -3.0f, 3.0f);
  const auto labels = random_labels(rng, B, K);
  std::vector<float> p(B * K), grad(B * K, std::nanf(""));
  kernels::sigmoid_forward(B * K, z.data(), p.data());
  const float loss =
      sigmoid_binary_cross_entropy(z.data(), p.data(), labels.data(), B, K, grad.data());
  EXPECT_NEAR(loss, sigmoid_binary_cross_entropy_reference(z, labels), 1e-5);
  EXPECT_NEAR(loss, loss_and_gradient(LossKind::kBinaryCrossEntropy, p.data(), labels.data(), B, K, nullptr), 1e-5);

  for (std::size_t i = 0; i < z.size(); ++i) {
    const double numeric = central_difference(z, i, 1e-3f, [&] {
      return sigmoid_binary_cross_entropy_reference(z, labels);
    });
    EXPECT_NEAR(grad[i], numeric, 1e-5 + 1e-3 * std::fabs(numeric)) << at(i);
  }
}

// Logits of ±1e4 overflow e^z in any precision; the fused forms must still give the exact, finite
// answer: the loss is the margin by which the true class loses, the gradient (p - t)/B.
TEST(FusedLossTest, HugeLogitsGiveFiniteLossAndGradient) {
  // Row 0: the true class (0) has the lowest logit; row 1: it has the highest; row 2: a tie.
  const std::vector<float> z = {-1e4f, 1e4f, 0, 0, 0,   //
                                1e4f, -1e4f, 0, 0, 0,   //
                                1e4f, 1e4f, -1e4f, 0, 0};
  const std::vector<std::uint8_t> labels = {0, 0, 0};
  std::vector<float> p(B * K), grad(B * K);

  kernels::softmax_rows(B, K, z.data(), p.data());
  const float ce = softmax_cross_entropy(z.data(), p.data(), labels.data(), B, K, grad.data());
  ASSERT_TRUE(std::isfinite(ce));
  // Row 0 loses by 2e4, row 1 not at all, row 2 shares first place: log 2.
  EXPECT_NEAR(ce, (2e4 + 0 + std::log(2.0)) / 3, 1e-2);
  for (std::size_t i = 0; i < grad.size(); ++i) EXPECT_TRUE(std::isfinite(grad[i])) << at(i);
  EXPECT_NEAR(grad[0], -1.0f / 3, 1e-6);  // p = 0, t = 1
  EXPECT_NEAR(grad[1], 1.0f / 3, 1e-6);   // p = 1, t = 0
  EXPECT_NEAR(grad[5], 0.0f, 1e-6);       // right and certain
  EXPECT_NEAR(grad[10], -0.5f / 3, 1e-6); // p = 0.5, t = 1

  kernels::sigmoid_forward(B * K, z.data(), p.data());
  const float bce =
      sigmoid_binary_cross_entropy(z.data(), p.data(), labels.data(), B, K, grad.data());
  ASSERT_TRUE(std::isfinite(bce));
  // Confidently wrong entries cost |z| = 1e4 each: row 0 class 0 and class 1, row 1 none,
  // row 2 class 1; z = 0 entries cost log 2 (eight of them).
  EXPECT_NEAR(bce, (3 * 1e4 + 8 * std::log(2.0)) / 15, 1e-2);
  for (std::size_t i = 0; i < grad.size(); ++i) EXPECT_TRUE(std::isfinite(grad[i])) << at(i);
}

// ------------------------------------------------------------------------------------------------
// One example, three classes, by hand.

TEST(LossValuesTest, OneByThreeComputedByHand) {
  const std::uint8_t label[1] = {1};
  const float p[3] = {0.2f, 0.3f, 0.5f};
  float g[3];

  // cross-entropy: -ln 0.3; gradient -t/p
  EXPECT_NEAR(loss_and_gradient(LossKind::kCrossEntropy, p, label, 1, 3, g), 1.2039728, 1e-6);
  EXPECT_FLOAT_EQ(g[0], 0.0f);
  EXPECT_NEAR(g[1], -3.3333333, 1e-5);
  EXPECT_FLOAT_EQ(g[2], 0.0f);

  // binary cross-entropy: -(ln 0.8 + ln 0.3 + ln 0.5) / 3; gradient (p - t) / (3 p (1 - p))
  EXPECT_NEAR(loss_and_gradient(LossKind::kBinaryCrossEntropy, p, label, 1, 3, g), 0.7067545, 1e-6);
  EXPECT_NEAR(g[0], 0.4166667, 1e-6);   // 0.2 / 0.48
  EXPECT_NEAR(g[1], -1.1111111, 1e-6);  // -0.7 / 0.63
  EXPECT_NEAR(g[2], 0.6666667, 1e-6);   // 0.5 / 0.75

  // mse: (0.04 + 0.49 + 0.25) / 3; gradient 2 (p - t) / 3
  EXPECT_NEAR(loss_and_gradient(LossKind::kMse, p, label, 1, 3, g), 0.26, 1e-6);
  EXPECT_NEAR(g[0], 0.1333333, 1e-6);
  EXPECT_NEAR(g[1], -0.4666667, 1e-6);
  EXPECT_NEAR(g[2], 0.3333333, 1e-6);

  // softmax + cross-entropy on logits (1, 2, 3), label 2: logsumexp = 3.4076060,
  // p = (0.0900306, 0.2447285, 0.6652410)
  const float z[3] = {1, 2, 3};
  const std::uint8_t label2[1] = {2};
  float sp[3];
  kernels::softmax_rows(1, 3, z, sp);
  EXPECT_NEAR(softmax_cross_entropy(z, sp, label2, 1, 3, g), 0.4076060, 1e-6);
  EXPECT_NEAR(g[0], 0.0900306, 1e-6);
  EXPECT_NEAR(g[1], 0.2447285, 1e-6);
  EXPECT_NEAR(g[2], -0.3347590, 1e-6);

  // sigmoid + binary cross-entropy on logits (0, ln 3, -ln 3), label 2:
  // p = (1/2, 3/4, 1/4); L = (ln 2 + ln 4 + ln 4) / 3 = 5 ln 2 / 3
  const float zs[3] = {0.0f, std::log(3.0f), -std::log(3.0f)};
  float ps[3];
  kernels::sigmoid_forward(3, zs, ps);
  EXPECT_NEAR(sigmoid_binary_cross_entropy(zs, ps, label2, 1, 3, g), 1.1552453, 1e-6);
  EXPECT_NEAR(g[0], 0.5 / 3, 1e-6);
  EXPECT_NEAR(g[1], 0.75 / 3, 1e-6);
  EXPECT_NEAR(g[2], -0.75 / 3, 1e-6);
}

// ------------------------------------------------------------------------------------------------
// Names.

TEST(ParseLossTest, KnownNamesAndAliases) {
  for (LossKind kind : {LossKind::kCrossEntropy, LossKind::kBinaryCrossEntropy, LossKind::kMse}) {
    Result<LossKind> parsed = parse_loss(loss_name(kind));
    ASSERT_TRUE(parsed.ok()) << parsed.error();
    EXPECT_EQ(*parsed, kind);
  }
  EXPECT_EQ(*parse_loss("categorical_cross_entropy"), LossKind::kCrossEntropy);
  EXPECT_EQ(*parse_loss("bce"), LossKind::kBinaryCrossEntropy);
}

TEST(ParseLossTest, UnknownNamesAreErrorsListingTheChoices) {
  for (const char* name : {"", "hinge", "MSE", "cross-entropy", "mse "}) {
    Result<LossKind> parsed = parse_loss(name);
    ASSERT_FALSE(parsed.ok()) << "'" << name << "'";
    EXPECT_NE(parsed.error().find("unknown loss '" + std::string(name) + "'"), std::string::npos)
        << parsed.error();
    EXPECT_NE(parsed.error().find("cross_entropy, binary_cross_entropy or mse"), std::string::npos)
        << parsed.error();
  }
}

}  // namespace
}  // namespace mnist
