// What a layer of a spec will be, computed from the LayerSpec and its input shape without building
// it: its output shape and its parameter count, in 64 bits. The memory budget walks a whole spec
// this way before anything is allocated, and Sequential::build checks every layer with the same
// function, so the two never disagree about which specs are valid.
//
// The layers keep their sizes in int (Shape, the kernels' n, M, N, K), so a layer whose output per
// example, or a conv layer whose patch (C·Kh·Kw) or output plane (Ho·Wo), has more than
// kMaxValuesPerExample values is an error here, before any of those ints could overflow.
#pragma once
#include <cstdint>
#include <string>

#include "core/layers/layer.h"
#include "core/model/model_spec.h"
#include "core/util/result.h"

namespace mnist {

inline constexpr std::uint64_t kMaxValuesPerExample = 2147483647;  // INT32_MAX
// Sequential::build's bound on one layer's parameters (1 GiB of floats).
inline constexpr std::uint64_t kMaxLayerParameters = std::uint64_t(1) << 28;

// "(256)" for a vector, "(8, 24, 24)" for an image (channels, height, width).
std::string shape_text(Shape s);

// channels · height · width in 64 bits (no overflow for any shape of ints).
std::uint64_t shape_values(Shape s);

// The output shape of `spec` applied to `input`, or an error without the "layer N" prefix: a
// kernel or pool window that does not fit its input, or a size beyond kMaxValuesPerExample.
Result<Shape> layer_output_shape(const LayerSpec& spec, Shape input);

// Trainable values of the layer (weights and biases; 0 for layers without parameters), in 64 bits.
// Only meaningful for a spec and input that layer_output_shape accepts.
std::uint64_t layer_parameter_count(const LayerSpec& spec, Shape input);

}  // namespace mnist
