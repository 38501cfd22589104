#!/usr/bin/python3
"""Writes the Keras weight-file fixtures of cxr4j-pretrained's tests, and the expected outputs.

Run from this folder with Debian's python3-h5py and python3-numpy (no Keras, no TensorFlow):

    /usr/bin/python3 make_fixtures.py

The network is VGG-shaped and scaled down: block1 has two 3x3 convolutions (3 -> 4 -> 4 channels),
block2 three (4 -> 5 -> 5 -> 5), each block ends in a 2x2 max pool, every convolution uses 'same'
padding and ReLU, as Keras's VGG16 does. Its weights are drawn from a fixed seed.

The files follow the layout Keras's `save_weights` writes, which `load_weights` reads:
- root attribute `layer_names`: every layer's name in model order, including the input and the
  pooling layers, as fixed-length byte strings;
- one group per layer, with the attribute `weight_names` (empty for layers without weights) and
  one dataset per weight at `<layer group>/<weight name>`: the kernel in HWIO order
  (height, width, in, out), then the bias (out), float32.

Two spellings of the weight names are written. `vgg-tiny.h5` uses the flat names of the Keras 1
era that wrote VGG16's published file (`block1_conv1_W_1:0`, `block1_conv1_b_1:0`); `vgg-tiny-
nested.h5` uses the names of later Keras 2 (`block1_conv1/kernel:0`), whose '/' makes h5py create
a nested group, as Keras 2's files have.

`vgg-tiny-expected.txt` holds a fixed input in Keras's convention (NHWC, batch 1, 8x8x3) and the
network's output on it (NHWC, 1x2x2x5), both computed here with numpy only, in float64 from the
float32 weights. The Java test applies the weights it loads to the same input with its own
convolution in cxr4j's channel-first layout; a wrong layer order, kernel transposition, bias or
channel order changes the numbers.

Four broken files are written too: `vgg-tiny-wrong-shape.h5` (block2_conv1's kernel expects 3
input channels instead of 4), `vgg-tiny-missing-layer.h5` (no block2_conv3), `vgg-tiny-wrong-
order.h5` (`layer_names` lists block2_conv3 before block2_conv2, whose shapes are the same) and
`vgg-tiny-theano.h5` (the root attribute `backend` says theano, whose kernels are flipped).
"""

import h5py
import numpy as np

BLOCKS = [("block1", [(3, 4), (4, 4)]), ("block2", [(4, 5), (5, 5), (5, 5)])]
SIDE = 8


def layers():
    """The model's layers in order: (name, (in, out) or None for a layer without weights)."""
    result = [("input_1", None)]
    for block, convolutions in BLOCKS:
        for index, channels in enumerate(convolutions, start=1):
            result.append((f"{block}_conv{index}", channels))
        result.append((f"{block}_pool", None))
    return result


def weights(rng):
    """Kernel (HWIO) and bias of every convolution, float32, by layer name."""
    values = {}
    for name, channels in layers():
        if channels is None:
            continue
        cin, cout = channels
        kernel = rng.normal(0.0, np.sqrt(2.0 / (9 * cin)), size=(3, 3, cin, cout)).astype(np.float32)
        bias = rng.normal(0.05, 0.1, size=(cout,)).astype(np.float32)
        values[name] = (kernel, bias)
    return values


def conv_same_relu(x, kernel, bias):
    """Keras Conv2D(padding='same', activation='relu') on one NHWC image (H, W, C)."""
    height, width, _ = x.shape
    kh, kw, _, cout = kernel.shape
    padded = np.pad(x, ((kh // 2, kh // 2), (kw // 2, kw // 2), (0, 0)))
    out = np.zeros((height, width, cout))
    for y in range(height):
        for x_ in range(width):
            window = padded[y:y + kh, x_:x_ + kw, :]
            out[y, x_, :] = np.tensordot(window, kernel, axes=([0, 1, 2], [0, 1, 2])) + bias
    return np.maximum(out, 0.0)


def max_pool(x):
    """Keras MaxPooling2D((2, 2), strides=(2, 2)) on one NHWC image."""
    height, width, channels = x.shape
    return x[:height // 2 * 2, :width // 2 * 2, :].reshape(height // 2, 2, width // 2, 2, channels).max(axis=(1, 3))


def forward(image, values):
    x = image.astype(np.float64)
    for name, channels in layers():
        if name.endswith("_pool"):
            x = max_pool(x)
        elif channels is not None:
            kernel, bias = values[name]
            x = conv_same_relu(x, kernel.astype(np.float64), bias.astype(np.float64))
    return x


def weight_names(layer, nested):
    if nested:
        return [f"{layer}/kernel:0", f"{layer}/bias:0"]
    return [f"{layer}_W_1:0", f"{layer}_b_1:0"]


def strings(texts, nested):
    """Strings as the Keras era of each spelling stored them: h5py 2 turned a list of bytes into
    fixed-length strings, h5py 3 (which later Keras 2 used) into variable-length ones."""
    encoded = [t.encode("utf8") for t in texts]
    return encoded if nested else np.array(encoded, dtype=np.bytes_)


def write(path, values, nested=False, backend="tensorflow", skip=(), override=None, swap=None):
    """A weight file as Keras writes it; `skip` leaves layers out, `override` replaces weights,
    `swap` exchanges two layers' places in `layer_names`."""
    override = override or {}
    with h5py.File(path, "w") as f:
        names = [name for name, _ in layers() if name not in skip]
        if swap:
            first, second = names.index(swap[0]), names.index(swap[1])
            names[first], names[second] = names[second], names[first]
        f.attrs["layer_names"] = strings(names, nested)
        f.attrs["backend"] = np.bytes_(backend) if not nested else backend
        f.attrs["keras_version"] = np.bytes_("1.2.2") if not nested else "2.15.0"
        for name, channels in layers():
            if name in skip:
                continue
            group = f.create_group(name)
            if channels is None:
                group.attrs["weight_names"] = []
                continue
            tensors = override.get(name, values[name])
            wnames = weight_names(name, nested)
            group.attrs["weight_names"] = strings(wnames, nested)
            for wname, value in zip(wnames, tensors):
                dataset = group.create_dataset(wname, value.shape, dtype=value.dtype, track_times=False)
                dataset[:] = value


def write_array(out, label, array):
    out.write(label + " " + " ".join(str(d) for d in array.shape) + "\n")
    for value in array.reshape(-1):
        out.write(repr(float(value)) + "\n")


def main():
    rng = np.random.default_rng(20261207)
    values = weights(rng)
    image = rng.uniform(0.0, 1.0, size=(SIDE, SIDE, 3)).astype(np.float32)
    output = forward(image, values)

    write("vgg-tiny.h5", values)
    write("vgg-tiny-nested.h5", values, nested=True)
    kernel, bias = values["block2_conv1"]
    write("vgg-tiny-wrong-shape.h5", values,
          override={"block2_conv1": (kernel[:, :, :3, :].copy(), bias)})
    write("vgg-tiny-missing-layer.h5", values, skip=("block2_conv3",))
    write("vgg-tiny-theano.h5", values, backend="theano")
    write("vgg-tiny-wrong-order.h5", values, swap=("block2_conv2", "block2_conv3"))
    with open("vgg-tiny-expected.txt", "w") as out:
        out.write("# Written by make_fixtures.py: input and output of vgg-tiny.h5's network, NHWC.\n")
        write_array(out, "input", image[np.newaxis])
        write_array(out, "output", output[np.newaxis])


if __name__ == "__main__":
    main()
