#include "core/io/code_export.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "core/io/code_plan.h"
#include "core/layers/conv2d.h"
#include "core/layers/dense.h"

namespace mnist {
namespace {

using Kind = CodeStep::Kind;

// Follows the model layer by layer, knowing whether the current tensor is an image, as the ONNX
// export does: the same flattens at the same places, under the same names.
class PlanBuilder {
 public:
  bool image() const { return image_; }
  CodeStep& add(Kind kind, const std::string& name, bool image_out) {
    CodeStep step;
    step.kind = kind;
    step.name = name;
    step.image_in = image_;
    image_ = image_out;
    steps_.push_back(step);
    return steps_.back();
  }
  void flatten(const std::string& name) { add(Kind::kFlatten, name, false); }
  std::vector<CodeStep> finish() {
    if (image_) flatten("output_flatten");
    return std::move(steps_);
  }

 private:
  bool image_ = true;
  std::vector<CodeStep> steps_;
};

void add_conv(PlanBuilder& plan, const Conv2D& conv, const std::string& name) {
  const Conv2DOptions& o = conv.options();
  const Shape in = conv.input_shape(), out = conv.output_shape();
  CodeStep& step = plan.add(Kind::kConv, name + "conv", true);
  step.inputs = in.channels;
  step.outputs = o.filters;
  step.kernel_h = o.kernel_h;
  step.kernel_w = o.kernel_w;
  step.stride = o.stride;
  step.same = o.same_padding;
  // The engine's "same": pad_top / pad_left before, the rest of what the last window needs after.
  const int total_h = std::max(0, (out.height - 1) * o.stride + o.kernel_h - in.height);
  const int total_w = std::max(0, (out.width - 1) * o.stride + o.kernel_w - in.width);
  step.pad_top = conv.pad_top();
  step.pad_left = conv.pad_left();
  step.pad_bottom = total_h - step.pad_top;
  step.pad_right = total_w - step.pad_left;
}

Status add_layer(PlanBuilder& plan, const Layer& layer, const LayerSpec& spec, int index) {
  const std::string name = "layer" + std::to_string(index + 1) + "_";
  const auto fail = [&](const std::string& why) {
    return Error{"Code export: layer " + std::to_string(index + 1) + " '" + layer.spec() + "': " +
                 why};
  };
  const bool window = spec.type == LayerSpec::Type::kConv ||
                      spec.type == LayerSpec::Type::kMaxPool ||
                      spec.type == LayerSpec::Type::kAvgPool;
  if (window && !plan.image())
    return fail("an image layer after a flat one (dense, flatten or softmax) is not exportable");
  switch (spec.type) {
    case LayerSpec::Type::kDense: {
      const auto* dense = dynamic_cast<const Dense*>(&layer);
      if (!dense) return fail("not a dense layer");
      if (plan.image()) plan.flatten(name + "flatten");
      CodeStep& step = plan.add(Kind::kDense, name + "gemm", false);
      step.inputs = dense->inputs();
      step.outputs = dense->units();
      return Status::Ok();
    }
    case LayerSpec::Type::kConv: {
      const auto* conv = dynamic_cast<const Conv2D*>(&layer);
      if (!conv) return fail("not a conv layer");
      add_conv(plan, *conv, name);
      return Status::Ok();
    }
    case LayerSpec::Type::kMaxPool:
    case LayerSpec::Type::kAvgPool: {
      const bool max = spec.type == LayerSpec::Type::kMaxPool;
      CodeStep& step = plan.add(max ? Kind::kMaxPool : Kind::kAvgPool,
                                name + (max ? "maxpool" : "averagepool"), true);
      step.kernel_h = step.kernel_w = spec.kernel_h;
      step.stride = spec.stride;
      return Status::Ok();
    }
    case LayerSpec::Type::kFlatten: plan.flatten(name + "flatten"); return Status::Ok();
    case LayerSpec::Type::kDropout:
      plan.add(Kind::kDropout, name + "dropout", plan.image()).value = spec.rate;
      return Status::Ok();
    case LayerSpec::Type::kSoftmax:
      if (plan.image()) plan.flatten(name + "flatten");
      plan.add(Kind::kSoftmax, name + "softmax", false);
      return Status::Ok();
    case LayerSpec::Type::kActivation:
      switch (spec.activation) {  // element-wise: the tensor keeps its shape
        case ActivationKind::kReLU: plan.add(Kind::kReLU, name + "relu", plan.image()); break;
        case ActivationKind::kSigmoid:
          plan.add(Kind::kSigmoid, name + "sigmoid", plan.image());
          break;
        case ActivationKind::kTanh: plan.add(Kind::kTanh, name + "tanh", plan.image()); break;
        case ActivationKind::kLeakyReLU:
          plan.add(Kind::kLeakyReLU, name + "leakyrelu", plan.image()).value = spec.alpha;
          break;
      }
      return Status::Ok();
  }
  return fail("unknown layer type");
}

Result<CodePlan> plan_code(const Sequential& model) {
  if (model.layer_count() == 0) return Error{"Code export: the model has no layers"};
  const ModelSpec& spec = model.spec();
  PlanBuilder builder;
  for (int i = 0; i < model.layer_count(); ++i)
    if (Status s = add_layer(builder, model.layer(i), spec.layers[i], i); !s)
      return Error{s.error()};
  CodePlan plan;
  plan.spec = spec.to_string();
  plan.input = spec.input;
  plan.outputs = model.output_shape().size();
  plan.steps = builder.finish();
  return plan;
}

}  // namespace

std::string python_float(float value) {
  char text[32];
  for (int digits = 1; digits <= 9; ++digits) {
    std::snprintf(text, sizeof text, "%.*g", digits, double(value));
    if (std::strtof(text, nullptr) == value) break;
  }
  std::string s = text;
  if (s.find_first_of(".e") == std::string::npos) s += ".0";
  return s;
}

Result<CodeFramework> parse_code_framework(const std::string& name) {
  if (name == "pytorch") return CodeFramework::kPyTorch;
  if (name == "keras") return CodeFramework::kKeras;
  return Error{"Code export: unknown framework '" + name + "' (expected pytorch or keras)"};
}

Result<std::string> export_code(const Sequential& model, CodeFramework framework) {
  auto plan = plan_code(model);
  if (!plan) return Error{plan.error()};
  return framework == CodeFramework::kPyTorch ? pytorch_code(*plan) : keras_code(*plan);
}

}  // namespace mnist
