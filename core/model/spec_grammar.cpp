#include "core/model/spec_grammar.h"

#include <cctype>

namespace mnist {
namespace {

// Sizes a browser tab can still train; the engine's memory budget judges whole models.
constexpr double kMaxUnits = 1 << 16;
constexpr double kMaxFilters = 4096;
constexpr double kMaxSide = 64;

ParamInfo stride(const char* default_from, double default_value) {
  ParamInfo p{"stride", ParamType::kInt, false, 1, kMaxSide, 1, "s"};
  p.default_from = default_from;
  p.default_value = default_value;
  return p;
}

ParamInfo pool_size() { return {"size", ParamType::kInt, true, 1, kMaxSide, 2}; }

ParamInfo padding() {
  ParamInfo p{"padding", ParamType::kChoice, false};
  p.choices = {"valid", "same"};
  // 'same' keeps the image size, so a new convolution fits anywhere among the others.
  p.initial_choice = "same";
  return p;
}

ParamInfo leaky_slope() {
  ParamInfo p{"slope", ParamType::kFloat, false, 0, 1, 0.01};
  p.default_value = 0.01;
  return p;
}

std::vector<LayerKindInfo> make_layer_kinds() {
  return {
      {"dense", "Dense", "every input to every unit",
       {{"units", ParamType::kInt, true, 1, kMaxUnits, 128}}, true, "relu"},
      {"conv", "Conv", "filters slide over the image",
       {{"filters", ParamType::kInt, true, 1, kMaxFilters, 8},
        {"kernel", ParamType::kKernel, true, 1, kMaxSide, 3},
        stride("", 1), padding()},
       true, "relu", true},
      {"maxpool", "Max pool", "keeps the largest value of each patch",
       {pool_size(), stride("size", 0)}, false, "", true},
      {"avgpool", "Avg pool", "averages each patch", {pool_size(), stride("size", 0)}, false, "", true},
      {"flatten", "Flatten", "image → vector (C·H·W values)", {}},
      {"dropout", "Dropout", "zeroes a fraction of values while training",
       {{"rate", ParamType::kFloat, true, 0, 1, 0.25}}},
      {"activation", "Activation", "applied to each value", {}, true, "relu", false, true},
  };
}

std::string upper(std::string s) {
  for (char& c : s) c = char(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string placeholder(const ParamInfo& p) {
  switch (p.type) {
    case ParamType::kKernel: return "KHxKW";
    case ParamType::kChoice: {
      std::string out;
      for (const char* c : p.choices) out += std::string(out.empty() ? "" : "|") + c;
      return out;
    }
    default: return p.prefix + upper(p.name);
  }
}

}  // namespace

const std::vector<LayerKindInfo>& layer_kinds() {
  static const std::vector<LayerKindInfo> kinds = make_layer_kinds();
  return kinds;
}

const std::vector<ActivationInfo>& activations() {
  static const std::vector<ActivationInfo> list = {
      {"relu", "ReLU", {}},
      {"leaky_relu", "Leaky ReLU", {leaky_slope()}},
      {"sigmoid", "Sigmoid", {}},
      {"tanh", "tanh", {}},
      {"softmax", "Softmax", {}},
  };
  return list;
}

const LayerKindInfo* find_layer_kind(const std::string& name) {
  for (const auto& kind : layer_kinds())
    if (name == kind.name) return &kind;
  return nullptr;
}

const ActivationInfo* find_activation(const std::string& name) {
  for (const auto& activation : activations())
    if (name == activation.name) return &activation;
  return nullptr;
}

std::string kind_usage(const LayerKindInfo& kind) {
  std::string out = kind.bare_activation ? "ACTIVATION" : kind.name;
  for (const auto& p : kind.params)
    out += p.required ? ":" + placeholder(p) : "[:" + placeholder(p) + "]";
  if (kind.takes_activation && !kind.bare_activation) out += "[:ACTIVATION]";
  return out;
}

}  // namespace mnist
