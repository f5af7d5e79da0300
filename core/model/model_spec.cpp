#include "core/model/model_spec.h"

#include <cstdio>
#include <cstdlib>

#include "core/model/spec_rows.h"

namespace mnist {
namespace {

using Converter = void (*)(const SpecRow&, std::vector<LayerSpec>&);

double param(const SpecRow& row, const char* name) {
  for (std::size_t i = 0; i < row.kind->params.size(); ++i)
    if (std::string(row.kind->params[i].name) == name) return row.values[i].number;
  return 0;
}

const ParamValue& value(const SpecRow& row, const char* name) {
  std::size_t i = 0;
  while (std::string(row.kind->params[i].name) != name) ++i;
  return row.values[i];
}

void add_dense(const SpecRow& row, std::vector<LayerSpec>& out) {
  LayerSpec dense;
  dense.type = LayerSpec::Type::kDense;
  dense.units = int(param(row, "units"));
  out.push_back(dense);
}

void add_conv(const SpecRow& row, std::vector<LayerSpec>& out) {
  LayerSpec conv;
  conv.type = LayerSpec::Type::kConv;
  conv.units = int(param(row, "filters"));
  conv.kernel_h = value(row, "kernel").h;
  conv.kernel_w = value(row, "kernel").w;
  conv.stride = int(param(row, "stride"));
  conv.same_padding = value(row, "padding").text == "same";
  out.push_back(conv);
}

void add_pool(const SpecRow& row, std::vector<LayerSpec>& out) {
  LayerSpec pool;
  pool.type = std::string(row.kind->name) == "maxpool" ? LayerSpec::Type::kMaxPool : LayerSpec::Type::kAvgPool;
  pool.kernel_h = int(param(row, "size"));
  pool.stride = int(param(row, "stride"));
  out.push_back(pool);
}

void add_flatten(const SpecRow&, std::vector<LayerSpec>& out) {
  LayerSpec flat;
  flat.type = LayerSpec::Type::kFlatten;
  out.push_back(flat);
}

void add_dropout(const SpecRow& row, std::vector<LayerSpec>& out) {
  LayerSpec drop;
  drop.type = LayerSpec::Type::kDropout;
  drop.rate = float(param(row, "rate"));
  out.push_back(drop);
}

// The row's activation (already checked by the parser) as its own layer.
void add_activation(const std::string& text, std::vector<LayerSpec>& out) {
  const auto colon = text.find(':');
  const std::string name = text.substr(0, colon);
  LayerSpec act;
  act.type = LayerSpec::Type::kActivation;
  if (name == "softmax") act.type = LayerSpec::Type::kSoftmax;
  else if (name == "sigmoid") act.activation = ActivationKind::kSigmoid;
  else if (name == "tanh") act.activation = ActivationKind::kTanh;
  else if (name == "leaky_relu") act.activation = ActivationKind::kLeakyReLU;
  if (colon != std::string::npos) act.alpha = std::strtof(text.c_str() + colon + 1, nullptr);
  out.push_back(act);
}

// How each kind of the grammar (spec_grammar.h) becomes layers; its activation follows it.
Converter converter(const LayerKindInfo& kind) {
  const std::string name = kind.name;
  if (name == "dense") return add_dense;
  if (name == "conv") return add_conv;
  if (name == "maxpool" || name == "avgpool") return add_pool;
  if (name == "flatten") return add_flatten;
  if (name == "dropout") return add_dropout;
  return nullptr;  // "activation": the row is its activation alone
}

}  // namespace

bool kind_builds_layers(const LayerKindInfo& kind) { return kind.bare_activation || converter(kind); }

Result<ModelSpec> parse_model_spec(const std::string& text) {
  auto rows = parse_spec_rows(text);
  if (!rows) return Error{rows.error()};
  ModelSpec spec;
  spec.input = rows->input;
  int token = rows->input_text.empty() ? 0 : 1;
  for (const SpecRow& row : rows->rows) {
    ++token;
    const std::size_t before = spec.layers.size();
    if (Converter add = converter(*row.kind)) add(row, spec.layers);
    if (!row.activation.empty()) add_activation(row.activation, spec.layers);
    for (std::size_t i = before; i < spec.layers.size(); ++i) spec.layers[i].token = token;
  }
  return spec;
}

std::string ModelSpec::to_string() const {
  std::string out;
  if (!(input == Shape{1, 28, 28})) {
    out = input.height == 1 && input.channels == 1
              ? "input:" + std::to_string(input.width)
              : "input:" + std::to_string(input.height) + "x" + std::to_string(input.width) + "x" +
                    std::to_string(input.channels);
  }
  for (const auto& layer : layers) {
    if (!out.empty()) out += ",";
    switch (layer.type) {
      case LayerSpec::Type::kDense: out += "dense:" + std::to_string(layer.units); break;
      case LayerSpec::Type::kSoftmax: out += "softmax"; break;
      case LayerSpec::Type::kActivation: out += Activation(Shape{}, layer.activation, layer.alpha).spec(); break;
      case LayerSpec::Type::kConv:
        out += "conv:" + std::to_string(layer.units) + ":" + std::to_string(layer.kernel_h) + "x" +
               std::to_string(layer.kernel_w);
        if (layer.stride != 1) out += ":s" + std::to_string(layer.stride);
        if (layer.same_padding) out += ":same";
        break;
      case LayerSpec::Type::kMaxPool:
      case LayerSpec::Type::kAvgPool:
        out += (layer.type == LayerSpec::Type::kMaxPool ? "maxpool:" : "avgpool:") +
               std::to_string(layer.kernel_h);
        if (layer.stride != layer.kernel_h) out += ":s" + std::to_string(layer.stride);
        break;
      case LayerSpec::Type::kFlatten: out += "flatten"; break;
      case LayerSpec::Type::kDropout: {
        char buf[32];
        std::snprintf(buf, sizeof buf, "dropout:%.9g", double(layer.rate));
        out += buf;
        break;
      }
    }
  }
  return out;
}

}  // namespace mnist
