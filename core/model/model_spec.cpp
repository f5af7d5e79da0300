#include "core/model/model_spec.h"

#include <cerrno>
#include <cmath>
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
    } else {
      LayerSpec act;
      if (!parse_activation(parts, 0, act, error))
        return fail("unknown layer '" + parts[0] +
                    "' (expected input, dense, relu, leaky_relu, sigmoid, tanh or softmax)");
      spec.layers.push_back(act);
    }
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
    }
  }
  return out;
}

}  // namespace mnist
