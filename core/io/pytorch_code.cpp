// The model as a PyTorch nn.Module (core/io/code_plan.h): an nn.Sequential whose submodules carry
// the ONNX node names, so the ONNX file's initializers are its state_dict, key for key.
#include <sstream>

#include "core/io/code_plan.h"

namespace mnist {
namespace {

using Kind = CodeStep::Kind;

std::string pair(int a, int b) { return "(" + std::to_string(a) + ", " + std::to_string(b) + ")"; }

// PyTorch pads both sides alike; the engine's "same" puts the extra pixel after, so a step
// with unequal sides gets its zeros from an nn.ZeroPad2d(left, right, top, bottom) first.
bool symmetric(const CodeStep& s) {
  return s.pad_top == s.pad_bottom && s.pad_left == s.pad_right;
}

std::string conv_module(const CodeStep& s) {
  std::string padding = symmetric(s) ? pair(s.pad_top, s.pad_left) : "0";
  return "nn.Conv2d(" + std::to_string(s.inputs) + ", " + std::to_string(s.outputs) +
         ", kernel_size=" + pair(s.kernel_h, s.kernel_w) +
         ", stride=" + std::to_string(s.stride) + ", padding=" + padding + ")";
}

std::string pool_module(const CodeStep& s) {
  return std::string(s.kind == Kind::kMaxPool ? "nn.MaxPool2d" : "nn.AvgPool2d") +
         "(kernel_size=" + std::to_string(s.kernel_h) + ", stride=" + std::to_string(s.stride) +
         ")";
}

std::string module(const CodeStep& s) {
  switch (s.kind) {
    case Kind::kFlatten: return "nn.Flatten()";
    case Kind::kConv: return conv_module(s);
    case Kind::kMaxPool:
    case Kind::kAvgPool: return pool_module(s);
    case Kind::kDense:
      return "nn.Linear(" + std::to_string(s.inputs) + ", " + std::to_string(s.outputs) + ")";
    case Kind::kDropout: return "nn.Dropout(p=" + python_float(s.value) + ")";
    case Kind::kReLU: return "nn.ReLU()";
    case Kind::kLeakyReLU: return "nn.LeakyReLU(negative_slope=" + python_float(s.value) + ")";
    case Kind::kSigmoid: return "nn.Sigmoid()";
    case Kind::kTanh: return "nn.Tanh()";
    case Kind::kSoftmax: return "nn.Softmax(dim=1)";
  }
  return "";
}

std::string comment(const CodeStep& s) {
  if (s.kind == Kind::kFlatten && s.image_in) return "  # (C, H, W) -> C*H*W, the engine's order";
  if (s.kind == Kind::kSoftmax) return "  # over all values of an example, as the engine does";
  return "";
}

void write_modules(std::ostream& out, const CodePlan& plan) {
  for (const CodeStep& s : plan.steps) {
    if (s.kind == Kind::kConv && !symmetric(s)) {
      const std::string name = s.name.substr(0, s.name.size() - 4) + "pad";  // layerK_conv
      out << "            (\"" << name << "\", nn.ZeroPad2d((" << s.pad_left << ", " << s.pad_right
          << ", " << s.pad_top << ", " << s.pad_bottom
          << "))),  # the engine's 'same': extra zeros after\n";
    }
    out << "            (\"" << s.name << "\", " << module(s) << ")," << comment(s) << "\n";
  }
}

}  // namespace

std::string pytorch_code(const CodePlan& plan) {
  const Shape in = plan.input;
  const std::string input_shape = "(N, " + std::to_string(in.channels) + ", " +
                                  std::to_string(in.height) + ", " + std::to_string(in.width) + ")";
  std::ostringstream out;
  out << "# mnist-playground model \"" << plan.spec << "\" as a PyTorch module.\n"
      << "# Needs PyTorch >= 1.13, numpy and onnx (pip install torch onnx).\n"
      << "# The weights load from the ONNX file of the same model (Download ONNX in the\n"
      << "# playground, or mnist-train --export-onnx): its initializer \"layerK_op.weight\" is\n"
      << "# the parameter of the submodule \"layerK_op\" here.\n"
      << "# Input: " << input_shape << " float, pixel / 255 (MNIST: a white digit on black).\n"
      << "# Output: (N, " << plan.outputs << "), the last layer's values.\n"
      << "import sys\n"
      << "from collections import OrderedDict\n\n"
      << "import onnx\n"
      << "import torch\n"
      << "from onnx import numpy_helper\n"
      << "from torch import nn\n\n\n"
      << "class MnistPlaygroundModel(nn.Sequential):\n"
      << "    \"\"\"" << plan.spec << ": " << input_shape << " -> (N, " << plan.outputs
      << ")\"\"\"\n\n"
      << "    def __init__(self):\n"
      << "        super().__init__(OrderedDict([\n";
  write_modules(out, plan);
  out << "        ]))\n\n\n"
      << "def load_onnx_weights(model, onnx_path):\n"
      << "    \"\"\"Copies the weights of the model's ONNX file into `model`; returns it.\"\"\"\n"
      << "    graph = onnx.load(onnx_path).graph\n"
      << "    weights = {t.name: torch.from_numpy(numpy_helper.to_array(t).copy())\n"
      << "               for t in graph.initializer}\n"
      << "    model.load_state_dict(weights)  # strict: every name and shape must match\n"
      << "    return model\n\n\n"
      << "if __name__ == \"__main__\":\n"
      << "    # python3 this_file.py [mnist-model.onnx]\n"
      << "    path = sys.argv[1] if len(sys.argv) > 1 else \"mnist-model.onnx\"\n"
      << "    model = load_onnx_weights(MnistPlaygroundModel(), path).eval()  # eval: no dropout\n"
      << "    images = torch.rand(4, " << in.channels << ", " << in.height << ", " << in.width
      << ")  # stand-ins for images, pixel / 255\n"
      << "    with torch.no_grad():\n"
      << "        outputs = model(images)\n"
      << "    print(\"outputs\", tuple(outputs.shape), \"argmax\", "
      << "outputs.argmax(dim=1).tolist())\n";
  return out.str();
}

}  // namespace mnist
