"""A reference evaluator for the ONNX graphs mnist-train exports: exactly the ops
core/io/onnx_export.cpp emits, written from the ONNX operator specification (opset 13) in plain
numpy, in float64, so the engine's float32 output is compared with an independent computation.
Anything else (another op, an attribute this file does not implement) is an error, not a guess."""
import numpy as np
from onnx import helper, numpy_helper


def _windows(x, kh, kw, stride, out_h, out_w):
    """Yields (ky, kx, view): x's values under kernel offset (ky, kx) for every output position,
    (N, C, out_h, out_w)."""
    for ky in range(kh):
        for kx in range(kw):
            yield ky, kx, x[:, :, ky:ky + stride[0] * (out_h - 1) + 1:stride[0],
                            kx:kx + stride[1] * (out_w - 1) + 1:stride[1]]


def _out_size(size, pad, kernel, stride):
    return (size + pad - kernel) // stride + 1  # floor: ceil_mode 0


def _check(attrs, allowed, op):
    unknown = set(attrs) - set(allowed)
    if unknown:
        raise ValueError(f"{op}: attributes {sorted(unknown)} are not implemented here")


def conv(x, w, b, attrs):
    _check(attrs, {"kernel_shape", "strides", "pads"}, "Conv")
    kh, kw = attrs.get("kernel_shape", w.shape[2:])
    stride = attrs.get("strides", [1, 1])
    top, left, bottom, right = attrs.get("pads", [0, 0, 0, 0])
    x = np.pad(x, ((0, 0), (0, 0), (top, bottom), (left, right)))
    out_h = _out_size(x.shape[2], 0, kh, stride[0])
    out_w = _out_size(x.shape[3], 0, kw, stride[1])
    y = np.zeros((x.shape[0], w.shape[0], out_h, out_w))
    for ky, kx, view in _windows(x, kh, kw, stride, out_h, out_w):
        y += np.einsum("nchw,fc->nfhw", view, w[:, :, ky, kx])  # cross-correlation: no flip
    return y + b.reshape(1, -1, 1, 1)


def pool(x, attrs, reduce, op):
    _check(attrs, {"kernel_shape", "strides"}, op)
    kh, kw = attrs["kernel_shape"]
    stride = attrs.get("strides", [1, 1])
    out_h = _out_size(x.shape[2], 0, kh, stride[0])
    out_w = _out_size(x.shape[3], 0, kw, stride[1])
    views = np.stack([v for _, _, v in _windows(x, kh, kw, stride, out_h, out_w)])
    return reduce(views, axis=0)


def gemm(a, b, c, attrs):
    _check(attrs, {"transB"}, "Gemm")
    if attrs.get("transB", 0):
        b = b.T
    return a @ b + c


def softmax(x, attrs):
    _check(attrs, {"axis"}, "Softmax")
    axis = attrs.get("axis", -1)
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def flatten(x, attrs):
    _check(attrs, {"axis"}, "Flatten")
    axis = attrs.get("axis", 1)
    return x.reshape(int(np.prod(x.shape[:axis])), -1)


def leaky_relu(x, attrs):
    _check(attrs, {"alpha"}, "LeakyRelu")
    return np.where(x > 0, x, attrs.get("alpha", 0.01) * x)


OPS = {
    "Gemm": lambda i, a: gemm(*i, a),
    "Conv": lambda i, a: conv(*i, a),
    "MaxPool": lambda i, a: pool(i[0], a, np.max, "MaxPool"),
    "AveragePool": lambda i, a: pool(i[0], a, np.mean, "AveragePool"),
    "Flatten": lambda i, a: flatten(i[0], a),
    "Relu": lambda i, a: np.maximum(i[0], 0),
    "LeakyRelu": lambda i, a: leaky_relu(i[0], a),
    "Sigmoid": lambda i, a: 1 / (1 + np.exp(-i[0])),
    "Tanh": lambda i, a: np.tanh(i[0]),
    "Softmax": lambda i, a: softmax(i[0], a),
    "Identity": lambda i, a: i[0],
}


def run(model, x):
    """The graph's single output for the single input x (N, C, H, W)."""
    graph = model.graph
    values = {t.name: numpy_helper.to_array(t).astype(np.float64) for t in graph.initializer}
    values[graph.input[0].name] = x.astype(np.float64)
    for node in graph.node:
        if node.op_type not in OPS:
            raise ValueError(f"op {node.op_type} ({node.name}) is not implemented here")
        attrs = {a.name: helper.get_attribute_value(a) for a in node.attribute}
        values[node.output[0]] = OPS[node.op_type]([values[i] for i in node.input], attrs)
    return values[graph.output[0].name]
