#include "core/model/spec_text.h"

namespace mnist {
namespace {

bool is_dense(const SpecRow& row) { return std::string(row.kind->name) == "dense"; }

std::string number_text(double v) {
  std::string s = std::to_string(v);
  s.erase(s.find_last_not_of('0') + 1);
  if (s.back() == '.') s.pop_back();
  return s;
}

// "conv 8@5×5/2", "maxpool 2", "dropout 0.25", "dense 10".
std::string describe_row(const SpecRow& row) {
  const LayerKindInfo& kind = *row.kind;
  std::string out = kind.name;
  bool has_kernel = false;
  for (std::size_t i = 0; i < kind.params.size(); ++i) {
    const ParamInfo& p = kind.params[i];
    const ParamValue& v = row.values[i];
    if (p.type == ParamType::kKernel) {
      out += "@" + std::to_string(v.h) + "×" + std::to_string(v.w);
      has_kernel = true;
    } else if (i == 0) {
      out += " " + number_text(v.number);
    } else if (has_kernel && std::string(p.name) == "stride" && v.number != 1) {
      out += "/" + number_text(v.number);
    }
  }
  return out;
}

}  // namespace

Result<std::string> canonical_spec(const std::string& text) {
  auto rows = parse_spec_rows(text);
  if (!rows) return Error{rows.error()};
  return format_spec_rows(*rows);
}

std::string describe_spec(const SpecRows& spec) {
  bool only_dense = true;
  for (const SpecRow& row : spec.rows) only_dense = only_dense && (is_dense(row) || row.kind->bare_activation);
  std::string out;
  if (only_dense) {
    out = std::to_string(spec.input.channels * spec.input.height * spec.input.width);
    for (const SpecRow& row : spec.rows)
      if (is_dense(row)) out += "-" + number_text(row.values[0].number);
    return out;
  }
  for (const SpecRow& row : spec.rows) {
    if (row.kind->bare_activation || row.kind->params.empty()) continue;
    out += (out.empty() ? "" : " → ") + describe_row(row);
  }
  return out;
}

bool has_spatial_layers(const SpecRows& spec) {
  for (const SpecRow& row : spec.rows)
    if (row.kind->spatial) return true;
  return false;
}

Result<std::string> spec_with_output_activation(const std::string& text, const std::string& activation) {
  auto spec = parse_spec_rows(text);
  if (!spec) return Error{spec.error()};
  SpecRow& last = spec->rows.back();
  if (is_dense(last) && (last.activation == "softmax" || last.activation == "sigmoid")) {
    auto canonical = canonical_activation(activation);
    if (!canonical) return Error{canonical.error()};
    last.activation = *canonical;
  }
  return format_spec_rows(*spec);
}

Result<std::string> spec_with_output_units(const std::string& text, int units) {
  auto spec = parse_spec_rows(text);
  if (!spec) return Error{spec.error()};
  for (auto row = spec->rows.rbegin(); row != spec->rows.rend(); ++row) {
    if (!is_dense(*row)) continue;
    row->values[0].number = units;
    return canonical_spec(format_spec_rows(*spec));  // parsing again checks the range
  }
  return Error{"the model has no dense layer to give " + std::to_string(units) + " outputs"};
}

}  // namespace mnist
