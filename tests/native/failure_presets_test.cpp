// The classic-failure presets (core/model/presets.cpp) fail the way their descriptions say, on
// the first 1,000 real training images, and the network-health report shows the symptom:
//   fail-zero-init     stuck near chance; every hidden ReLU dead, the first layer's gradient 0
//   fail-large-init    a first loss in the hundreds (a healthy start is ln 10 = 2.3)
//   fail-deep-sigmoid  stuck near chance; gradient norms shrink towards the input (vanishing)
//   fail-high-lr       the loss jumps, then stalls near chance with most ReLUs dead
// against the healthy "mlp", which passes 80% after one such epoch.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "core/model/presets.h"
#include "core/session/training_session.h"
#include "tests/native/mnist_files.h"

namespace mnist {
namespace {

TrainingSession& session_with_data() {
  static TrainingSession* session = new_session_with_training_data();
  return *session;
}

struct Outcome {
  TrainProgress epoch;
  float validation_accuracy = 0;
  NetworkHealth health;
};

// One epoch of the preset on the first 1,000 training images, then its health.
Outcome train_one_epoch(const std::string& preset) {
  TrainingSession& s = session_with_data();
  TrainConfig config = find_preset(preset)->config;
  config.train_limit = 1000;
  EXPECT_TRUE(s.configure(config).ok());
  Outcome out;
  out.epoch = s.train_batches(1000);
  out.validation_accuracy = s.evaluate(Split::kValidation).accuracy;
  auto health = s.network_health();
  EXPECT_TRUE(health.ok()) << health.error();
  if (health.ok()) out.health = *health;
  std::printf("[ measured ] %-17s first loss %7.3f, epoch loss %7.3f, val acc %5.1f%%%s |", preset.c_str(),
              out.epoch.first_batch_loss, out.epoch.loss, 100 * out.validation_accuracy,
              out.epoch.error.empty() ? "" : " (diverged)");
  for (const LayerHealth& l : out.health.layers) {
    if (l.gradient_norm) std::printf(" |g%d| %.2e", l.index, *l.gradient_norm);
    if (l.dead_percent) std::printf(" dead%d %.0f%%", l.index, *l.dead_percent);
    if (l.saturated_percent) std::printf(" sat%d %.0f%%", l.index, *l.saturated_percent);
  }
  std::printf("\n");
  return out;
}

TEST(FailurePresetsTest, EachFailsAsDescribedAndTheHealthReportShowsWhy) {
  const Outcome healthy = train_one_epoch("mlp");
  EXPECT_GT(healthy.validation_accuracy, 0.8f);
  const double healthy_norm = *healthy.health.layers[0].gradient_norm;

  const Outcome zero = train_one_epoch("fail-zero-init");
  EXPECT_LT(zero.validation_accuracy, 0.2f);
  EXPECT_EQ(*zero.health.layers[1].dead_percent, 100);
  EXPECT_EQ(*zero.health.layers[0].gradient_norm, 0);

  const Outcome large = train_one_epoch("fail-large-init");
  EXPECT_GT(large.epoch.first_batch_loss, 20);
  EXPECT_LT(healthy.epoch.first_batch_loss, 3);
  EXPECT_GT(*large.health.layers[0].gradient_norm, 10 * healthy_norm);

  // 784 -> 7 x (dense:64, sigmoid) -> dense:10, softmax: dense layers at 0, 2, ..., 14.
  const Outcome deep = train_one_epoch("fail-deep-sigmoid");
  EXPECT_LT(deep.validation_accuracy, 0.2f);
  ASSERT_EQ(deep.health.layers.size(), 16u);
  for (int i = 2; i <= 14; i += 2)
    EXPECT_LT(*deep.health.layers[i - 2].gradient_norm, *deep.health.layers[i].gradient_norm) << i;
  EXPECT_LT(*deep.health.layers[0].gradient_norm, 1e-3 * *deep.health.layers[14].gradient_norm);

  const Outcome high = train_one_epoch("fail-high-lr");
  EXPECT_GT(high.epoch.loss, 5 * healthy.epoch.loss);
  EXPECT_GT(*high.health.layers[1].dead_percent, 80);
  EXPECT_LT(high.validation_accuracy, 0.5f);
}

TEST(FailurePresetsTest, TheyAreListedWithDescriptions) {
  for (const char* id : {"fail-zero-init", "fail-large-init", "fail-deep-sigmoid", "fail-high-lr"}) {
    auto preset = find_preset(id);
    ASSERT_TRUE(preset.ok()) << preset.error();
    EXPECT_GT(preset->description.size(), 60u) << id;
    EXPECT_TRUE(validate_config(preset->config).ok()) << id;
  }
}

}  // namespace
}  // namespace mnist
