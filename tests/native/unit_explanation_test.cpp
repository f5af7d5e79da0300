// TrainingSession::trace_step and explain_unit: the numbers a person is shown for one neuron (or
// filter) in one training step must add up by hand. From the returned numbers alone:
//   z = w·x + b, and z is the layer's forward output;  dL/dz = dL/da · σ'(z);
//   Σ over the batch of each example's dL/dw (+ λw) = the batch gradient the optimizer used;
//   w_after - w = Δw = the optimizer's rule recomputed from η, t, m, v (sgd, momentum, nesterov,
//   adam; with and without weight decay). Dense and conv layers. Bad requests are errors.
// Synthetic bar digits keep it quick (tests/native/bar_digits.h).
#include <gtest/gtest.h>

#include <cfloat>
#include <cmath>
#include <string>
#include <vector>

#include "core/session/training_session.h"
#include "tests/native/bar_digits.h"

namespace mnist {
namespace {

constexpr int kBatch = 8;

TrainingSession& session_with_data() {
  static TrainingSession* session = [] {
    static const BarDigits data(5000 + 400, 11);  // the last 5,000 are held out for validation
    auto* s = new TrainingSession();
    EXPECT_TRUE(s->load_training_data(data.images.data(), data.images.size(), data.labels.data(),
                                      data.labels.size())
                    .ok());
    return s;
  }();
  return *session;
}

TrainConfig config_for(const std::string& spec, const std::string& optimizer, float decay) {
  TrainConfig c;
  c.model_spec = spec;
  c.optimizer = optimizer;
  c.learning_rate = optimizer == "adam" ? 0.01f : 0.1f;
  c.weight_decay = decay;
  c.batch_size = kBatch;
  c.seed = 5;
  return c;
}

// A session trained `warmup` batches (so momentum and Adam have state), then one traced step.
TrainingSession& traced(const TrainConfig& config, int warmup = 3) {
  TrainingSession& s = session_with_data();
  EXPECT_TRUE(s.configure(config).ok());
  if (warmup > 0) EXPECT_TRUE(s.train_batches(warmup).error.empty());
  const TracedStep step = s.trace_step();
  EXPECT_TRUE(step.progress.error.empty()) << step.progress.error;
  EXPECT_TRUE(s.has_trace());
  return s;
}

UnitExplanation explain(const TrainingSession& s, int layer, int unit, int example, int row = -1,
                        int col = -1) {
  auto e = s.explain_unit(layer, unit, example, row, col);
  EXPECT_TRUE(e.ok()) << e.error();
  return e.ok() ? *e : UnitExplanation{};
}

// z = w·x + b from the returned numbers, in double, against the forward pass's z.
void expect_weighted_sum(const UnitExplanation& e) {
  ASSERT_EQ(e.x.size(), e.w.size());
  ASSERT_EQ(int(e.x.size()), e.input.size());
  double sum = e.b, magnitude = std::fabs(e.b);
  for (std::size_t k = 0; k < e.x.size(); ++k) {
    sum += double(e.w[k]) * e.x[k];
    magnitude += std::fabs(double(e.w[k]) * e.x[k]);
  }
  EXPECT_NEAR(e.z, sum, 1e-5 * magnitude + 1e-6) << "layer " << e.layer << " unit " << e.unit;
}

double derivative(const std::string& activation, float z, float a) {
  if (activation == "relu") return z > 0 ? 1 : 0;
  if (activation == "sigmoid") return double(a) * (1 - a);
  if (activation == "tanh") return 1 - double(a) * a;
  return 1;  // none
}

// Σ_examples dL/dw + λw = the batch gradient, for weights and bias.
void expect_gradient_adds_up(const TrainingSession& s, int layer, int unit, int row = -1,
                             int col = -1) {
  const UnitExplanation first = explain(s, layer, unit, 0, row, col);
  std::vector<double> sum(first.w.size(), 0.0);
  double bias = 0;
  for (int b = 0; b < kBatch; ++b) {
    const UnitExplanation e = explain(s, layer, unit, b, row, col);
    for (std::size_t k = 0; k < sum.size(); ++k) sum[k] += e.dL_dw[k];
    bias += e.dL_db;
  }
  const float decay = first.optimizer.weight_decay;
  double scale = 0;
  for (float g : first.batch_grad_w) scale = std::max(scale, double(std::fabs(g)));
  for (std::size_t k = 0; k < sum.size(); ++k)
    EXPECT_NEAR(first.batch_grad_w[k], sum[k] + double(decay) * first.w[k], 1e-5 * scale + 1e-7)
        << "weight " << k;
  EXPECT_NEAR(first.batch_grad_b, bias, 1e-5 * std::fabs(bias) + 1e-7);  // no decay on biases
}

// w_after - w = Δw = the optimizer's rule, recomputed from the explanation's own numbers.
void expect_update_follows_rule(const UnitExplanation& e) {
  const OptimizerSnapshot& o = e.optimizer;
  const std::size_t n = e.w.size();
  ASSERT_EQ(e.w_after.size(), n);
  ASSERT_EQ(e.delta_w.size(), n);
  const bool has_m = o.kind != "sgd", has_v = o.kind == "adam";
  ASSERT_EQ(e.m_before.size(), has_m ? n : 0);
  ASSERT_EQ(e.m_after.size(), has_m ? n : 0);
  ASSERT_EQ(e.v_before.size(), has_v ? n : 0);
  ASSERT_EQ(e.v_after.size(), has_v ? n : 0);
  for (std::size_t k = 0; k < n; ++k) {
    EXPECT_EQ(e.delta_w[k], e.w_after[k] - e.w[k]);
    const double g = e.batch_grad_w[k];
    double expected = 0;
    if (o.kind == "sgd") {
      expected = -double(o.learning_rate) * g;
    } else if (o.kind == "momentum" || o.kind == "nesterov") {
      EXPECT_NEAR(e.m_after[k], o.momentum * double(e.m_before[k]) + g,
                  4 * FLT_EPSILON * (std::fabs(e.m_before[k]) + std::fabs(g)) + 1e-12);
      expected = -double(o.learning_rate) *
                 (o.kind == "nesterov" ? g + o.momentum * double(e.m_after[k]) : e.m_after[k]);
    } else {
      EXPECT_NEAR(e.m_after[k], o.beta1 * double(e.m_before[k]) + (1 - double(o.beta1)) * g,
                  4 * FLT_EPSILON * (std::fabs(e.m_before[k]) + std::fabs(g)) + 1e-12);
      EXPECT_NEAR(e.v_after[k], o.beta2 * double(e.v_before[k]) + (1 - double(o.beta2)) * g * g,
                  4 * FLT_EPSILON * (std::fabs(e.v_before[k]) + g * g) + 1e-18);
      EXPECT_NEAR(o.bias_correction1, 1 - std::pow(double(o.beta1), double(o.step)), 1e-12);
      EXPECT_NEAR(o.bias_correction2, 1 - std::pow(double(o.beta2), double(o.step)), 1e-12);
      const double m_hat = e.m_after[k] / o.bias_correction1;
      const double v_hat = e.v_after[k] / o.bias_correction2;
      expected = -double(o.learning_rate) * m_hat / (std::sqrt(v_hat) + o.epsilon);
    }
    // Δw is a difference of two floats: exact up to the rounding of w_after (an ulp of w).
    const double rounding = 2 * FLT_EPSILON * std::fabs(e.w[k]);
    EXPECT_NEAR(e.delta_w[k], expected, rounding + 1e-5 * std::fabs(expected) + 1e-12)
        << o.kind << " weight " << k;
  }
  EXPECT_EQ(e.delta_b, e.b_after - e.b);
}

TEST(UnitExplanationTest, ADenseNeuronsNumbersAddUpForEveryOptimizer) {
  for (const char* optimizer : {"sgd", "momentum", "nesterov", "adam"}) {
    for (float decay : {0.0f, 0.01f}) {
      SCOPED_TRACE(std::string(optimizer) + " weight decay " + std::to_string(decay));
      TrainingSession& s = traced(config_for("dense:16:relu,dense:10:softmax", optimizer, decay));
      const int unit = 5, example = 3;
      const UnitExplanation e = explain(s, 0, unit, example);
      EXPECT_EQ(e.kind, "dense");
      EXPECT_EQ(e.input.size(), 784);
      EXPECT_EQ(e.optimizer.kind, optimizer);
      EXPECT_EQ(e.optimizer.weight_decay, decay);
      EXPECT_EQ(e.optimizer.step, 4);  // 3 warm-up batches, then the traced one
      EXPECT_EQ(e.activation, "relu");
      EXPECT_EQ(e.a, std::max(e.z, 0.0f));
      EXPECT_EQ(e.dL_dz, float(e.dL_da * derivative("relu", e.z, e.a)));
      EXPECT_EQ(e.dL_db, e.dL_dz);
      expect_weighted_sum(e);
      expect_update_follows_rule(e);
      expect_gradient_adds_up(s, 0, unit);
      // The output layer: softmax, fused with cross-entropy: dL/dz = (p - t) / B.
      const UnitExplanation out = explain(s, 2, e.label, example);  // 784 -> 16 -> ReLU -> 10
      EXPECT_EQ(out.activation, "softmax");
      EXPECT_EQ(out.a, out.probabilities[e.label]);
      EXPECT_NEAR(out.dL_dz, (out.a - 1) / kBatch, 1e-7);
      EXPECT_NEAR(out.dL_da, -1 / (kBatch * out.a), 1e-5 / (kBatch * out.a));
      EXPECT_NEAR(out.loss, -std::log(out.a), 1e-5);
      expect_weighted_sum(out);
      expect_update_follows_rule(out);
      expect_gradient_adds_up(s, 2, e.label);
    }
  }
}

TEST(UnitExplanationTest, SigmoidAndTanhPassTheirSlopeBack) {
  for (const char* activation : {"sigmoid", "tanh"}) {
    SCOPED_TRACE(activation);
    TrainingSession& s = traced(config_for(
        std::string("dense:12:") + activation + ",dense:12:" + activation + ",dense:10:softmax",
        "momentum", 0));
    for (int layer : {0, 2}) {
      for (int example = 0; example < kBatch; ++example) {
        const UnitExplanation e = explain(s, layer, 7, example);
        EXPECT_EQ(e.activation, activation);
        const double slope = derivative(activation, e.z, e.a);
        EXPECT_NEAR(e.dL_dz, e.dL_da * slope, 1e-6 * std::fabs(e.dL_da * slope) + 1e-12);
        EXPECT_NEAR(e.a, activation == std::string("tanh") ? std::tanh(e.z) : 1 / (1 + std::exp(-e.z)),
                    1e-6);
        expect_weighted_sum(e);
      }
      expect_gradient_adds_up(s, layer, 7);
    }
    expect_update_follows_rule(explain(s, 2, 3, 1));
  }
}

TEST(UnitExplanationTest, AConvFiltersNumbersAddUpAtEveryPosition) {
  for (const char* padding : {"valid", "same"}) {
    for (const char* optimizer : {"sgd", "adam"}) {
      SCOPED_TRACE(std::string(padding) + " " + optimizer);
      TrainingSession& s = traced(config_for(std::string("conv:4:3x3:") + padding +
                                                 ":relu,maxpool:2,conv:3:3x3:s2:tanh,flatten,dense:10:softmax",
                                             optimizer, 0.001f));
      // Default position: the largest |z| of the filter for that example.
      const UnitExplanation e = explain(s, 0, 2, 1);
      EXPECT_EQ(e.kind, "conv");
      EXPECT_EQ(e.input.channels, 1);
      EXPECT_EQ(e.input.height, 3);
      EXPECT_EQ(e.input.width, 3);
      expect_weighted_sum(e);
      EXPECT_EQ(e.dL_dz, float(e.dL_da * derivative("relu", e.z, e.a)));
      const int side = std::string(padding) == "same" ? 28 : 26;
      EXPECT_GE(e.row, 0);
      EXPECT_LT(e.row, side);
      for (int r = 0; r < side; r += 5) {
        for (int c = 0; c < side; c += 3) {
          const UnitExplanation at = explain(s, 0, 2, 1, r, c);
          EXPECT_LE(std::fabs(at.z), std::fabs(e.z));
          expect_weighted_sum(at);
          EXPECT_EQ(at.dL_dw, e.dL_dw);  // the filter's gradient sums over every position
        }
      }
      if (std::string(padding) == "same") {  // the corner patch reaches into the zero padding
        const UnitExplanation corner = explain(s, 0, 2, 1, 0, 0);
        EXPECT_EQ(corner.x[0], 0.0f);
        EXPECT_EQ(corner.x[1], 0.0f);
        EXPECT_EQ(corner.x[3], 0.0f);
      }
      expect_update_follows_rule(e);
      expect_gradient_adds_up(s, 0, 2);
      // The second conv layer (after ReLU and pooling): 4 input channels, stride 2, tanh.
      const UnitExplanation deep = explain(s, 3, 1, 4);
      EXPECT_EQ(deep.input.channels, 4);
      EXPECT_EQ(deep.activation, "tanh");
      expect_weighted_sum(deep);
      EXPECT_NEAR(deep.dL_dz, deep.dL_da * derivative("tanh", deep.z, deep.a),
                  1e-6 * std::fabs(deep.dL_da) + 1e-12);
      expect_gradient_adds_up(s, 3, 1, 1, 1);
    }
  }
}

TEST(UnitExplanationTest, TheSummaryDescribesTheBatchAndTheLayers) {
  TrainingSession& s = session_with_data();
  ASSERT_TRUE(s.configure(config_for("conv:4:3x3:relu,maxpool:2,flatten,dense:10:softmax", "adam", 0)).ok());
  const TracedStep step = s.trace_step();
  ASSERT_TRUE(step.progress.error.empty()) << step.progress.error;
  EXPECT_EQ(step.progress.batches_run, 1);
  EXPECT_EQ(step.summary.batch, kBatch);
  EXPECT_EQ(step.summary.samples_seen, kBatch);
  EXPECT_EQ(step.summary.loss, step.progress.loss);
  ASSERT_EQ(step.summary.labels.size(), std::size_t(kBatch));
  ASSERT_EQ(step.summary.predictions.size(), std::size_t(kBatch));
  ASSERT_EQ(step.summary.images.size(), std::size_t(kBatch) * 784);
  ASSERT_EQ(step.summary.layers.size(), 6u);
  const TracedLayer& conv = step.summary.layers[0];
  EXPECT_EQ(conv.kind, "Conv2D");
  EXPECT_TRUE(conv.explainable);
  EXPECT_EQ(conv.units, 4);
  EXPECT_EQ(conv.activation, "relu");
  EXPECT_EQ(conv.output.height, 26);
  EXPECT_FALSE(step.summary.layers[1].explainable);
  EXPECT_EQ(step.summary.layers[1].activation, "relu");
  EXPECT_EQ(step.summary.layers[4].units, 10);
  EXPECT_EQ(step.summary.layers[4].activation, "softmax");
  for (int b = 0; b < kBatch; ++b) {
    const UnitExplanation e = explain(s, 4, 0, b);
    EXPECT_EQ(e.label, step.summary.labels[b]);
    const auto best = std::max_element(e.probabilities.begin(), e.probabilities.end());
    EXPECT_EQ(int(best - e.probabilities.begin()), step.summary.predictions[b]);
  }
  // The images are the batch as trained: the first dense layer's input is the flattened image
  // only after the conv, so compare with a conv patch at the top-left corner instead.
  const UnitExplanation patch = explain(s, 0, 0, 2, 0, 0);
  for (int r = 0; r < 3; ++r)
    for (int c = 0; c < 3; ++c)
      EXPECT_EQ(patch.x[std::size_t(r * 3 + c)], step.summary.images[std::size_t(2 * 784 + r * 28 + c)]);
}

TEST(UnitExplanationTest, BadRequestsAndMissingTracesAreErrors) {
  TrainingSession fresh;
  EXPECT_FALSE(fresh.has_trace());
  EXPECT_NE(fresh.trace_step().progress.error, "");
  EXPECT_FALSE(fresh.explain_unit(0, 0, 0).ok());

  TrainingSession& s = traced(config_for("conv:4:3x3:relu,flatten,dense:10:softmax", "sgd", 0), 0);
  auto error_of = [&](int layer, int unit, int example, int row = -1, int col = -1) {
    auto e = s.explain_unit(layer, unit, example, row, col);
    EXPECT_FALSE(e.ok()) << layer << " " << unit << " " << example << " " << row << " " << col;
    return e.ok() ? std::string() : e.error();
  };
  EXPECT_NE(error_of(-1, 0, 0).find("layer -1 does not exist"), std::string::npos);
  EXPECT_NE(error_of(5, 0, 0).find("layer 5 does not exist"), std::string::npos);
  EXPECT_NE(error_of(4, 0, 0).find("(Softmax) has no weights"), std::string::npos);
  EXPECT_NE(error_of(1, 0, 0).find("has no weights"), std::string::npos);  // the ReLU
  EXPECT_NE(error_of(0, 4, 0).find("filter 4 does not exist"), std::string::npos);
  EXPECT_NE(error_of(3, 10, 0).find("unit 10 does not exist"), std::string::npos);
  EXPECT_NE(error_of(0, 0, kBatch).find("example 8 does not exist"), std::string::npos);
  EXPECT_NE(error_of(0, 0, -1).find("example -1"), std::string::npos);
  EXPECT_NE(error_of(0, 0, 0, 26, 0).find("outside the 26x26 output"), std::string::npos);
  EXPECT_NE(error_of(0, 0, 0, 3, -1).find("outside"), std::string::npos);
  EXPECT_TRUE(s.explain_unit(0, 0, 0, 25, 25).ok());

  // Any later training or a new model drops the trace.
  ASSERT_TRUE(s.train_batches(1).error.empty());
  EXPECT_FALSE(s.has_trace());
  EXPECT_NE(error_of(0, 0, 0).find("no traced step"), std::string::npos);
  ASSERT_TRUE(s.trace_step().progress.error.empty());
  ASSERT_TRUE(s.configure(config_for("dense:10:softmax", "sgd", 0)).ok());
  EXPECT_FALSE(s.has_trace());
}

TEST(UnitExplanationTest, ATraceTooBigForTheMemoryLimitIsRefusedBeforeTraining) {
  TrainingSession& s = session_with_data();
  TrainConfig c = config_for("dense:64:relu,dense:10:softmax", "adam", 0);
  c.batch_size = 4096;
  ASSERT_TRUE(s.configure(c).ok());
  const std::uint64_t limit = s.memory_limit();
  auto needed = s.memory_needed(c);
  ASSERT_TRUE(needed.ok());
  ASSERT_TRUE(s.set_memory_limit(*needed + (1 << 20)).ok());
  const TracedStep step = s.trace_step();
  EXPECT_NE(step.progress.error.find("lower the batch size"), std::string::npos) << step.progress.error;
  EXPECT_EQ(s.position().samples_seen, 0);
  EXPECT_FALSE(s.has_trace());
  ASSERT_TRUE(s.set_memory_limit(limit).ok());
}

}  // namespace
}  // namespace mnist
