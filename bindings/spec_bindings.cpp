// The model-spec grammar and the spec operations as JavaScript sees them: the grammar as plain
// objects (the page builds its layer editor and menus from it, web/views/layer-editor.js) and
// every spec operation answering one object, the spec as the engine reads it:
//   {error, text, input, rows: [{kind, params: {name: value}, activation}], description, spatial}
// error "" means the spec is valid; then text is canonical. A parameter's value is a number, a
// [height, width] kernel or a choice's text. See core/model/spec_grammar.h.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <string>
#include <vector>

#include "core/model/initializers.h"
#include "core/model/spec_text.h"
#include "core/train/loss.h"
#include "core/train/lr_schedule.h"
#include "core/train/optimizer.h"

using emscripten::val;
using namespace mnist;

namespace {

const char* type_name(ParamType type) {
  switch (type) {
    case ParamType::kInt: return "int";
    case ParamType::kFloat: return "float";
    case ParamType::kKernel: return "kernel";
    case ParamType::kChoice: return "choice";
  }
  return "";
}

val kernel_value(int h, int w) {
  val out = val::array();
  out.call<void>("push", h);
  out.call<void>("push", w);
  return out;
}

val value_to_js(const ParamInfo& p, const ParamValue& v) {
  if (p.type == ParamType::kKernel) return kernel_value(v.h, v.w);
  if (p.type == ParamType::kChoice) return val(v.text);
  return val(v.number);
}

val param_to_js(const ParamInfo& p) {
  val out = val::object();
  out.set("name", p.name);
  out.set("type", type_name(p.type));
  out.set("required", p.required);
  out.set("min", p.min);
  out.set("max", p.max);  // float: exclusive
  if (p.type == ParamType::kKernel) out.set("initial", kernel_value(int(p.initial), int(p.initial)));
  else if (p.type == ParamType::kChoice) out.set("initial", std::string(p.initial_choice));
  else out.set("initial", p.initial);
  val choices = val::array();
  for (const char* c : p.choices) choices.call<void>("push", std::string(c));
  out.set("choices", choices);
  out.set("defaultFrom", std::string(p.default_from));  // e.g. a pool's stride follows its size
  return out;
}

val params_to_js(const std::vector<ParamInfo>& params) {
  val out = val::array();
  for (const ParamInfo& p : params) out.call<void>("push", param_to_js(p));
  return out;
}

val choices_to_js(const std::vector<NamedChoice>& choices) {
  val out = val::array();
  for (const NamedChoice& c : choices) {
    val choice = val::object();
    choice.set("name", c.name);
    choice.set("label", c.label);
    out.call<void>("push", choice);
  }
  return out;
}

// {kinds, activations, losses, optimizers, initializers, schedules}
val js_spec_grammar() {
  val kinds = val::array();
  for (const LayerKindInfo& k : layer_kinds()) {
    val kind = val::object();
    kind.set("name", k.name);
    kind.set("label", k.label);
    kind.set("what", k.what);
    kind.set("params", params_to_js(k.params));
    kind.set("takesActivation", k.takes_activation);
    kind.set("initialActivation", std::string(k.initial_activation));
    kind.set("spatial", k.spatial);
    kind.set("bareActivation", k.bare_activation);  // written as the activation alone
    kinds.call<void>("push", kind);
  }
  val acts = val::array();
  for (const ActivationInfo& a : activations()) {
    val activation = val::object();
    activation.set("name", a.name);
    activation.set("label", a.label);
    activation.set("params", params_to_js(a.params));
    acts.call<void>("push", activation);
  }
  val out = val::object();
  out.set("kinds", kinds);
  out.set("activations", acts);
  out.set("losses", choices_to_js(loss_choices()));
  out.set("optimizers", choices_to_js(optimizer_choices()));
  out.set("initializers", choices_to_js(initializer_choices()));
  out.set("schedules", choices_to_js(schedule_choices()));
  return out;
}

val row_to_js(const SpecRow& row) {
  val params = val::object();
  for (std::size_t i = 0; i < row.kind->params.size(); ++i)
    params.set(row.kind->params[i].name, value_to_js(row.kind->params[i], row.values[i]));
  val out = val::object();
  out.set("kind", row.kind->name);
  out.set("params", params);
  out.set("activation", row.activation);
  return out;
}

// The answer for `text`: the spec as the engine reads it, or its error.
val parsed_spec(const std::string& text) {
  val out = val::object();
  auto spec = parse_spec_rows(text);
  out.set("error", spec.ok() ? std::string() : spec.error());
  out.set("text", spec.ok() ? format_spec_rows(*spec) : text);
  if (!spec.ok()) return out;
  val rows = val::array();
  for (const SpecRow& row : spec->rows) rows.call<void>("push", row_to_js(row));
  out.set("input", spec->input_text);
  out.set("rows", rows);
  out.set("description", describe_spec(*spec));
  out.set("spatial", has_spatial_layers(*spec));
  return out;
}

val failed(const std::string& text, const std::string& error) {
  val out = val::object();
  out.set("error", error);
  out.set("text", text);
  return out;
}

// A row from JavaScript: a new row of its kind with the values given over it.
Result<SpecRow> row_from_js(const val& js) {
  const std::string name = js["kind"].as<std::string>();
  const LayerKindInfo* kind = find_layer_kind(name);
  if (!kind) return Error{"unknown layer '" + name + "'"};
  SpecRow row = initial_row(*kind);
  const val params = js["params"].isUndefined() ? val::object() : js["params"];
  for (std::size_t i = 0; i < kind->params.size(); ++i) {
    const ParamInfo& p = kind->params[i];
    const val v = params[p.name];
    if (v.isUndefined()) continue;
    // A value of the wrong type is refused here: converting it would stop the engine.
    const bool kernel = p.type == ParamType::kKernel && v["length"].isNumber() && v["length"].as<int>() == 2 &&
                        v[0].isNumber() && v[1].isNumber();
    const bool ok = p.type == ParamType::kKernel ? kernel : p.type == ParamType::kChoice ? v.isString() : v.isNumber();
    if (!ok) return Error{name + " " + p.name + ": not a value of its type"};
    if (p.type == ParamType::kKernel) {
      row.values[i].h = v[0].as<int>();
      row.values[i].w = v[1].as<int>();
    } else if (p.type == ParamType::kChoice) {
      row.values[i].text = v.as<std::string>();
    } else {
      row.values[i].number = v.as<double>();
    }
  }
  if (!js["activation"].isUndefined()) row.activation = js["activation"].as<std::string>();
  return row;
}

// Rows (as parseSpec gives them, edited) and the input token's value -> the answer for their text.
val js_format_spec(const val& rows, const std::string& input) {
  SpecRows spec;
  spec.input_text = input;
  const int count = rows["length"].as<int>();
  for (int i = 0; i < count; ++i) {
    auto row = row_from_js(rows[i]);
    if (!row) return failed("", "model spec, layer " + std::to_string(i + 1) + ": " + row.error());
    spec.rows.push_back(*row);
  }
  return parsed_spec(format_spec_rows(spec));
}

// The spec with the output activation the loss is fused with (sigmoid for binary cross-entropy).
val js_spec_for_loss(const std::string& text, const std::string& loss) {
  auto kind = parse_loss(loss);
  if (!kind) return failed(text, kind.error());
  auto next = spec_with_output_activation(text, output_activation_for(*kind));
  return next ? parsed_spec(*next) : failed(text, next.error());
}

val js_spec_with_output_units(const std::string& text, int units) {
  auto next = spec_with_output_units(text, units);
  return next ? parsed_spec(*next) : failed(text, next.error());
}

}  // namespace

EMSCRIPTEN_BINDINGS(mnist_spec) {
  using emscripten::function;
  function("specGrammar", &js_spec_grammar);
  function("parseSpec", &parsed_spec);
  function("formatSpec", &js_format_spec);
  function("specForLoss", &js_spec_for_loss);
  function("specWithOutputUnits", &js_spec_with_output_units);
}
