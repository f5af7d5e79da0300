"""A numpy stand-in for the part of tf.keras the generated Keras code uses (TensorFlow is not
installed here), written from Keras' documented semantics, channels_last: install() makes
`from tensorflow import keras` and `from tensorflow.keras import layers` find it, so the
generated file runs unchanged, weight loading included. Computes in float64."""
import sys
import types

import numpy as np


def _windows(x, kh, kw, stride):
    """Every (ky, kx) offset's strided view of x (N, H, W, C) over the output grid, valid only."""
    oh, ow = (x.shape[1] - kh) // stride + 1, (x.shape[2] - kw) // stride + 1
    for ky in range(kh):
        for kx in range(kw):
            yield ky, kx, x[:, ky:ky + stride * (oh - 1) + 1:stride,
                            kx:kx + stride * (ow - 1) + 1:stride, :]


class Layer:
    def __init__(self, name=None):
        self.name = name

    def set_weights(self, values):
        raise ValueError(f"layer {self.name} has no weights")


class Conv2D(Layer):
    def __init__(self, filters, kernel_size, strides=1, padding="valid", name=None):
        super().__init__(name)
        self.filters, self.kernel_size, self.strides, self.padding = (
            filters, tuple(kernel_size), strides, padding)
        self.kernel = None

    def set_weights(self, values):
        kernel, self.bias = values
        if kernel.shape[:2] != self.kernel_size or kernel.shape[3] != self.filters:
            raise ValueError(f"{self.name}: kernel {kernel.shape} for {self.kernel_size}, "
                             f"{self.filters} filters")
        self.kernel = kernel.astype(np.float64)

    def __call__(self, x, training=False):
        (kh, kw), s = self.kernel_size, self.strides
        if self.padding == "same":  # TensorFlow: out = ceil(in / s), the odd zero after
            pads = [max((-(-size // s) - 1) * s + k - size, 0)
                    for size, k in ((x.shape[1], kh), (x.shape[2], kw))]
            x = np.pad(x, ((0, 0), (pads[0] // 2, pads[0] - pads[0] // 2),
                           (pads[1] // 2, pads[1] - pads[1] // 2), (0, 0)))
        y = sum(patch @ self.kernel[ky, kx] for ky, kx, patch in _windows(x, kh, kw, s))
        return y + self.bias


class _Pooling2D(Layer):
    def __init__(self, pool_size, strides=None, padding="valid", name=None):
        super().__init__(name)
        assert padding == "valid"
        self.size, self.strides = pool_size, strides or pool_size

    def __call__(self, x, training=False):
        views = [v for _, _, v in _windows(x, self.size, self.size, self.strides)]
        return self.reduce(np.stack(views), axis=0)


class MaxPooling2D(_Pooling2D):
    reduce = staticmethod(np.max)


class AveragePooling2D(_Pooling2D):
    reduce = staticmethod(np.mean)


class Permute(Layer):
    def __init__(self, dims, name=None):
        super().__init__(name)
        self.dims = dims

    def __call__(self, x, training=False):
        return x.transpose(0, *self.dims)


class Flatten(Layer):
    def __call__(self, x, training=False):
        return x.reshape(len(x), -1)


class Dense(Layer):
    def __init__(self, units, name=None):
        super().__init__(name)
        self.units, self.kernel = units, None

    def set_weights(self, values):
        kernel, self.bias = values
        if kernel.shape[1] != self.units:
            raise ValueError(f"{self.name}: kernel {kernel.shape} for {self.units} units")
        self.kernel = kernel.astype(np.float64)

    def __call__(self, x, training=False):
        if x.shape[1] != self.kernel.shape[0]:
            raise ValueError(f"{self.name}: input {x.shape} for kernel {self.kernel.shape}")
        return x @ self.kernel + self.bias


class Dropout(Layer):
    def __init__(self, rate, name=None):
        super().__init__(name)

    def __call__(self, x, training=False):
        assert not training
        return x


class ReLU(Layer):
    def __call__(self, x, training=False):
        return np.maximum(x, 0)


class LeakyReLU(Layer):
    def __init__(self, alpha=0.3, name=None):
        super().__init__(name)
        self.alpha = alpha

    def __call__(self, x, training=False):
        return np.where(x >= 0, x, self.alpha * x)


class Activation(Layer):
    FUNCTIONS = {"sigmoid": lambda x: 1 / (1 + np.exp(-x)), "tanh": np.tanh}

    def __init__(self, activation, name=None):
        super().__init__(name)
        self.function = self.FUNCTIONS[activation]

    def __call__(self, x, training=False):
        return self.function(x)


class Softmax(Layer):
    def __call__(self, x, training=False):
        e = np.exp(x - x.max(axis=-1, keepdims=True))
        return e / e.sum(axis=-1, keepdims=True)


class Input:
    def __init__(self, shape):
        self.shape = tuple(shape)


class Sequential:
    def __init__(self, items, name=None):
        self.input, *self.layers = items
        names = [layer.name for layer in self.layers]
        if len(set(names)) != len(names):
            raise ValueError(f"layer names are not unique: {names}")

    def get_layer(self, name):
        return next(layer for layer in self.layers if layer.name == name)

    def __call__(self, x, training=False):
        if x.shape[1:] != self.input.shape:
            raise ValueError(f"input {x.shape[1:]}, model expects {self.input.shape}")
        x = x.astype(np.float64)
        for layer in self.layers:
            x = layer(x, training=training)
        return x


def install():
    """Registers the stand-in as the modules tensorflow, tensorflow.keras(.layers)."""
    layers = types.ModuleType("tensorflow.keras.layers")
    for cls in (Conv2D, MaxPooling2D, AveragePooling2D, Permute, Flatten, Dense, Dropout, ReLU,
                LeakyReLU, Activation, Softmax):
        setattr(layers, cls.__name__, cls)
    keras = types.ModuleType("tensorflow.keras")
    keras.layers, keras.Input, keras.Sequential = layers, Input, Sequential
    tensorflow = types.ModuleType("tensorflow")
    tensorflow.keras = keras
    sys.modules.update({"tensorflow": tensorflow, "tensorflow.keras": keras,
                        "tensorflow.keras.layers": layers})
