"""mnist-train --export-pytorch / --export-keras, checked from outside the engine: for each model
below, train briefly and write the ONNX file, both Python files and the engine's probabilities for
the first test images (--predict-json). Then
  - the PyTorch file, run by PyTorch with the ONNX weights (its load_onnx_weights), and
  - the Keras file (py_compile'd, then run unchanged on keras_numpy.py, a numpy stand-in for the
    Keras layers it uses, since TensorFlow is not installed here; the weights go through the
    file's own load_onnx_weights, transposes included)
must each give the engine's probabilities to within 1e-4. The first PyTorch file also runs as a
script, as its usage line says.

Usage: check_code.py PATH/TO/mnist-train DATA_DIR
Exit code 77 (ctest: skipped) when python3-torch or python3-onnx is not installed."""
import importlib.util
import json
import os
import py_compile
import subprocess
import sys
import tempfile
import time

try:
    import onnx  # noqa: F401  (the generated files need it)
    import torch
except ImportError as missing:
    print(f"SKIP: {missing.name} is not installed (apt-get install python3-torch python3-onnx, "
          "or run scripts/setup.sh)")
    sys.exit(77)
import numpy as np

sys.dont_write_bytecode = True  # no __pycache__ left in the source tree
from check_onnx import mnist_train, test_images  # noqa: E402
import keras_numpy  # noqa: E402

TEST_IMAGES = 100
TOLERANCE = 1e-4
MODELS = {
    "seed MLP": "dense:256:relu,dense:10:softmax",
    "CNN small": "conv:8:5x5:relu,maxpool:2,conv:16:5x5:relu,maxpool:2,flatten,dense:10:softmax",
    # same padding symmetric (3x3) and split 1 + 2 (4x4, stride 2), valid, both poolings (stride
    # != size), flatten, dropout at inference and every activation
    "every layer": "conv:6:3x3:same:leaky_relu:0.1,avgpool:3:s2,conv:12:4x4:s2:same:tanh,"
                   "maxpool:2:s1,conv:8:3x3:valid:relu,flatten,dropout:0.25,dense:32:sigmoid,"
                   "dense:10:softmax",
}


def load_module(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def pytorch_outputs(path, onnx_path, images):
    code = load_module(path, "generated_pytorch")
    model = code.load_onnx_weights(code.MnistPlaygroundModel(), onnx_path).eval()
    with torch.no_grad():
        return model(torch.from_numpy(images)).numpy()


def keras_outputs(path, onnx_path, images):
    py_compile.compile(path, cfile=path + "c", doraise=True)
    keras_numpy.install()
    code = load_module(path, "generated_keras")
    model = code.load_onnx_weights(code.build_model(), onnx_path)
    return np.asarray(model(images.transpose(0, 2, 3, 1), training=False))  # NCHW -> NHWC


def compare(name, framework, outputs, engine):
    if outputs.shape != engine.shape:
        raise SystemExit(f"FAIL {name}: {framework} output {outputs.shape}, engine {engine.shape}")
    diff = float(np.abs(outputs - engine).max())
    print(f"  max |{framework} - engine| = {diff:.3g} over {len(engine)} images")
    if not diff <= TOLERANCE:
        raise SystemExit(f"FAIL {name}: {framework}: max abs difference {diff:.3g} > {TOLERANCE}")


def check_model(cli, data_dir, work, name, spec, images):
    paths = {f: os.path.join(work, f) for f in
             ("model.onnx", "engine.json", "model_pytorch.py", "model_keras.py")}
    mnist_train(cli, "--data", data_dir, "--model", spec, "--limit", "512", "--epochs", "1",
                "--limit-test", str(TEST_IMAGES), "--export-onnx", paths["model.onnx"],
                "--export-pytorch", paths["model_pytorch.py"],
                "--export-keras", paths["model_keras.py"], "--predict-json", paths["engine.json"])
    engine = np.array(json.load(open(paths["engine.json"]))["probabilities"])
    print(f"{name}: {spec}")
    compare(name, "PyTorch", pytorch_outputs(paths["model_pytorch.py"], paths["model.onnx"],
                                             images), engine)
    compare(name, "Keras (numpy)", keras_outputs(paths["model_keras.py"], paths["model.onnx"],
                                                 images), engine)
    return paths


def run_as_script(paths):
    done = subprocess.run([sys.executable, paths["model_pytorch.py"], paths["model.onnx"]],
                          capture_output=True, text=True)
    if done.returncode != 0 or "argmax" not in done.stdout:
        raise SystemExit(f"FAIL: the PyTorch file as a script: {done.stderr.strip()}")
    print(f"the PyTorch file as a script: {done.stdout.strip()}")


def main():
    cli, data_dir = sys.argv[1], sys.argv[2]
    start = time.time()
    images = test_images(data_dir, TEST_IMAGES)
    torch.set_num_threads(1)
    with tempfile.TemporaryDirectory() as work:
        for index, (name, spec) in enumerate(MODELS.items()):
            paths = check_model(cli, data_dir, work, name, spec, images)
            if index == 0:
                run_as_script(paths)
    print(f"OK: {len(MODELS)} models in PyTorch and Keras, {time.time() - start:.1f} s")


if __name__ == "__main__":
    main()
