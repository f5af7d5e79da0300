// What the page asks of a model spec besides "is it valid": its canonical text, a one-line
// description, whether it has image-shaped layers, and the edits other settings make to it (the
// loss picks the output activation, a dataset with N classes needs N output units).
#pragma once
#include <string>

#include "core/model/spec_rows.h"
#include "core/util/result.h"

namespace mnist {

// The text written the one way format_spec_rows writes it.
Result<std::string> canonical_spec(const std::string& text);

// The architecture in a line: "784-256-10" for a stack of dense layers (the usual shorthand),
// else the layers in order, "conv 8@5×5 → maxpool 2 → conv 16@5×5 → maxpool 2 → dense 10"
// (activations and flatten left out).
std::string describe_spec(const SpecRows& spec);

// True when a layer's output is an image worth drawing (convolution, pooling).
bool has_spatial_layers(const SpecRows& spec);

// The spec with its output activation set to `activation` when the last row is a dense layer
// ending in softmax or sigmoid (the activations a loss is fused with); otherwise canonical.
Result<std::string> spec_with_output_activation(const std::string& text, const std::string& activation);

// The spec with its last dense layer's units set to `units` (a dataset with that many classes);
// an error when the model has no dense layer or `units` is out of range.
Result<std::string> spec_with_output_units(const std::string& text, int units);

}  // namespace mnist
