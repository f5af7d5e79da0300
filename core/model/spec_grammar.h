// The model-spec grammar as data: every layer kind with its parameters (name, type, range, the
// value a new layer starts from) and whether an activation may follow it, and every activation.
// The parser and the canonical writer (spec_rows.h) read these tables, and so does the page's
// layer editor (through the bindings): a kind added here is parsed, written and offered by the
// editor without another list to edit. core/model/model_spec.cpp turns each kind into layers.
//
// A token is NAME[:REQUIRED...][:OPTIONAL...][:ACTIVATION]: the required parameters in table
// order, then the optional ones in any order, each recognised by its form (sSTRIDE, same|valid),
// then the activation when the kind takes one. The canonical text writes optional parameters in
// table order and only when they differ from their default. The kind "activation" is written as
// the activation alone (relu, leaky_relu:0.2, softmax).
#pragma once
#include <string>
#include <vector>

namespace mnist {

enum class ParamType {
  kInt,     // an integer in [min, max]; with a prefix ("s" for sSTRIDE) when optional
  kFloat,   // a number in [min, max)
  kKernel,  // HxW, each side in [min, max]
  kChoice,  // one of `choices` written as it is; choices[0] is the default
};

struct ParamInfo {
  const char* name;  // "units"; the page labels it layers.param.<name>
  ParamType type;
  bool required;     // written in its place; an optional one only when not its default
  double min = 0, max = 0;
  double initial = 0;               // a new layer's value (kernel: both sides)
  const char* prefix = "";          // how an optional integer is told apart: "s" in s2
  const char* default_from = "";    // an optional integer that defaults to this parameter's value
  double default_value = 0;         // an optional integer's default otherwise
  std::vector<const char*> choices = {};
  const char* initial_choice = "";  // a new layer's choice
};

struct LayerKindInfo {
  const char* name;   // the token's first word; the page labels it layer.type.<name>
  const char* label;  // English, for menus
  const char* what;   // what it does, in a few words
  std::vector<ParamInfo> params;
  bool takes_activation = false;
  const char* initial_activation = "";  // a new layer's activation ("" none)
  bool spatial = false;                 // its output is an image (convolution, pooling)
  bool bare_activation = false;         // the token is the activation alone
};

struct ActivationInfo {
  const char* name;  // the page labels it activation.<name>
  const char* label;
  std::vector<ParamInfo> params;  // optional, written after the name: leaky_relu:0.2
};

const std::vector<LayerKindInfo>& layer_kinds();
const std::vector<ActivationInfo>& activations();

// nullptr when there is no such kind / activation.
const LayerKindInfo* find_layer_kind(const std::string& name);
const ActivationInfo* find_activation(const std::string& name);

// How a token of the kind is written: "conv:FILTERS:KHxKW[:sSTRIDE][:valid|same][:ACTIVATION]".
std::string kind_usage(const LayerKindInfo& kind);

}  // namespace mnist
