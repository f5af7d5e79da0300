"""mnist-train --export-onnx, checked from outside the engine: for each model below, train briefly,
export to ONNX and write the engine's probabilities for the first test images (--predict-json);
then onnx.checker.check_model(full_check=True) must accept the file, and the graph, evaluated by
onnx_numpy.py (an independent numpy reading of the ops), must give the engine's probabilities to
within 1e-4. One model is also exported again from its --save'd file (--load): the same bytes.

Usage: check_onnx.py PATH/TO/mnist-train DATA_DIR
Exit code 77 (ctest: skipped) when python3-onnx is not installed; any other problem fails."""
import gzip
import json
import os
import subprocess
import sys
import tempfile
import time

try:
    import onnx
except ImportError:
    print("SKIP: python3-onnx is not installed (apt-get install python3-onnx python3-numpy, "
          "or run scripts/setup.sh)")
    sys.exit(77)
import numpy as np

sys.dont_write_bytecode = True  # no __pycache__ left in the source tree
import onnx_numpy  # noqa: E402

TEST_IMAGES = 100
TOLERANCE = 1e-4
MODELS = {
    "seed MLP": "dense:256:relu,dense:10:softmax",
    "CNN small": "conv:8:5x5:relu,maxpool:2,conv:16:5x5:relu,maxpool:2,flatten,dense:10:softmax",
    # same padding (symmetric, then split 1 + 2), strides, pooling with stride != size, every
    # activation, dropout at inference, dense reading an image without flatten
    "every op": "conv:6:3x3:same:leaky_relu:0.1,avgpool:3:s2,conv:12:4x4:s2:same:tanh,"
                "maxpool:2:s1,dropout:0.25,dense:32:sigmoid,dropout:0.5,dense:10:softmax",
}


def test_images(data_dir, count):
    """The first `count` test images as the engine sees them: (count, 1, 28, 28), pixel / 255."""
    path = os.path.join(data_dir, "t10k-images-idx3-ubyte")
    raw = open(path, "rb").read() if os.path.exists(path) else gzip.open(path + ".gz").read()
    rows, cols = int.from_bytes(raw[8:12], "big"), int.from_bytes(raw[12:16], "big")
    pixels = np.frombuffer(raw, np.uint8, count * rows * cols, 16)
    return (pixels.astype(np.float32) * np.float32(1 / 255)).reshape(count, 1, rows, cols)


def mnist_train(cli, *args):
    done = subprocess.run([cli, "--no-progress", "--json", *args], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"FAIL: mnist-train {' '.join(args)}: {done.stderr.strip()}")


def check_model(cli, data_dir, work, name, spec, images):
    onnx_path, json_path, model_path = (os.path.join(work, f) for f in
                                        ("model.onnx", "engine.json", "model.bin"))
    mnist_train(cli, "--data", data_dir, "--model", spec, "--limit", "1000", "--epochs", "1",
                "--limit-test", str(TEST_IMAGES), "--save", model_path,
                "--export-onnx", onnx_path, "--predict-json", json_path)
    model = onnx.load(onnx_path)
    onnx.checker.check_model(model, full_check=True)
    engine = np.array(json.load(open(json_path))["probabilities"])
    reference = onnx_numpy.run(model, images)
    if reference.shape != engine.shape:
        raise SystemExit(f"FAIL {name}: ONNX output {reference.shape}, engine {engine.shape}")
    diff = float(np.abs(reference - engine).max())
    ops = sorted({n.op_type for n in model.graph.node})
    print(f"{name}: {spec}\n  max |ONNX - engine| = {diff:.3g} over {TEST_IMAGES} images; "
          f"ops {', '.join(ops)}")
    if not diff <= TOLERANCE:
        raise SystemExit(f"FAIL {name}: max abs difference {diff:.3g} > {TOLERANCE}")
    return model_path, onnx_path, set(ops)


def main():
    cli, data_dir = sys.argv[1], sys.argv[2]
    start = time.time()
    images = test_images(data_dir, TEST_IMAGES)
    used = set()
    with tempfile.TemporaryDirectory() as work:
        for name, spec in MODELS.items():
            model_path, onnx_path, ops = check_model(cli, data_dir, work, name, spec, images)
            used |= ops
        # The last model again, loaded from its file: the export depends on the weights alone.
        again = os.path.join(work, "again.onnx")
        mnist_train(cli, "--data", data_dir, "--load", model_path, "--limit-test", "1",
                    "--export-onnx", again)
        if open(again, "rb").read() != open(onnx_path, "rb").read():
            raise SystemExit("FAIL: --load MODEL --export-onnx wrote different bytes")
    untested = set(onnx_numpy.OPS) - used
    if untested:
        raise SystemExit(f"FAIL: no model exercises {sorted(untested)}")
    print(f"OK: {len(MODELS)} models, every op the exporter emits, {time.time() - start:.1f} s")


if __name__ == "__main__":
    main()
