// The grammar table drives the parser, the canonical writer and the page's editor: every kind it
// describes must round-trip through the parser from the values a new layer starts with, and the
// spec operations the page asks for (describe, spatial, output activation and units) behave.
#include <gtest/gtest.h>

#include <string>

#include "core/model/model_spec.h"
#include "core/model/presets.h"
#include "core/model/spec_text.h"
#include "core/model/initializers.h"
#include "core/train/loss.h"
#include "core/train/lr_schedule.h"
#include "core/train/optimizer.h"

namespace mnist {
namespace {

std::string canonical(const std::string& text) {
  auto out = canonical_spec(text);
  EXPECT_TRUE(out.ok()) << text << ": " << out.error();
  return out.ok() ? *out : "";
}

SpecRows rows(const std::string& text) {
  auto out = parse_spec_rows(text);
  EXPECT_TRUE(out.ok()) << text << ": " << out.error();
  return out.ok() ? *out : SpecRows{};
}

TEST(SpecGrammarTest, EveryKindRoundTripsFromItsInitialRow) {
  for (const LayerKindInfo& kind : layer_kinds()) {
    SpecRows spec;
    spec.rows = {initial_row(kind)};
    const std::string text = format_spec_rows(spec);
    auto again = parse_spec_rows(text);
    ASSERT_TRUE(again.ok()) << kind.name << " wrote '" << text << "': " << again.error();
    ASSERT_EQ(again->rows.size(), 1u) << text;
    EXPECT_EQ(again->rows[0].kind, &kind) << text;
    EXPECT_EQ(format_spec_rows(*again), text);
    EXPECT_TRUE(kind_builds_layers(kind)) << kind.name << " has no layers in parse_model_spec";
    EXPECT_TRUE(parse_model_spec(text).ok()) << text;
  }
}

TEST(SpecGrammarTest, EveryActivationRoundTripsAfterADenseLayer) {
  for (const ActivationInfo& a : activations()) {
    const std::string text = std::string("dense:10:") + a.name;
    EXPECT_EQ(canonical(text), text);
    EXPECT_EQ(canonical(a.name), a.name);
  }
}

TEST(SpecGrammarTest, UsageIsBuiltFromTheTable) {
  EXPECT_EQ(kind_usage(*find_layer_kind("dense")), "dense:UNITS[:ACTIVATION]");
  EXPECT_EQ(kind_usage(*find_layer_kind("conv")), "conv:FILTERS:KHxKW[:sSTRIDE][:valid|same][:ACTIVATION]");
  EXPECT_EQ(kind_usage(*find_layer_kind("maxpool")), "maxpool:SIZE[:sSTRIDE]");
  EXPECT_EQ(kind_usage(*find_layer_kind("flatten")), "flatten");
}

TEST(SpecRowsTest, CanonicalTextKeepsActivationsWithTheirLayer) {
  EXPECT_EQ(canonical(" dense : 256 : relu , dense:10:softmax "), "dense:256:relu,dense:10:softmax");
  EXPECT_EQ(canonical("conv:8:5x5:s1:valid:relu"), "conv:8:5x5:relu");
  EXPECT_EQ(canonical("conv:8:5x5:same:s2"), "conv:8:5x5:s2:same");
  EXPECT_EQ(canonical("maxpool:2:s2,avgpool:3:s1"), "maxpool:2,avgpool:3:s1");
  EXPECT_EQ(canonical("dense:8:leaky_relu:0.01,leaky_relu:0.2"), "dense:8:leaky_relu,leaky_relu:0.2");
  EXPECT_EQ(canonical("dropout:0.10,dense:10"), "dropout:0.1,dense:10");
  EXPECT_EQ(canonical("input:784,dense:10"), "input:784,dense:10");
}

TEST(SpecRowsTest, PresetsAreWrittenCanonically) {
  for (const Preset& p : presets()) EXPECT_EQ(canonical(p.config.model_spec), p.config.model_spec) << p.id;
}

TEST(SpecRowsTest, RowsHoldTheParameterValues) {
  const SpecRows spec = rows("conv:16:3x5:s2:same:tanh,maxpool:3");
  ASSERT_EQ(spec.rows.size(), 2u);
  const SpecRow& conv = spec.rows[0];
  EXPECT_EQ(conv.values[0].number, 16);
  EXPECT_EQ(conv.values[1].h, 3);
  EXPECT_EQ(conv.values[1].w, 5);
  EXPECT_EQ(conv.values[2].number, 2);
  EXPECT_EQ(conv.values[3].text, "same");
  EXPECT_EQ(conv.activation, "tanh");
  EXPECT_EQ(spec.rows[1].values[1].number, 3) << "a pool's stride defaults to its size";
  EXPECT_EQ(rows("dropout:0.1").rows[0].values[0].number, 0.1) << "the decimal written, not float32's 0.1000000015";
}

TEST(SpecTextTest, DescribesDenseStacksAsWidths) {
  EXPECT_EQ(describe_spec(rows("dense:256:relu,dense:10:softmax")), "784-256-10");
  EXPECT_EQ(describe_spec(rows("input:100,dense:10,softmax")), "100-10");
}

TEST(SpecTextTest, DescribesOtherModelsLayerByLayer) {
  EXPECT_EQ(describe_spec(rows("conv:8:5x5:relu,maxpool:2,conv:16:5x5:s2:relu,flatten,dropout:0.25,dense:10:softmax")),
            "conv 8@5×5 → maxpool 2 → conv 16@5×5/2 → dropout 0.25 → dense 10");
}

TEST(SpecTextTest, SpatialLayersAreConvolutionAndPooling) {
  EXPECT_FALSE(has_spatial_layers(rows("dense:10:softmax")));
  EXPECT_TRUE(has_spatial_layers(rows("conv:8:5x5,flatten,dense:10")));
  EXPECT_TRUE(has_spatial_layers(rows("avgpool:2,dense:10")));
}

TEST(SpecTextTest, OutputActivationFollowsTheLoss) {
  const std::string sigmoid = output_activation_for(LossKind::kBinaryCrossEntropy);
  const std::string softmax = output_activation_for(LossKind::kMse);
  EXPECT_EQ(*spec_with_output_activation("dense:64:relu,dense:10:softmax", sigmoid), "dense:64:relu,dense:10:sigmoid");
  EXPECT_EQ(*spec_with_output_activation("dense:10:sigmoid", softmax), "dense:10:softmax");
  EXPECT_EQ(*spec_with_output_activation("dense:10:tanh", sigmoid), "dense:10:tanh") << "not a loss's pair: kept";
  EXPECT_EQ(*spec_with_output_activation("dense:10,softmax", sigmoid), "dense:10,softmax") << "not on the dense row";
  EXPECT_FALSE(spec_with_output_activation("dense:x", sigmoid).ok());
}

TEST(SpecTextTest, OutputUnitsSetTheLastDenseLayer) {
  EXPECT_EQ(*spec_with_output_units("dense:256:relu,dense:10:softmax", 26), "dense:256:relu,dense:26:softmax");
  EXPECT_EQ(*spec_with_output_units("conv:8:5x5,flatten,dense:10,dropout:0.5", 47),
            "conv:8:5x5,flatten,dense:47,dropout:0.5");
  auto no_dense = spec_with_output_units("conv:8:5x5,maxpool:2", 10);
  ASSERT_FALSE(no_dense.ok());
  EXPECT_NE(no_dense.error().find("no dense layer"), std::string::npos) << no_dense.error();
  auto too_many = spec_with_output_units("dense:10", 100000);
  ASSERT_FALSE(too_many.ok());
  EXPECT_NE(too_many.error().find("units must be an integer from 1 to 65536"), std::string::npos) << too_many.error();
}

TEST(SpecChoicesTest, EveryListedNameParses) {
  for (const NamedChoice& c : loss_choices()) EXPECT_TRUE(parse_loss(c.name).ok()) << c.name;
  for (const NamedChoice& c : optimizer_choices()) EXPECT_TRUE(parse_optimizer(c.name).ok()) << c.name;
  for (const NamedChoice& c : initializer_choices()) EXPECT_TRUE(parse_initializer(c.name).ok()) << c.name;
  for (const NamedChoice& c : schedule_choices()) EXPECT_TRUE(parse_schedule(c.name).ok()) << c.name;
  EXPECT_EQ(initializer_choices().size(), 8u);
}

TEST(SpecChoicesTest, AnUnknownNameListsTheChoices) {
  EXPECT_NE(parse_optimizer("rmsprop").error().find("expected sgd, momentum, nesterov or adam"), std::string::npos);
}

}  // namespace
}  // namespace mnist
