// The model as a Keras Sequential model (core/io/code_plan.h), channels_last. Layers carry the
// ONNX node names; the loader transposes each initializer into Keras' layout. Before every
// flatten of an image a Permute puts it back to (C, H, W), so the flattened order, and with it
// every dense weight, is the engine's.
#include <sstream>

#include "core/io/code_plan.h"

namespace mnist {
namespace {

using Kind = CodeStep::Kind;

std::string named(const std::string& call, const std::string& args, const CodeStep& s) {
  return "layers." + call + "(" + args + (args.empty() ? "" : ", ") + "name=\"" + s.name + "\")";
}

std::string layer(const CodeStep& s) {
  const std::string stride = std::to_string(s.stride), size = std::to_string(s.kernel_h);
  switch (s.kind) {
    case Kind::kFlatten: return named("Flatten", "", s);
    case Kind::kConv:
      return named("Conv2D",
                   std::to_string(s.outputs) + ", (" + std::to_string(s.kernel_h) + ", " +
                       std::to_string(s.kernel_w) + "), strides=" + stride + ", padding=\"" +
                       (s.same ? "same" : "valid") + "\"",
                   s);
    case Kind::kMaxPool:
      return named("MaxPooling2D", "pool_size=" + size + ", strides=" + stride, s);
    case Kind::kAvgPool:
      return named("AveragePooling2D", "pool_size=" + size + ", strides=" + stride, s);
    case Kind::kDense: return named("Dense", std::to_string(s.outputs), s);
    case Kind::kDropout: return named("Dropout", python_float(s.value), s);
    case Kind::kReLU: return named("ReLU", "", s);
    case Kind::kLeakyReLU: return named("LeakyReLU", python_float(s.value), s);  // the slope
    case Kind::kSigmoid: return named("Activation", "\"sigmoid\"", s);
    case Kind::kTanh: return named("Activation", "\"tanh\"", s);
    case Kind::kSoftmax: return named("Softmax", "", s);
  }
  return "";
}

void write_layers(std::ostream& out, const CodePlan& plan) {
  for (const CodeStep& s : plan.steps) {
    if (s.kind == Kind::kFlatten && s.image_in)
      out << "        layers.Permute((3, 1, 2), name=\"" << s.name
          << "_chw\"),  # (H, W, C) -> (C, H, W): the engine's flatten order\n";
    out << "        " << layer(s) << ",";
    if (s.kind == Kind::kConv && s.same) out << "  # 'same' as the engine: extra zeros after";
    out << "\n";
  }
}

}  // namespace

std::string keras_code(const CodePlan& plan) {
  const Shape in = plan.input;
  const std::string hwc = std::to_string(in.height) + ", " + std::to_string(in.width) + ", " +
                          std::to_string(in.channels);
  std::ostringstream out;
  out << "# mnist-playground model \"" << plan.spec << "\" as a Keras model.\n"
      << "# Needs TensorFlow 2.x (tf.keras), numpy and onnx (pip install tensorflow onnx).\n"
      << "# The weights load from the ONNX file of the same model (Download ONNX in the\n"
      << "# playground, or mnist-train --export-onnx): its initializer \"layerK_op.weight\"\n"
      << "# belongs to the layer named \"layerK_op\" here, transposed into Keras' layout.\n"
      << "# Input: (N, " << hwc << ") float, channels last, pixel / 255\n"
      << "# (MNIST: a white digit on black); images laid out (N, C, H, W) become that with\n"
      << "# images.transpose(0, 2, 3, 1).\n"
      << "# Output: (N, " << plan.outputs << "), the last layer's values.\n"
      << "import sys\n\n"
      << "import numpy as np\n"
      << "import onnx\n"
      << "from onnx import numpy_helper\n"
      << "from tensorflow import keras\n"
      << "from tensorflow.keras import layers\n\n\n"
      << "def build_model():\n"
      << "    \"\"\"" << plan.spec << ": (N, " << hwc << ") -> (N, " << plan.outputs << ")\"\"\"\n"
      << "    return keras.Sequential([\n"
      << "        keras.Input(shape=(" << hwc << ")),\n";
  write_layers(out, plan);
  out << "    ], name=\"mnist_playground\")\n\n\n"
      << "def load_onnx_weights(model, onnx_path):\n"
      << "    \"\"\"Copies the weights of the model's ONNX file into `model`; returns it.\"\"\"\n"
      << "    graph = onnx.load(onnx_path).graph\n"
      << "    weights = {t.name: numpy_helper.to_array(t) for t in graph.initializer}\n"
      << "    for layer in model.layers:\n"
      << "        if layer.name + \".weight\" not in weights:\n"
      << "            continue  # no weights: pooling, activations, ...\n"
      << "        kernel = weights[layer.name + \".weight\"]\n"
      << "        # conv (F, C, Kh, Kw) -> (Kh, Kw, C, F); dense (out, in) -> (in, out)\n"
      << "        kernel = kernel.transpose(2, 3, 1, 0) if kernel.ndim == 4 else kernel.T\n"
      << "        layer.set_weights([kernel, weights[layer.name + \".bias\"]])\n"
      << "    return model\n\n\n"
      << "if __name__ == \"__main__\":\n"
      << "    # python3 this_file.py [mnist-model.onnx]\n"
      << "    path = sys.argv[1] if len(sys.argv) > 1 else \"mnist-model.onnx\"\n"
      << "    model = load_onnx_weights(build_model(), path)\n"
      << "    images = np.random.rand(4, " << hwc
      << ").astype(np.float32)  # stand-ins for images, pixel / 255\n"
      << "    outputs = np.asarray(model(images, training=False))\n"
      << "    print(\"outputs\", outputs.shape, \"argmax\", outputs.argmax(axis=1).tolist())\n";
  return out.str();
}

}  // namespace mnist
