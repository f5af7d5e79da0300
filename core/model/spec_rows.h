// A model spec as rows, one per token, in the terms of the grammar table (spec_grammar.h): the
// form the page's layer editor edits, and the one place spec text is read and written. A row
// keeps its activation with it ("dense:256:relu" is one row), as the text has it.
//   rows:  {dense units=256 activation=relu}, {dropout rate=0.25}, {dense units=10 activation=softmax}
#pragma once
#include <string>
#include <vector>

#include "core/layers/layer.h"
#include "core/model/spec_grammar.h"
#include "core/util/result.h"

namespace mnist {

// One parameter's value: int and float in `number`, a kernel in h and w, a choice in `text`.
struct ParamValue {
  double number = 0;
  int h = 0, w = 0;
  std::string text;
};

struct SpecRow {
  const LayerKindInfo* kind = nullptr;
  std::vector<ParamValue> values;  // one per kind->params, in that order
  std::string activation;          // canonical ("relu", "leaky_relu:0.2"); "" none
};

struct SpecRows {
  Shape input{1, 28, 28};
  std::string input_text;  // the input token's value as written ("784"); "" when absent
  std::vector<SpecRow> rows;
};

// Reads spec text; the error names the token and says what the grammar expects.
Result<SpecRows> parse_spec_rows(const std::string& text);

// A row of `kind` with the values a new layer starts from.
SpecRow initial_row(const LayerKindInfo& kind);

// The canonical text: optional parameters only when not their default, numbers at their shortest.
// Rows built elsewhere (the page's editor) are written as they are: parse the text to check them.
std::string format_spec_rows(const SpecRows& spec);

// An activation's canonical text ("leaky_relu" for the default slope), or what is wrong with it.
Result<std::string> canonical_activation(const std::string& text);

}  // namespace mnist
