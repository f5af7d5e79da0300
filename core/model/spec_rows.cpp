#include "core/model/spec_rows.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <sstream>

namespace mnist {
namespace {

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

// The shortest decimal that reads back as the same float: 0.1f is "0.1", not "0.100000001".
std::string format_float(double value) {
  const float f = static_cast<float>(value);
  char buf[32];
  for (int digits = 1; digits <= 9; ++digits) {
    std::snprintf(buf, sizeof buf, "%.*g", digits, double(f));
    if (std::strtof(buf, nullptr) == f) break;
  }
  return buf;
}

std::string format_int(double value) { return std::to_string(static_cast<long long>(value)); }

// "a, b or c"
std::string join_names(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) out += (i ? (i + 1 == names.size() ? " or " : ", ") : "") + names[i];
  return out;
}

std::string range_rule(const ParamInfo& p) {
  switch (p.type) {
    case ParamType::kInt:
      if (*p.prefix)
        return std::string("must be written ") + p.prefix + "N with N from " + format_int(p.min) +
               " to " + format_int(p.max);
      return "must be an integer from " + format_int(p.min) + " to " + format_int(p.max);
    case ParamType::kFloat:
      return "must be a number in [" + format_float(p.min) + ", " + format_float(p.max) + ")";
    case ParamType::kKernel:
      return "must be KHxKW with sides from " + format_int(p.min) + " to " + format_int(p.max);
    case ParamType::kChoice: {
      std::string out = "must be ";
      for (std::size_t i = 0; i < p.choices.size(); ++i) out += (i ? " or " : "") + std::string(p.choices[i]);
      return out;
    }
  }
  return "";
}

bool in_int_range(const ParamInfo& p, int v) { return v >= p.min && v <= p.max; }

// Reads `text` as a value of `p`; false when it is not one (wrong form or out of range).
bool read_value(const ParamInfo& p, const std::string& text, ParamValue& out) {
  switch (p.type) {
    case ParamType::kInt: {
      const std::string prefix = p.prefix;
      if (text.compare(0, prefix.size(), prefix) != 0) return false;
      int v = 0;
      if (!parse_int(text.substr(prefix.size()), v) || !in_int_range(p, v)) return false;
      out.number = v;
      return true;
    }
    case ParamType::kFloat: {
      float v = 0;
      if (!parse_float(text, v) || v < p.min || v >= p.max) return false;
      out.number = std::strtod(format_float(v).c_str(), nullptr);  // 0.1, not 0.100000001490116
      return true;
    }
    case ParamType::kKernel: {
      const auto sides = split(text, 'x');
      if (sides.size() != 2 || !parse_int(sides[0], out.h) || !parse_int(sides[1], out.w)) return false;
      return in_int_range(p, out.h) && in_int_range(p, out.w);
    }
    case ParamType::kChoice:
      for (const char* c : p.choices)
        if (text == c) return out.text = text, true;
      return false;
  }
  return false;
}

// Whether `text` has the form of optional parameter `p` (its value may still be out of range).
bool looks_like(const ParamInfo& p, const std::string& text) {
  ParamValue ignored;
  if (p.type == ParamType::kChoice) return read_value(p, text, ignored);
  const std::string prefix = p.prefix;
  int v = 0;
  return !prefix.empty() && text.size() > prefix.size() && text.compare(0, prefix.size(), prefix) == 0 &&
         parse_int(text.substr(prefix.size()), v);
}

std::string value_text(const ParamInfo& p, const ParamValue& v) {
  switch (p.type) {
    case ParamType::kInt: return p.prefix + format_int(v.number);
    case ParamType::kFloat: return format_float(v.number);
    case ParamType::kKernel: return std::to_string(v.h) + "x" + std::to_string(v.w);
    case ParamType::kChoice: return v.text;
  }
  return "";
}

// An optional parameter's value when it is not written.
ParamValue default_value(const LayerKindInfo& kind, const ParamInfo& p, const std::vector<ParamValue>& values) {
  ParamValue v;
  if (p.type == ParamType::kChoice) v.text = p.choices[0];
  v.number = p.default_value;
  for (std::size_t i = 0; *p.default_from && i < kind.params.size(); ++i)
    if (std::string(kind.params[i].name) == p.default_from) v.number = values[i].number;
  return v;
}

bool same_value(const ParamValue& a, const ParamValue& b) {
  return a.number == b.number && a.h == b.h && a.w == b.w && a.text == b.text;
}

// parts[at...] as an activation: its canonical text, or what is wrong.
Result<std::string> read_activation(const std::vector<std::string>& parts, std::size_t at) {
  const std::string& name = parts[at];
  const ActivationInfo* info = find_activation(name);
  if (!info) {
    std::vector<std::string> names;
    for (const auto& a : activations()) names.push_back(a.name);
    return Error{"unknown activation '" + name + "' (expected " + join_names(names) + ")"};
  }
  const std::size_t extra = parts.size() - at - 1;
  if (extra > info->params.size()) {
    return Error{info->params.empty() ? "'" + name + "' takes no parameters"
                                      : "'" + name + "' takes at most " + std::to_string(info->params.size()) +
                                            " parameter"};
  }
  std::string out = name;
  for (std::size_t i = 0; i < info->params.size(); ++i) {
    const ParamInfo& p = info->params[i];
    ParamValue v;
    v.number = p.default_value;
    if (i < extra && !read_value(p, parts[at + 1 + i], v))
      return Error{name + " " + p.name + " " + range_rule(p) + ", got '" + parts[at + 1 + i] + "'"};
    if (i < extra && static_cast<float>(v.number) != static_cast<float>(p.default_value))
      out += ":" + value_text(p, v);
  }
  return out;
}

Status read_input(const std::string& value, SpecRows& spec) {
  const auto dims = split(value, 'x');
  int d[3] = {1, 1, 1};
  bool ok = dims.size() >= 1 && dims.size() <= 3;
  for (std::size_t i = 0; ok && i < dims.size(); ++i) ok = parse_int(dims[i], d[i]) && d[i] > 0;
  if (!ok)
    return Error{"input must be SIZE or HEIGHTxWIDTH[xCHANNELS] with positive integers, got '" + value + "'"};
  spec.input = dims.size() == 1 ? Shape{1, 1, d[0]} : Shape{d[2], d[0], d[1]};
  if (double(spec.input.channels) * spec.input.height * spec.input.width > kMaxInputSize)
    return Error{"input '" + value + "' is too large"};
  spec.input_text = value;
  return {};
}

std::string layer_names() {
  std::vector<std::string> names = {"input"};
  for (const auto& kind : layer_kinds())
    if (!kind.bare_activation) names.push_back(kind.name);
  for (const auto& a : activations()) names.push_back(a.name);
  return join_names(names);
}

const LayerKindInfo* bare_activation_kind() {
  for (const auto& kind : layer_kinds())
    if (kind.bare_activation) return &kind;
  return nullptr;
}

// One layer token (not input) as a row.
Result<SpecRow> read_row(const std::vector<std::string>& parts) {
  SpecRow row;
  row.kind = find_layer_kind(parts[0]);
  if (!row.kind || row.kind->bare_activation) {
    if (!find_activation(parts[0])) return Error{"unknown layer '" + parts[0] + "' (expected " + layer_names() + ")"};
    row.kind = bare_activation_kind();
    auto activation = read_activation(parts, 0);
    if (!activation) return Error{activation.error()};
    row.activation = *activation;
    return row;
  }
  const LayerKindInfo& kind = *row.kind;
  const std::string usage = "expected " + kind_usage(kind);
  std::size_t at = 1;
  row.values.resize(kind.params.size());
  std::vector<bool> given(kind.params.size(), false);
  for (std::size_t i = 0; i < kind.params.size() && kind.params[i].required; ++i, ++at) {
    const ParamInfo& p = kind.params[i];
    const bool present = at < parts.size();
    if (!present || !read_value(p, parts[at], row.values[i]))
      return Error{std::string(p.name) + " " + range_rule(p) + (present ? ", got '" + parts[at] + "'" : "") + " (" +
                   usage + ")"};
    given[i] = true;
  }
  for (; at < parts.size(); ++at) {
    std::size_t i = 0;
    while (i < kind.params.size() && (kind.params[i].required || !looks_like(kind.params[i], parts[at]))) ++i;
    if (i == kind.params.size()) break;
    if (!read_value(kind.params[i], parts[at], row.values[i]))
      return Error{std::string(kind.params[i].name) + " " + range_rule(kind.params[i]) + ", got '" + parts[at] + "'"};
    given[i] = true;
  }
  for (std::size_t i = 0; i < kind.params.size(); ++i)
    if (!given[i]) row.values[i] = default_value(kind, kind.params[i], row.values);
  if (at < parts.size()) {
    if (kind.takes_activation) {
      auto activation = read_activation(parts, at);
      if (!activation) return Error{activation.error()};
      row.activation = *activation;
    } else if (kind.params.empty()) {
      return Error{std::string(kind.name) + " takes no parameters"};
    } else {
      return Error{usage + ", got '" + parts[at] + "'"};
    }
  }
  return row;
}

}  // namespace

Result<SpecRows> parse_spec_rows(const std::string& text) {
  SpecRows spec;
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
    if (parts[0] == "input") {
      if (t != 0) return fail("input must be the first token");
      if (parts.size() != 2) return fail("expected input:HEIGHTxWIDTH[xCHANNELS] or input:SIZE");
      if (Status s = read_input(parts[1], spec); !s) return fail(s.error());
      continue;
    }
    auto row = read_row(parts);
    if (!row) return fail(row.error());
    spec.rows.push_back(*row);
  }
  if (spec.rows.empty()) return Error{"model spec has no layers (example: dense:10:softmax)"};
  return spec;
}

SpecRow initial_row(const LayerKindInfo& kind) {
  SpecRow row;
  row.kind = &kind;
  for (const ParamInfo& p : kind.params) {
    ParamValue v;
    v.number = p.initial;
    if (p.type == ParamType::kKernel) v.h = v.w = int(p.initial);
    if (p.type == ParamType::kChoice) v.text = p.initial_choice;
    row.values.push_back(v);
  }
  for (std::size_t i = 0; i < kind.params.size(); ++i)
    if (*kind.params[i].default_from) row.values[i] = default_value(kind, kind.params[i], row.values);
  row.activation = kind.initial_activation;
  return row;
}

std::string format_spec_rows(const SpecRows& spec) {
  std::vector<std::string> tokens;
  if (!spec.input_text.empty()) tokens.push_back("input:" + spec.input_text);
  for (const SpecRow& row : spec.rows) {
    const LayerKindInfo& kind = *row.kind;
    std::string token = kind.bare_activation ? "" : kind.name;
    for (std::size_t i = 0; i < kind.params.size(); ++i) {
      const ParamInfo& p = kind.params[i];
      if (!p.required && same_value(row.values[i], default_value(kind, p, row.values))) continue;
      token += ":" + value_text(p, row.values[i]);
    }
    if (!row.activation.empty()) token += (token.empty() ? "" : ":") + row.activation;
    tokens.push_back(token);
  }
  std::string out;
  for (const auto& token : tokens) out += (out.empty() ? "" : ",") + token;
  return out;
}

Result<std::string> canonical_activation(const std::string& text) {
  return read_activation(split(text, ':'), 0);
}

}  // namespace mnist
