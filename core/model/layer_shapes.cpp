#include "core/model/layer_shapes.h"

namespace mnist {
namespace {

Error too_large(const std::string& what, std::uint64_t values) {
  return Error{what + " of " + std::to_string(values) + " values is too large (at most " +
               std::to_string(kMaxValuesPerExample) + " per image)"};
}

// (H - window) / stride + 1: the positions of a window that stays inside the input.
int valid_positions(int size, int window, int stride) { return (size - window) / stride + 1; }

Result<Shape> conv_output(const LayerSpec& spec, Shape input) {
  if (!spec.same_padding && (spec.kernel_h > input.height || spec.kernel_w > input.width))
    return Error{"kernel " + std::to_string(spec.kernel_h) + "x" + std::to_string(spec.kernel_w) +
                 " does not fit its input " + shape_text(input)};
  // Same as Conv2D's constructor: "same" gives ceil(H / S), "valid" whole patches only.
  const int out_h = spec.same_padding ? (input.height + spec.stride - 1) / spec.stride
                                      : valid_positions(input.height, spec.kernel_h, spec.stride);
  const int out_w = spec.same_padding ? (input.width + spec.stride - 1) / spec.stride
                                      : valid_positions(input.width, spec.kernel_w, spec.stride);
  const Shape out{spec.units, out_h, out_w};
  const std::uint64_t patch =
      std::uint64_t(input.channels) * std::uint64_t(spec.kernel_h) * std::uint64_t(spec.kernel_w);
  if (patch > kMaxValuesPerExample) return too_large("a filter patch (channels x kernel)", patch);
  if (shape_values(out) > kMaxValuesPerExample) return too_large("an output", shape_values(out));
  return out;
}

Result<Shape> pool_output(const LayerSpec& spec, Shape input) {
  if (spec.kernel_h > input.height || spec.kernel_h > input.width)
    return Error{"pool size " + std::to_string(spec.kernel_h) + " does not fit its input " +
                 shape_text(input)};
  return Shape{input.channels, valid_positions(input.height, spec.kernel_h, spec.stride),
               valid_positions(input.width, spec.kernel_h, spec.stride)};
}

}  // namespace

std::string shape_text(Shape s) {
  if (s.height == 1 && s.width == 1) return "(" + std::to_string(s.channels) + ")";
  return "(" + std::to_string(s.channels) + ", " + std::to_string(s.height) + ", " +
         std::to_string(s.width) + ")";
}

std::uint64_t shape_values(Shape s) {
  // Each factor is below 2^31, so the first product fits; the second is checked by the caller's
  // limits in practice but saturates here rather than wrap.
  const std::uint64_t plane = std::uint64_t(s.height) * std::uint64_t(s.width);
  const std::uint64_t channels = std::uint64_t(s.channels);
  if (channels != 0 && plane > UINT64_MAX / channels) return UINT64_MAX;
  return plane * channels;
}

Result<Shape> layer_output_shape(const LayerSpec& spec, Shape input) {
  switch (spec.type) {
    case LayerSpec::Type::kConv: return conv_output(spec, input);
    case LayerSpec::Type::kMaxPool:
    case LayerSpec::Type::kAvgPool: return pool_output(spec, input);
    case LayerSpec::Type::kFlatten: {
      const std::uint64_t n = shape_values(input);
      if (n > kMaxValuesPerExample) return too_large("an output", n);
      return Shape{int(n), 1, 1};
    }
    case LayerSpec::Type::kDense: return Shape{spec.units, 1, 1};
    case LayerSpec::Type::kDropout:
    case LayerSpec::Type::kActivation:
    case LayerSpec::Type::kSoftmax: return input;
  }
  return Error{"unknown layer type"};
}

std::uint64_t layer_parameter_count(const LayerSpec& spec, Shape input) {
  const std::uint64_t units = std::uint64_t(spec.units);
  switch (spec.type) {
    case LayerSpec::Type::kDense: return units * shape_values(input) + units;
    case LayerSpec::Type::kConv:
      return units * std::uint64_t(input.channels) * std::uint64_t(spec.kernel_h) *
                 std::uint64_t(spec.kernel_w) + units;
    default: return 0;
  }
}

}  // namespace mnist
