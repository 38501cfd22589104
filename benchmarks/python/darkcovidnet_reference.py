#!/usr/bin/env python3
"""Python PyTorch reference for cxr4j's benchmarks (issue 6).

Builds the same DarkCovidNet as cxr4j's engine-pytorch (Architectures.darkCovidNet) and times, with
the usual Python pipeline:
  (a) step:    a full training step (forward, weighted cross-entropy, backward, Adam) on an
               in-memory batch of seeded random tensors;
  (b) epoch:   a training epoch over the real darkcovidnet image files: PIL decode, resize,
               torchvision augmentation, torch.utils.data.DataLoader with worker processes;
  (c) latency: batch-1 inference from image file to class probabilities.

Settings mirror cxr4j's defaults: Adam lr 1e-3 without weight decay, balanced class weights over
the three darkcovidnet classes, batch 32, stretch resize, values in [0, 1], gray repeated to 3
channels for 3xN inputs, augmentation of up to 10 degrees rotation and 10% zoom, shift,
brightness and contrast.

Before timing anything it checks the BLAS that numpy and torch load (see blas_report): a process
that loads Debian's reference BLAS (libblas3, what `apt-get install python3-torch` brings unless an
optimised BLAS is installed) runs float32 GEMM about 30 times slower, which would compare cxr4j with a
handicapped Python; such a run is refused, and so is a BLAS whose float32 products are wrong on this
CPU. --check-blas runs only that check.

Prints one JSON object on stdout; progress goes to stderr. Exits 0 with "skipped: no torch" where
torch (or PIL/torchvision) is missing, 2 where the BLAS is refused.
"""
import argparse
import json
import os
import platform
import random
import statistics
import sys
import time

CLASS_FOLDERS = {"Covid-19": 0, "No_findings": 1, "Pneumonia": 2}
SEED = 42
# File names of BLAS and LAPACK libraries as /proc/self/maps shows them (symbolic links resolved).
BLAS_NAMES = ("libblas", "libcblas", "liblapack", "libopenblas", "libblis", "libmkl", "libatlas", "libsatlas",
              "libtatlas", "libflexiblas")
# Debian's reference BLAS and LAPACK (libblas3, liblapack3) live in these folders; the optimised ones in
# openblas-pthread/, openblas-openmp/, blis-pthread/, atlas/ and so on.
REFERENCE_FOLDERS = ("/blas/", "/lapack/")


def log(message):
    print(message, file=sys.stderr, flush=True)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default=os.environ.get("CXR4J_DATA_DIR"),
                        help="folder holding darkcovidnet/ (default: $CXR4J_DATA_DIR)")
    parser.add_argument("--inputs", default="1x224,3x224,3x256",
                        help="channels x side, comma separated: the inputs of the training step (a)")
    parser.add_argument("--epoch-inputs", help="inputs of the epoch (b); default: --inputs")
    parser.add_argument("--latency-inputs", help="inputs of the latency (c); default: --inputs")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--threads", type=int, default=os.cpu_count(), help="torch intra-op threads")
    parser.add_argument("--workers", type=int, default=os.cpu_count(), help="DataLoader worker processes")
    parser.add_argument("--warmup-steps", type=int, default=3)
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--epochs", type=int, default=3, help="timed epochs (after one warm-up epoch)")
    parser.add_argument("--images", type=int, default=0, help="images per epoch, 0 = all (small only for smoke runs)")
    parser.add_argument("--latency-images", type=int, default=200)
    parser.add_argument("--only", default="step,epoch,latency", help="which of step,epoch,latency to run")
    parser.add_argument("--step-variants", default="float32",
                        help="training-step variants, comma separated: float32 (the usual), channels_last,"
                             " bfloat16 (torch.autocast on CPU), channels_last+bfloat16")
    parser.add_argument("--check-blas", action="store_true",
                        help="only check the BLAS that numpy and torch load and print what was found")
    return parser.parse_args()


def main():
    args = parse_args()
    try:
        import torch  # noqa: F401
        import torchvision  # noqa: F401
        from PIL import Image  # noqa: F401
    except ImportError as e:
        log("skipped: no torch (%s)" % e)
        print(json.dumps({"skipped": "no torch", "reason": str(e)}))
        return 0
    import torch
    torch.set_num_threads(args.threads)
    blas = blas_report()
    refusal = blas_refusal(blas)
    if refusal:
        log(refusal)
        return 2
    if args.check_blas:
        print(json.dumps(blas, indent=1))
        return 0
    torch.manual_seed(SEED)
    random.seed(SEED)
    results = {
        "tool": "python-pytorch",
        "torch": torch.__version__,
        "python": platform.python_version(),
        "threads": torch.get_num_threads(),
        "interop_threads": torch.get_num_interop_threads(),
        "omp_wait_policy": os.environ.get("OMP_WAIT_POLICY", "unset"),
        "workers": args.workers,
        "batch_size": args.batch_size,
        "blas": blas,
        "results": [],
    }
    only = set(args.only.split(","))
    files = list_files(args.data) if ({"epoch", "latency"} & only) else []
    step_variants = args.step_variants.split(",")
    runs = (("step", args.inputs, lambda c, s: [time_step(args, c, s, v) for v in step_variants]),
            ("epoch", args.epoch_inputs or args.inputs, lambda c, s: [time_epoch(args, files, c, s)]),
            ("latency", args.latency_inputs or args.inputs, lambda c, s: [time_latency(args, files, c, s)]))
    for name, inputs, run in runs:
        if name in only:
            for text in inputs.split(","):
                channels, side = (int(v) for v in text.split("x"))
                results["results"].extend(run(channels, side))
    print(json.dumps(results, indent=1))
    return 0


def blas_report():
    """Which BLAS and LAPACK libraries this process has loaded, whether its float32 matrix products are
    right, and how fast they run.

    The libraries come from /proc/self/maps after numpy and torch have multiplied matrices, so they are
    the files the dynamic linker really chose (libblas.so.3 is Debian's update-alternatives link; a
    LD_LIBRARY_PATH can override it); threadpoolctl, where installed, adds OpenBLAS's version and the
    kernel it chose for this CPU (OPENBLAS_CORETYPE forces one).
    """
    import numpy
    import torch
    generator = numpy.random.default_rng(SEED)
    a = generator.uniform(-1, 1, (256, 256)).astype(numpy.float32)
    b = generator.uniform(-1, 1, (256, 256)).astype(numpy.float32)
    exact = a.astype(numpy.float64) @ b.astype(numpy.float64)
    # Worst case of a float32 dot product of length n: |error| <= n * u * (|A| |B|), u = 2^-24.
    scale = numpy.abs(a).astype(numpy.float64) @ numpy.abs(b).astype(numpy.float64)
    bound = a.shape[1] * 2.0 ** -24

    def relative_error(product):
        return float(numpy.max(numpy.abs(product.astype(numpy.float64) - exact) / scale))

    errors = {"numpy": relative_error(a @ b),
              "torch": relative_error((torch.from_numpy(a) @ torch.from_numpy(b)).numpy())}
    big = generator.uniform(-1, 1, (1024, 1024)).astype(numpy.float32)
    seconds = []
    for _ in range(3):
        start = time.perf_counter()
        big @ big
        seconds.append(time.perf_counter() - start)
    with open("/proc/self/maps") as maps:
        libraries = sorted({line.split()[-1] for line in maps
                            if os.path.basename(line.split()[-1]).startswith(BLAS_NAMES)})
    report = {
        "libraries": libraries,
        "reference": [path for path in libraries if any(folder in path for folder in REFERENCE_FOLDERS)],
        "sgemm_1024_gflops": 2 * 1024 ** 3 / min(seconds) / 1e9,
        "sgemm_256_relative_error": errors,
        "sgemm_256_error_bound": bound,
        "openblas_environment": {name: value for name, value in sorted(os.environ.items())
                                 if name.startswith("OPENBLAS_")},
    }
    try:
        from threadpoolctl import threadpool_info
        report["threadpoolctl"] = [info for info in threadpool_info() if info.get("user_api") == "blas"]
    except ImportError:
        report["threadpoolctl"] = "not installed (Debian: python3-threadpoolctl)"
    return report


def blas_refusal(blas):
    """Why a benchmark must not run with this BLAS, or None when it may."""
    if blas["reference"]:
        return ("Refusing to time the Python reference: numpy and torch loaded the reference BLAS %s, whose"
                " float32 matrix product runs at %.1f GFLOP/s here; a user runs Python with an optimised BLAS."
                " Install one (Debian: `apt-get install libopenblas0-pthread`, which update-alternatives then"
                " selects for libblas.so.3 and liblapack.so.3), or stop overriding it (LD_LIBRARY_PATH,"
                " `update-alternatives --config libblas.so.3-x86_64-linux-gnu`), and run again."
                % (", ".join(blas["reference"]), blas["sgemm_1024_gflops"]))
    wrong = {name: error for name, error in blas["sgemm_256_relative_error"].items()
             if not error <= blas["sgemm_256_error_bound"]}
    if wrong:
        kernels = ", ".join(str(info.get("architecture")) for info in blas["threadpoolctl"]) if isinstance(
            blas["threadpoolctl"], list) else "unknown"
        return ("Refusing to time the Python reference: the float32 matrix product of %s is wrong on this CPU"
                " (relative error %s, bound %.2g for a 256-long float32 dot product; BLAS %s, kernel %s,"
                " environment %s). Force another OpenBLAS kernel with OPENBLAS_CORETYPE (e.g. Haswell;"
                " benchmarks/run.sh passes PYTHON_OPENBLAS_CORETYPE on as it) or install another BLAS, and run"
                " again."
                % (", ".join(sorted(wrong)), ", ".join("%.3g" % e for e in wrong.values()),
                   blas["sgemm_256_error_bound"], ", ".join(blas["libraries"]) or "none found", kernels,
                   blas["openblas_environment"] or "no OPENBLAS_* variables"))
    return None


def list_files(data):
    if not data:
        raise SystemExit("Set CXR4J_DATA_DIR or --data to the folder that holds darkcovidnet/")
    root = os.path.join(data, "darkcovidnet")
    files = []
    for folder, label in CLASS_FOLDERS.items():
        for dirpath, _, names in os.walk(os.path.join(root, folder)):
            files.extend((os.path.join(dirpath, n), label) for n in sorted(names)
                         if n.lower().endswith((".jpg", ".jpeg", ".png")))
    files.sort()
    random.Random(SEED).shuffle(files)
    return files


def build_model(channels, side, classes=3):
    """cxr4j engine-pytorch's Architectures.darkCovidNet, layer for layer."""
    from torch import nn

    def conv(cin, cout, kernel):
        return [nn.Conv2d(cin, cout, kernel, padding=(kernel - 1) // 2, bias=False),
                nn.BatchNorm2d(cout), nn.LeakyReLU(0.1)]

    def triple(cin, small, big):
        # Architectures.tripleConv(in=small, out=big): conv(big,3), conv(small,1), conv(big,3)
        return conv(cin, big, 3) + conv(big, small, 1) + conv(small, big, 3)

    pool = nn.MaxPool2d(2, 2)
    layers = (conv(channels, 8, 3) + [pool]
              + conv(8, 16, 3) + [pool]
              + triple(16, 16, 32) + [pool]
              + triple(32, 32, 64) + [pool]
              + triple(64, 64, 128) + [pool]
              + triple(128, 128, 256)
              + conv(256, 128, 1)
              + conv(128, 256, 3)
              # fastai's conv_layer order in the head: convolution, ReLU, then batch norm.
              + [nn.Conv2d(256, classes, 3, padding=1, bias=False), nn.ReLU(), nn.BatchNorm2d(classes),
                 nn.Flatten(), nn.Linear(classes * (side // 32) ** 2, classes)])
    return nn.Sequential(*layers)


def class_weights(counts):
    # ClassWeighting.BALANCED: n / (classes * n_class)
    import torch
    total = sum(counts)
    return torch.tensor([total / (len(counts) * c) for c in counts], dtype=torch.float32)


def optimiser_and_loss(model, counts):
    import torch
    return (torch.optim.Adam(model.parameters(), lr=1e-3, weight_decay=0.0),
            torch.nn.CrossEntropyLoss(weight=class_weights(counts)))


def train_step(model, optimiser, loss_fn, x, y, bfloat16=False):
    import torch
    optimiser.zero_grad(set_to_none=True)
    with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bfloat16):
        logits = model(x)
    loss = loss_fn(logits.float(), y)
    loss.backward()
    optimiser.step()
    # .item() waits for the step, as cxr4j's TrainingSession.step returns the loss.
    return loss.item()


def summary(name, channels, side, unit, samples, images_per_sample):
    mean = statistics.fmean(samples)
    sd = statistics.stdev(samples) if len(samples) > 1 else 0.0
    return {"benchmark": name, "input": "%dx%d" % (channels, side), "unit": unit, "n": len(samples),
            "mean": mean, "stdev": sd, "min": min(samples), "max": max(samples),
            "images_per_second": images_per_sample / mean if mean > 0 else None}


def time_step(args, channels, side, variant="float32"):
    import torch
    if variant not in ("float32", "channels_last", "bfloat16", "channels_last+bfloat16"):
        raise SystemExit("unknown --step-variants entry %r" % variant)
    log("step %dx%d %s: %d warm-up + %d timed steps" % (channels, side, variant, args.warmup_steps, args.steps))
    model = build_model(channels, side).train()
    x = torch.rand(args.batch_size, channels, side, side, generator=torch.Generator().manual_seed(SEED))
    if "channels_last" in variant:
        model = model.to(memory_format=torch.channels_last)
        x = x.contiguous(memory_format=torch.channels_last)
    bfloat16 = "bfloat16" in variant
    optimiser, loss_fn = optimiser_and_loss(model, [125, 500, 500])
    y = torch.arange(args.batch_size) % 3
    for _ in range(args.warmup_steps):
        train_step(model, optimiser, loss_fn, x, y, bfloat16)
    times = []
    for _ in range(args.steps):
        start = time.perf_counter()
        train_step(model, optimiser, loss_fn, x, y, bfloat16)
        times.append((time.perf_counter() - start) * 1000)
    result = summary("step", channels, side, "ms/step", times, args.batch_size * 1000.0)
    result["variant"] = variant
    return result


def transforms(channels, side, train):
    from torchvision import transforms as t
    steps = [t.Resize((side, side), interpolation=t.InterpolationMode.BILINEAR, antialias=True)]
    if train:
        steps += [t.RandomAffine(degrees=10, translate=(0.1, 0.1), scale=(0.9, 1.1)),
                  t.ColorJitter(brightness=0.1, contrast=0.1)]
    steps += [t.Grayscale(num_output_channels=channels), t.ToTensor()]
    return t.Compose(steps)


class ImageFiles:
    """A map-style dataset over (path, label) pairs: PIL decode to gray, then the transforms."""

    def __init__(self, files, transform):
        self.files = files
        self.transform = transform

    def __len__(self):
        return len(self.files)

    def __getitem__(self, index):
        from PIL import Image
        path, label = self.files[index]
        with Image.open(path) as image:
            return self.transform(image.convert("L")), label


def time_epoch(args, files, channels, side):
    import torch
    from torch.utils.data import DataLoader
    subset = files[:args.images] if args.images > 0 else files
    counts = [max(1, sum(1 for _, label in subset if label == c)) for c in range(3)]
    log("epoch %dx%d: %d images, %d workers, 1 warm-up + %d timed epochs"
        % (channels, side, len(subset), args.workers, args.epochs))
    model = build_model(channels, side).train()
    optimiser, loss_fn = optimiser_and_loss(model, counts)
    loader = DataLoader(ImageFiles(subset, transforms(channels, side, True)), batch_size=args.batch_size,
                        shuffle=True, num_workers=args.workers, drop_last=False,
                        generator=torch.Generator().manual_seed(SEED))
    times = []
    for epoch in range(args.epochs + 1):
        start = time.perf_counter()
        for x, y in loader:
            train_step(model, optimiser, loss_fn, x, y)
        if epoch > 0:
            times.append(time.perf_counter() - start)
    return summary("epoch", channels, side, "s/epoch", times, len(subset))


def time_latency(args, files, channels, side):
    import torch
    from PIL import Image
    model = build_model(channels, side).eval()
    transform = transforms(channels, side, False)
    subset = files[:args.latency_images]
    log("latency %dx%d: %d images (first 10 are warm-up)" % (channels, side, len(subset)))

    def predict(path):
        with Image.open(path) as image:
            x = transform(image.convert("L")).unsqueeze(0)
        with torch.inference_mode():
            return torch.softmax(model(x), dim=1)[0].tolist()

    for path, _ in subset[:10]:
        predict(path)
    times = []
    for path, _ in subset[10:] or subset:
        start = time.perf_counter()
        predict(path)
        times.append((time.perf_counter() - start) * 1000)
    result = summary("latency", channels, side, "ms/image", times, 1000.0)
    ordered = sorted(times)
    result["p50"] = ordered[len(ordered) // 2]
    result["p90"] = ordered[min(len(ordered) - 1, int(len(ordered) * 0.9))]
    return result


if __name__ == "__main__":
    sys.exit(main())
