// FLOPs per training example (core/model/flop_count.h), each figure worked out by hand from the
// header's table: a dense layer, a conv layer (with and without the input gradient the first
// layer skips), the fused softmax + cross-entropy, the optimizers, weight decay, and the two
// models the page's benchmark times.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "core/model/flop_count.h"
#include "core/train/train_config.h"

namespace mnist {
namespace {

TrainConfig config_for(const std::string& spec, const std::string& loss, const std::string& optimizer,
                       int batch) {
  TrainConfig c;
  c.model_spec = spec;
  c.loss = loss;
  c.optimizer = optimizer;
  c.batch_size = batch;
  return c;
}

TrainingFlops count(const TrainConfig& config) {
  auto flops = count_training_flops(config);
  EXPECT_TRUE(flops.ok()) << (flops.ok() ? "" : flops.error());
  return flops.ok() ? *flops : TrainingFlops{};
}

TEST(FlopCount, DenseLayersFirstAndLater) {
  // input 4 -> dense 3 -> dense 2, MSE, SGD.
  const TrainingFlops f = count(config_for("input:4,dense:3,dense:2", "mse", "sgd", 8));
  ASSERT_EQ(f.layers.size(), 2u);
  EXPECT_EQ(f.layers[0].spec, "dense:3");
  // First: x·Wᵀ 2·4·3 and bias 3; backward dW 2·4·3 and db 3, no dx.
  EXPECT_EQ(f.layers[0].forward, 2u * 4 * 3 + 3);
  EXPECT_EQ(f.layers[0].backward, 2u * 4 * 3 + 3);
  // Second: backward also dx = dy·W, 2·3·2.
  EXPECT_EQ(f.layers[1].forward, 2u * 3 * 2 + 2);
  EXPECT_EQ(f.layers[1].backward, 2u * 3 * 2 + 2 + 2u * 3 * 2);
  EXPECT_EQ(f.forward, 27u + 14u);
  EXPECT_EQ(f.backward, 27u + 26u);
  EXPECT_EQ(f.loss, 5u * 2);                   // MSE on 2 outputs, unfused
  EXPECT_EQ(f.update, 2u * (4 * 3 + 3 + 3 * 2 + 2));  // SGD: 2 per parameter, 23 parameters
  EXPECT_DOUBLE_EQ(f.per_example(8), 27 + 14 + 10 + 27 + 26 + 46.0 / 8);
}

TEST(FlopCount, ConvLayerWithInputGradientAndFusedSoftmax) {
  // 2x6x6 image -> relu -> conv 3 filters 3x3 (out 3x4x4) -> flatten -> dense 2 -> softmax.
  TrainConfig c = config_for("input:6x6x2,relu,conv:3:3x3,flatten,dense:2,softmax", "cross_entropy",
                             "momentum", 4);
  const TrainingFlops f = count(c);
  ASSERT_EQ(f.layers.size(), 5u);
  EXPECT_EQ(f.layers[0].forward, 72u);   // relu on 2·6·6 values
  EXPECT_EQ(f.layers[0].backward, 0u);   // first layer: nothing backward
  const std::uint64_t F = 3, K = 2 * 3 * 3, P = 4 * 4;
  EXPECT_EQ(f.layers[1].spec, "conv:3:3x3");
  EXPECT_EQ(f.layers[1].forward, 2 * F * K * P + F * P);                          // 1776
  EXPECT_EQ(f.layers[1].backward, 2 * F * K * P + F * P + 2 * F * K * P + K * P);  // 3792
  EXPECT_EQ(f.layers[2].forward + f.layers[2].backward, 0u);                      // flatten
  EXPECT_EQ(f.layers[3].forward, 2u * 48 * 2 + 2);
  EXPECT_EQ(f.layers[3].backward, 2u * 48 * 2 + 2 + 2u * 48 * 2);
  EXPECT_EQ(f.layers[4].forward, 5u * 2 - 2);  // softmax of 2
  EXPECT_EQ(f.layers[4].backward, 0u);         // fused with the loss, skipped
  EXPECT_EQ(f.loss, 6u * 2);
  const std::uint64_t parameters = (F * K + F) + (48 * 2 + 2);  // 57 + 98
  EXPECT_EQ(f.update, 4 * parameters);
  // Weight decay adds 2 per weight (not bias): 54 conv weights, 96 dense weights.
  c.weight_decay = 0.01f;
  EXPECT_EQ(count(c).update, 4 * parameters + 2u * (54 + 96));
}

TEST(FlopCount, FirstConvLayerComputesNoInputGradient) {
  const TrainingFlops f = count(config_for("input:6x6x2,conv:3:3x3", "mse", "sgd", 1));
  const std::uint64_t F = 3, K = 18, P = 16;
  EXPECT_EQ(f.layers[0].backward, 2 * F * K * P + F * P);
}

TEST(FlopCount, SeedMlpWithAdam) {
  const TrainingFlops f = count(config_for("dense:256:relu,dense:10:softmax", "cross_entropy", "adam", 32));
  EXPECT_EQ(f.forward, (2u * 784 * 256 + 256) + 256 + (2u * 256 * 10 + 10) + (5u * 10 - 2));  // 407,098
  EXPECT_EQ(f.backward, (2u * 784 * 256 + 256) + 256 + (2u * 256 * 10 + 10 + 2u * 256 * 10));  // 412,170
  EXPECT_EQ(f.loss, 60u);
  EXPECT_EQ(f.update, 12u * (784 * 256 + 256 + 256 * 10 + 10));  // Adam, 203,530 parameters
  EXPECT_DOUBLE_EQ(f.per_example(32), 407098 + 60 + 412170 + 2442360.0 / 32);
}

TEST(FlopCount, CnnSmallWithAdam) {
  const TrainingFlops f = count(config_for(
      "conv:8:5x5:relu,maxpool:2,conv:16:5x5:relu,maxpool:2,flatten,dense:10:softmax", "cross_entropy",
      "adam", 64));
  // conv 8 (out 8x24x24), relu, maxpool (8x12x12), conv 16 (16x8x8), relu, maxpool (16x4x4),
  // flatten, dense 10, softmax.
  const std::uint64_t conv1 = 2u * 8 * 25 * 576, conv2 = 2u * 16 * 200 * 64;
  EXPECT_EQ(f.forward, (conv1 + 4608) + 4608 + 3u * 1152 + (conv2 + 1024) + 1024 + 3u * 256 +
                           (2u * 256 * 10 + 10) + 48);
  EXPECT_EQ(f.backward, (conv1 + 4608) + 4608 + 1152 + (conv2 + 1024 + conv2 + 200u * 64) + 1024 +
                            256 + (2u * 256 * 10 + 10 + 2u * 256 * 10));
  EXPECT_EQ(f.update, 12u * ((8 * 25 + 8) + (16 * 200 + 16) + (256 * 10 + 10)));
}

TEST(FlopCount, RefusesWhatTrainingWould) {
  auto bad = count_training_flops(config_for("conv:8:50x50", "cross_entropy", "adam", 32));
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().find("layer 1"), std::string::npos) << bad.error();
  EXPECT_FALSE(count_training_flops(config_for("dense:10:softmax", "cross_entropy", "lion", 32)).ok());
}

}  // namespace
}  // namespace mnist
