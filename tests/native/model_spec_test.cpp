// The model as data: parse_model_spec on valid and invalid specs (each error must say what is
// wrong), the canonical to_string round trip, and the TrainConfig checks and key=value text form
// that model files store.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <ostream>
#include <string>
#include <vector>

#include "core/model/model_spec.h"
#include "core/train/train_config.h"

namespace mnist {
namespace {

using Type = LayerSpec::Type;

ModelSpec parse_ok(const std::string& text) {
  Result<ModelSpec> spec = parse_model_spec(text);
  EXPECT_TRUE(spec.ok()) << "'" << text << "': " << spec.error();
  return spec.ok() ? *spec : ModelSpec{};
}

// ------------------------------------------------------------------------------------------------
// Valid specs.

TEST(ModelSpecTest, SeedMlp) {
  const ModelSpec spec = parse_ok("dense:256:relu,dense:10:softmax");
  EXPECT_EQ(spec.input, (Shape{1, 28, 28})) << "default input: one 28x28 image";
  ASSERT_EQ(spec.layers.size(), 4u);
  EXPECT_EQ(spec.layers[0].type, Type::kDense);
  EXPECT_EQ(spec.layers[0].units, 256);
  EXPECT_EQ(spec.layers[1].type, Type::kActivation);
  EXPECT_EQ(spec.layers[1].activation, ActivationKind::kReLU);
  EXPECT_EQ(spec.layers[2].type, Type::kDense);
  EXPECT_EQ(spec.layers[2].units, 10);
  EXPECT_EQ(spec.layers[3].type, Type::kSoftmax);
}

TEST(ModelSpecTest, InputAsSizeOrImage) {
  EXPECT_EQ(parse_ok("input:784,dense:10:softmax").input, (Shape{1, 1, 784}));
  EXPECT_EQ(parse_ok("input:28x28x1,dense:10").input, (Shape{1, 28, 28}));
  EXPECT_EQ(parse_ok("input:28x28,dense:10").input, (Shape{1, 28, 28}));
  EXPECT_EQ(parse_ok("input:32x16x3,dense:10").input, (Shape{3, 32, 16}));
}

TEST(ModelSpecTest, EveryActivation) {
  const ModelSpec spec = parse_ok("dense:8:leaky_relu:0.2,leaky_relu,sigmoid,tanh,relu,softmax");
  ASSERT_EQ(spec.layers.size(), 7u);
  EXPECT_EQ(spec.layers[1].activation, ActivationKind::kLeakyReLU);
  EXPECT_FLOAT_EQ(spec.layers[1].alpha, 0.2f);
  EXPECT_EQ(spec.layers[2].activation, ActivationKind::kLeakyReLU);
  EXPECT_FLOAT_EQ(spec.layers[2].alpha, 0.01f) << "default slope";
  EXPECT_EQ(spec.layers[3].activation, ActivationKind::kSigmoid);
  EXPECT_EQ(spec.layers[4].activation, ActivationKind::kTanh);
  EXPECT_EQ(spec.layers[5].activation, ActivationKind::kReLU);
  EXPECT_EQ(spec.layers[6].type, Type::kSoftmax);
}

TEST(ModelSpecTest, SpacesAreIgnored) {
  const ModelSpec spaced = parse_ok("  input : 784 , dense : 256 : relu ,dense:10: softmax\n");
  const ModelSpec plain = parse_ok("input:784,dense:256:relu,dense:10:softmax");
  EXPECT_EQ(spaced.to_string(), plain.to_string());
  EXPECT_EQ(spaced.input, (Shape{1, 1, 784}));
}

TEST(ModelSpecTest, ToStringIsCanonicalAndRoundTrips) {
  struct Case {
    const char* text;
    const char* canonical;
  };
  const Case cases[] = {
      {"dense:256:relu,dense:10:softmax", "dense:256,relu,dense:10,softmax"},
      {"input:28x28x1,dense:10:softmax", "dense:10,softmax"},
      {"input:784, dense:64:leaky_relu:0.2, dense:10", "input:784,dense:64,leaky_relu:0.2,dense:10"},
      {"dense:32:leaky_relu:0.01,dense:10:sigmoid", "dense:32,leaky_relu,dense:10,sigmoid"},
      {"input:32x16x3,dense:5:tanh", "input:32x16x3,dense:5,tanh"},
  };
  for (const Case& c : cases) {
    const std::string canonical = parse_ok(c.text).to_string();
    EXPECT_EQ(canonical, c.canonical) << c.text;
    const ModelSpec again = parse_ok(canonical);
    EXPECT_EQ(again.to_string(), canonical) << c.text;
    EXPECT_EQ(again.input, parse_ok(c.text).input) << c.text;
  }
}

// ------------------------------------------------------------------------------------------------
// Invalid specs: an error, never a crash, with words that tell the user what to fix.

struct BadSpec {
  std::string name;                // the test's name
  std::string text;
  std::vector<std::string> words;  // each must appear in the message
};

void PrintTo(const BadSpec& c, std::ostream* os) { *os << "'" << c.text << "'"; }

class InvalidModelSpecTest : public ::testing::TestWithParam<BadSpec> {};

TEST_P(InvalidModelSpecTest, IsAnErrorSayingWhy) {
  const BadSpec& c = GetParam();
  Result<ModelSpec> spec = parse_model_spec(c.text);
  ASSERT_FALSE(spec.ok()) << "'" << c.text << "' was accepted as " << spec->to_string();
  for (const std::string& word : c.words)
    EXPECT_NE(spec.error().find(word), std::string::npos)
        << "'" << c.text << "': expected \"" << word << "\" in: " << spec.error();
}

INSTANTIATE_TEST_SUITE_P(
    Specs, InvalidModelSpecTest,
    ::testing::Values(
        BadSpec{"Empty", "", {"empty"}},
        BadSpec{"OnlySpaces", "   ", {"empty"}},
        BadSpec{"DenseWithoutUnits", "dense", {"layer 1 'dense'", "units must be an integer from 1 to 65536"}},
        BadSpec{"DenseZeroUnits", "dense:0", {"units must be an integer from 1 to 65536"}},
        BadSpec{"DenseNegativeUnits", "dense:-5", {"units"}},
        BadSpec{"DenseUnitsNotANumber", "dense:abc", {"'dense:abc'", "units"}},
        BadSpec{"DenseTooManyUnits", "dense:100000", {"units must be an integer from 1 to 65536"}},
        BadSpec{"DenseUnitsOverflow", "dense:99999999999", {"units"}},
        BadSpec{"DenseUnknownActivation", "dense:256:foo", {"unknown activation 'foo'", "relu, leaky_relu"}},
        BadSpec{"ConvWithoutKernel", "conv:3", {"layer 1 'conv:3'", "conv:FILTERS:KHxKW"}},
        BadSpec{"UnknownLayer", "lstm:3", {"unknown layer 'lstm'", "expected input, dense"}},
        BadSpec{"LayerNamesAreCaseSensitive", "Dense:10", {"unknown layer 'Dense'"}},
        BadSpec{"OnlyCommas", ",,", {"layer 1", "empty layer"}},
        BadSpec{"TrailingComma", "dense:10,", {"layer 2", "empty layer"}},
        BadSpec{"DoubleComma", "dense:10,,softmax", {"layer 2", "empty layer"}},
        BadSpec{"InputNotFirst", "dense:10,input:784", {"layer 2", "input must be the first token"}},
        BadSpec{"InputWithoutSize", "input", {"expected input:HEIGHTxWIDTH"}},
        BadSpec{"InputZero", "input:0,dense:10", {"positive integers", "'0'"}},
        BadSpec{"InputFourDimensions", "input:28x28x1x1,dense:10", {"input must be SIZE or HEIGHTxWIDTH"}},
        BadSpec{"InputTooLarge", "input:5000x5000,dense:10", {"too large"}},
        BadSpec{"NoLayers", "input:784", {"no layers"}},
        BadSpec{"LeakyReluSlopeNegative", "dense:8:leaky_relu:-0.1", {"leaky_relu slope", "'-0.1'"}},
        BadSpec{"LeakyReluSlopeNaN", "dense:8:leaky_relu:nan", {"leaky_relu slope"}},
        BadSpec{"ReluAfterDenseWithParameter", "dense:8:relu:3", {"'relu' takes no parameters"}},
        BadSpec{"StandaloneActivationLeakyReluSlopeTooLarge", "leaky_relu:2",
                {"leaky_relu slope must be a number in [0, 1)", "'2'"}},
        BadSpec{"StandaloneActivationReluWithParameter", "relu:3", {"'relu' takes no parameters"}},
        BadSpec{"StandaloneActivationSoftmaxWithParameter", "softmax:1",
                {"'softmax' takes no parameters"}}),
    [](const ::testing::TestParamInfo<BadSpec>& info) { return info.param.name; });

// ------------------------------------------------------------------------------------------------
// TrainConfig.

void expect_invalid(const TrainConfig& config, const std::string& words) {
  Status status = validate_config(config);
  ASSERT_FALSE(status.ok()) << "expected an error about " << words;
  EXPECT_NE(status.error().find(words), std::string::npos) << status.error();
}

TEST(TrainConfigTest, DefaultsAreValid) {
  Status status = validate_config(TrainConfig{});
  EXPECT_TRUE(status.ok()) << status.error();
}

TEST(TrainConfigTest, EachBadFieldIsNamedInTheError) {
  auto with = [](auto change) {
    TrainConfig config;
    change(config);
    return config;
  };
  const float nan = std::numeric_limits<float>::quiet_NaN();
  expect_invalid(with([](TrainConfig& c) { c.learning_rate = 0; }), "learning rate");
  expect_invalid(with([&](TrainConfig& c) { c.learning_rate = nan; }), "learning rate");
  expect_invalid(with([](TrainConfig& c) { c.learning_rate = -0.1f; }), "learning rate");
  expect_invalid(with([](TrainConfig& c) { c.learning_rate = 1000; }), "learning rate");
  expect_invalid(with([](TrainConfig& c) { c.batch_size = 0; }), "batch size");
  expect_invalid(with([](TrainConfig& c) { c.batch_size = 5000; }), "batch size");
  expect_invalid(with([](TrainConfig& c) { c.epochs = 0; }), "epochs");
  expect_invalid(with([](TrainConfig& c) { c.epochs = 1001; }), "epochs");
  expect_invalid(with([](TrainConfig& c) { c.momentum = 1; }), "momentum");
  expect_invalid(with([](TrainConfig& c) { c.beta2 = 1; }), "beta2");
  expect_invalid(with([](TrainConfig& c) { c.epsilon = 0; }), "epsilon");
  expect_invalid(with([](TrainConfig& c) { c.weight_decay = -1; }), "weight decay");
  expect_invalid(with([](TrainConfig& c) { c.schedule_gamma = 2; }), "schedule gamma");
  expect_invalid(with([](TrainConfig& c) { c.schedule_step_epochs = 0; }), "schedule step");
  expect_invalid(with([](TrainConfig& c) { c.optimizer = "rmsprop"; }), "unknown optimizer 'rmsprop'");
  expect_invalid(with([](TrainConfig& c) { c.init = "xavier"; }), "unknown initializer 'xavier'");
  expect_invalid(with([](TrainConfig& c) { c.schedule = "linear"; }),
                 "unknown learning-rate schedule 'linear'");
  expect_invalid(with([](TrainConfig& c) { c.loss = "hinge"; }), "unknown loss 'hinge'");
  expect_invalid(with([](TrainConfig& c) { c.model_spec = "dense:abc"; }), "model spec");
}

void expect_same_config(const TrainConfig& a, const TrainConfig& b) {
  EXPECT_EQ(a.model_spec, b.model_spec);
  EXPECT_EQ(a.loss, b.loss);
  EXPECT_EQ(a.optimizer, b.optimizer);
  EXPECT_EQ(a.learning_rate, b.learning_rate);
  EXPECT_EQ(a.momentum, b.momentum);
  EXPECT_EQ(a.beta2, b.beta2);
  EXPECT_EQ(a.epsilon, b.epsilon);
  EXPECT_EQ(a.weight_decay, b.weight_decay);
  EXPECT_EQ(a.schedule, b.schedule);
  EXPECT_EQ(a.schedule_gamma, b.schedule_gamma);
  EXPECT_EQ(a.schedule_step_epochs, b.schedule_step_epochs);
  EXPECT_EQ(a.batch_size, b.batch_size);
  EXPECT_EQ(a.epochs, b.epochs);
  EXPECT_EQ(a.init, b.init);
  EXPECT_EQ(a.seed, b.seed);
  EXPECT_EQ(a.augment, b.augment);
}

TEST(TrainConfigTest, TextRoundTripKeepsEveryFieldExactly) {
  TrainConfig config;
  config.model_spec = "input:784,dense:64:leaky_relu:0.2,dense:10:softmax";
  config.loss = "mse";
  config.optimizer = "nesterov";
  config.learning_rate = 0.0123456789f;  // not a short decimal: needs all 9 digits
  config.momentum = 0.87f;
  config.beta2 = 0.9876f;
  config.epsilon = 3e-8f;
  config.weight_decay = 1e-4f;
  config.schedule = "cosine";
  config.schedule_gamma = 0.3f;
  config.schedule_step_epochs = 3;
  config.batch_size = 77;
  config.epochs = 12;
  config.init = "he_normal";
  config.seed = 18446744073709551615ull;  // the largest seed
  config.augment = true;

  const std::string text = config_to_text(config);
  Result<TrainConfig> back = config_from_text(text);
  ASSERT_TRUE(back.ok()) << back.error() << "\n" << text;
  expect_same_config(*back, config);
  EXPECT_EQ(config_to_text(*back), text);

  Result<TrainConfig> defaults = config_from_text(config_to_text(TrainConfig{}));
  ASSERT_TRUE(defaults.ok()) << defaults.error();
  expect_same_config(*defaults, TrainConfig{});
}

TEST(TrainConfigTest, FromTextSkipsUnknownKeysAndKeepsDefaultsForMissingOnes) {
  Result<TrainConfig> config = config_from_text("optimizer=sgd\nfuture_option=42\n\nbatch_size=64\n");
  ASSERT_TRUE(config.ok()) << config.error();
  EXPECT_EQ(config->optimizer, "sgd");
  EXPECT_EQ(config->batch_size, 64);
  EXPECT_EQ(config->model_spec, TrainConfig{}.model_spec);
}

TEST(TrainConfigTest, FromTextErrorsNameTheLineOrTheField) {
  struct Case {
    const char* text;
    const char* words;
  };
  const Case cases[] = {
      {"optimizer=adam\nno equals sign\n", "config line 2: expected key=value"},
      {"learning_rate=abc\n", "config line 1: bad value for learning_rate"},
      {"batch_size=\n", "bad value for batch_size"},
      {"seed=12x\n", "bad value for seed"},
      {"batch_size=0\n", "batch size"},
      {"model=dense:0\n", "units"},
      {"optimizer=rmsprop\n", "unknown optimizer"},
  };
  for (const Case& c : cases) {
    Result<TrainConfig> config = config_from_text(c.text);
    ASSERT_FALSE(config.ok()) << c.text;
    EXPECT_NE(config.error().find(c.words), std::string::npos) << c.text << " -> " << config.error();
  }
}

// The image-layer tokens (conv, pooling, flatten, dropout).
INSTANTIATE_TEST_SUITE_P(
    CnnSpecs, InvalidModelSpecTest,
    ::testing::Values(
        BadSpec{"ConvZeroFilters", "conv:0:5x5",
                   {"layer 1 'conv:0:5x5'", "expected conv:FILTERS:KHxKW", "filters must be an integer from 1 to 4096"}},
        BadSpec{"ConvTooManyFilters", "conv:5000:3x3", {"filters must be an integer from 1 to 4096, got '5000'"}},
        BadSpec{"ConvKernelWithoutX", "conv:8:5",
                   {"layer 1 'conv:8:5'", "kernel must be KHxKW with sides from 1 to 64, got '5'"}},
        BadSpec{"ConvZeroKernelSide", "conv:8:0x5",
                   {"kernel must be KHxKW with sides from 1 to 64, got '0x5'"}},
        BadSpec{"ConvKernelTooLarge", "conv:8:65x3", {"sides from 1 to 64, got '65x3'"}},
        BadSpec{"ConvStrideZero", "conv:8:3x3:s0", {"stride must be written sN with N from 1 to 64, got 's0'"}},
        BadSpec{"ConvUnknownOption", "conv:8:3x3:full", {"unknown activation 'full'"}},
        BadSpec{"ConvActivationMustBeLast", "conv:8:3x3:relu:same", {"'relu' takes no parameters"}},
        BadSpec{"MaxPoolZero", "input:8x8x1,maxpool:0",
                   {"layer 2 'maxpool:0'", "expected maxpool:SIZE[:sSTRIDE]", "size must be an integer from 1 to 64"}},
        BadSpec{"AvgPoolWithoutSize", "avgpool", {"expected avgpool:SIZE[:sSTRIDE]"}},
        BadSpec{"PoolStrideWithoutS", "maxpool:2:2", {"expected maxpool:SIZE[:sSTRIDE], got '2'"}},
        BadSpec{"PoolStrideZero", "maxpool:2:s0", {"stride must be written sN"}},
        BadSpec{"DropoutOne", "dropout:1",
                   {"layer 1 'dropout:1'", "expected dropout:RATE", "rate must be a number in [0, 1)"}},
        BadSpec{"DropoutNegative", "dropout:-0.1", {"rate must be a number in [0, 1), got '-0.1'"}},
        BadSpec{"DropoutNotANumber", "dropout:half", {"expected dropout:RATE"}},
        BadSpec{"DropoutWithoutRate", "dropout", {"expected dropout:RATE"}},
        BadSpec{"FlattenWithParameter", "dense:4,flatten:3",
                   {"layer 2 'flatten:3'", "flatten takes no parameters"}}),
    [](const ::testing::TestParamInfo<BadSpec>& info) { return info.param.name; });;

}  // namespace
}  // namespace mnist
