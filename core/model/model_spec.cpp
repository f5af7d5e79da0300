#include "core/model/model_spec.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <sstream>

namespace mnist {
namespace {

constexpr int kMaxUnits = 1 << 16;
constexpr int kMaxInputSize = 1 << 22;

std::string trim(const std::string& s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> parts;
  std::string part;
  std::istringstream in(s);
  while (std::getline(in, part, sep)) parts.push_back(trim(part));
  if (!s.empty() && s.back() == sep) parts.push_back("");
  return parts;
}

bool parse_int(const std::string& s, int& out) {
  if (s.empty() || s.size() > 9) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  out = std::atoi(s.c_str());
  return true;
}

bool parse_float(const std::string& s, float& out) {
  if (s.empty()) return false;
  char* end = nullptr;
  errno = 0;
  const double v = std::strtod(s.c_str(), &end);
  if (errno || *end || !std::isfinite(v)) return false;
  out = static_cast<float>(v);
  return true;
}

// Activation names usable alone or after dense:N.
bool parse_activation(const std::vector<std::string>& parts, std::size_t at, LayerSpec& out,
                      std::string& error) {
  const std::string& name = parts[at];
  const std::size_t extra = parts.size() - at - 1;
  out.type = LayerSpec::Type::kActivation;
  if (name == "softmax") {
    out.type = LayerSpec::Type::kSoftmax;
  } else if (name == "relu") {
    out.activation = ActivationKind::kReLU;
  } else if (name == "sigmoid") {
    out.activation = ActivationKind::kSigmoid;
  } else if (name == "tanh") {
    out.activation = ActivationKind::kTanh;
  } else if (name == "leaky_relu") {
    out.activation = ActivationKind::kLeakyReLU;
    if (extra == 1) {
      if (!parse_float(parts[at + 1], out.alpha) || out.alpha < 0 || out.alpha >= 1) {
        error = "leaky_relu slope must be a number in [0, 1), got '" + parts[at + 1] + "'";
        return false;
      }
      return true;
    }
  } else {
    error = "unknown activation '" + name +
            "' (expected relu, leaky_relu, sigmoid, tanh or softmax)";
    return false;
  }
  if (extra) {
    error = "'" + name + "' takes no parameters";
    return false;
  }
  return true;
}

bool is_activation_name(const std::string& name) {
  return name == "relu" || name == "leaky_relu" || name == "sigmoid" || name == "tanh" ||
         name == "softmax";
}

bool parse_input(const std::string& value, Shape& shape, std::string& error) {
  const auto dims = split(value, 'x');
  int d[3] = {1, 1, 1};
  bool ok = dims.size() >= 1 && dims.size() <= 3;
  for (std::size_t i = 0; ok && i < dims.size(); ++i) ok = parse_int(dims[i], d[i]) && d[i] > 0;
  if (!ok) {
    error = "input must be SIZE or HEIGHTxWIDTH[xCHANNELS] with positive integers, got '" +
            value + "'";
    return false;
  }
  shape = dims.size() == 1 ? Shape{1, 1, d[0]} : Shape{d[2], d[0], d[1]};
  if (double(shape.channels) * shape.height * shape.width > kMaxInputSize) {
    error = "input '" + value + "' is too large";
    return false;
  }
  return true;
}

}  // namespace

Result<ModelSpec> parse_model_spec(const std::string& text) {
  ModelSpec spec;
  const std::string body = trim(text);
  if (body.empty()) return Error{"model spec is empty (example: dense:256:relu,dense:10:softmax)"};
  const auto tokens = split(body, ',');
  for (std::size_t t = 0; t < tokens.size(); ++t) {
    const std::string& token = tokens[t];
    auto fail = [&](const std::string& why) {
      return Error{"model spec, layer " + std::to_string(t + 1) + " '" + token + "': " + why};
    };
    if (token.empty()) return fail("empty layer (two commas in a row?)");
    const std::size_t layers_before = spec.layers.size();
    const auto parts = split(token, ':');
    std::string error;
    if (parts[0] == "input") {
      if (t != 0) return fail("input must be the first token");
      if (parts.size() != 2) return fail("expected input:HEIGHTxWIDTH[xCHANNELS] or input:SIZE");
      if (!parse_input(parts[1], spec.input, error)) return fail(error);
    } else if (parts[0] == "dense") {
      LayerSpec dense;
      dense.type = LayerSpec::Type::kDense;
      if (parts.size() < 2 || !parse_int(parts[1], dense.units) || dense.units < 1 ||
          dense.units > kMaxUnits)
        return fail("units must be an integer from 1 to " + std::to_string(kMaxUnits) +
                    " (e.g. dense:256:relu)");
      spec.layers.push_back(dense);
      if (parts.size() > 2) {
        LayerSpec act;
        if (!parse_activation(parts, 2, act, error)) return fail(error);
        spec.layers.push_back(act);
      }
    } else if (parts[0] == "conv") {
      LayerSpec conv;
      conv.type = LayerSpec::Type::kConv;
      if (parts.size() < 3 || !parse_int(parts[1], conv.units) || conv.units < 1 ||
          conv.units > 4096)
        return fail("expected conv:FILTERS:KHxKW with 1 to 4096 filters (e.g. conv:8:5x5:relu)");
      const auto k = split(parts[2], 'x');
      if (k.size() != 2 || !parse_int(k[0], conv.kernel_h) || !parse_int(k[1], conv.kernel_w) ||
          conv.kernel_h < 1 || conv.kernel_w < 1 || conv.kernel_h > 64 || conv.kernel_w > 64)
        return fail("kernel must be KHxKW with sides from 1 to 64, got '" + parts[2] + "'");
      std::size_t at = 3;
      for (; at < parts.size(); ++at) {
        if (parts[at] == "same") conv.same_padding = true;
        else if (parts[at] == "valid") conv.same_padding = false;
        else if (parts[at].size() > 1 && parts[at][0] == 's' && parse_int(parts[at].substr(1), conv.stride)) {
          if (conv.stride < 1 || conv.stride > 64) return fail("stride must be from 1 to 64");
        } else break;
      }
      spec.layers.push_back(conv);
      if (at < parts.size()) {
        LayerSpec act;
        if (!parse_activation(parts, at, act, error)) return fail(error);
        spec.layers.push_back(act);
      }
    } else if (parts[0] == "maxpool" || parts[0] == "avgpool") {
      LayerSpec pool;
      pool.type = parts[0] == "maxpool" ? LayerSpec::Type::kMaxPool : LayerSpec::Type::kAvgPool;
      if (parts.size() < 2 || parts.size() > 3 || !parse_int(parts[1], pool.kernel_h) ||
          pool.kernel_h < 1 || pool.kernel_h > 64)
        return fail("expected " + parts[0] + ":SIZE[:sSTRIDE] with SIZE from 1 to 64");
      pool.stride = pool.kernel_h;
      if (parts.size() == 3 && !(parts[2].size() > 1 && parts[2][0] == 's' &&
                                 parse_int(parts[2].substr(1), pool.stride) && pool.stride >= 1))
        return fail("stride must be written sN with N >= 1, got '" + parts[2] + "'");
      spec.layers.push_back(pool);
    } else if (parts[0] == "flatten") {
      if (parts.size() != 1) return fail("flatten takes no parameters");
      LayerSpec flat;
      flat.type = LayerSpec::Type::kFlatten;
      spec.layers.push_back(flat);
    } else if (parts[0] == "dropout") {
      LayerSpec drop;
      drop.type = LayerSpec::Type::kDropout;
      if (parts.size() != 2 || !parse_float(parts[1], drop.rate) || drop.rate < 0 || drop.rate >= 1)
        return fail("expected dropout:RATE with 0 <= RATE < 1 (e.g. dropout:0.25)");
      spec.layers.push_back(drop);
    } else {
      LayerSpec act;
      if (!parse_activation(parts, 0, act, error) && is_activation_name(parts[0])) return fail(error);
      if (!error.empty())
        return fail("unknown layer '" + parts[0] +
                    "' (expected input, dense, conv, maxpool, avgpool, flatten, dropout, relu, "
                    "leaky_relu, sigmoid, tanh or softmax)");
      spec.layers.push_back(act);
    }
    for (std::size_t i = layers_before; i < spec.layers.size(); ++i) spec.layers[i].token = int(t + 1);
  }
  if (spec.layers.empty()) return Error{"model spec has no layers (example: dense:10:softmax)"};
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
