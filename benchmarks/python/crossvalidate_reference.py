#!/usr/bin/env python3
"""Python PyTorch accuracy reference for cxr4j's cross-validation (issue 4).

Trains DarkCovidNet (the network of darkcovidnet_reference.py) on the very folds a `cxr4j.jar
cross-validate` run saved (its folds.tsv, or the folds.json of earlier versions), with the usual Python
pipeline, to answer outside cxr4j:
does cxr4j's Java training reach what plain PyTorch reaches with the same network and recipe, and
if not, which part of the pipeline makes the difference (--init, --augment, --brightness,
--interpolation switch one part at a time)?

The recipe mirrors cxr4j's `--resize pad --image-size 128 --batch-size 32 --learning-rate 0.003
--schedule cosine --weight-decay 0.0005 --validation-fraction 0`: gray images padded to a square
with black bars and resized with antialiasing, values in [0, 1], torchvision augmentation of up to
10 degrees rotation and 10% zoom, shift, brightness and contrast, Adam with L2 weight decay (as
DJL's Adam), cosine decay per step from the base rate to 1% of it, balanced class weights,
bfloat16 autocast unless --float32. No epoch or threshold is chosen on a test fold: every fold
trains for --epochs epochs and is tested once, with the arg-max class.

Prints one JSON object on stdout (per-fold and pooled counts, per-image predictions) and progress
on stderr.
"""
import argparse
import json
import math
import os
import platform
import random
import sys
import time

from darkcovidnet_reference import build_model as build_darkcovidnet, class_weights, log, train_step

FOLDERS = {"binary": {"covid": ["Covid-19"], "normal": ["No_findings"]},
           "three-class": {"covid": ["Covid-19"], "normal": ["No_findings"], "pneumonia": ["Pneumonia"]}}


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--folds-file", required=True, help="folds.tsv (or an earlier folds.json) written by cxr4j cross-validate")
    parser.add_argument("--data", default=os.environ.get("CXR4J_DATA_DIR"),
                        help="folder holding darkcovidnet/ (default: $CXR4J_DATA_DIR)")
    parser.add_argument("--image-size", type=int, default=128)
    parser.add_argument("--epochs", type=int, default=60)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--learning-rate", type=float, default=3e-3)
    parser.add_argument("--weight-decay", type=float, default=5e-4)
    parser.add_argument("--only-folds", default="", help="comma-separated fold numbers to run (default: all)")
    parser.add_argument("--init", choices=("pytorch", "djl"), default="pytorch",
                        help="initial weights: PyTorch's defaults, or DJL's (normal, std sqrt(2 / fan-in), zero biases)"
                             " as both cxr4j engines use")
    parser.add_argument("--augment", choices=("torchvision", "cxr4j"), default="torchvision",
                        help="torchvision's RandomAffine and ColorJitter, or cxr4j's Augmenter re-created in torch"
                             " (its defaults below re-create the Augmenter as it was until 2026-11-30; with"
                             " --brightness multiplicative --interpolation nearest it is today's Augmenter)")
    parser.add_argument("--brightness", choices=("additive", "multiplicative"), default="additive",
                        help="with --augment cxr4j: brightness as an offset of up to 0.1, as cxr4j's Augmenter until 2026-11-30,"
                             " or a factor of 0.9-1.1, as torchvision's ColorJitter and cxr4j's Augmenter now")
    parser.add_argument("--interpolation", choices=("bilinear", "nearest"), default="bilinear",
                        help="with --augment cxr4j: how the affine warp samples the image: bilinear, as cxr4j's"
                             " Augmenter until 2026-11-30, or the nearest pixel, as torchvision's RandomAffine and"
                             " cxr4j's Augmenter now")
    parser.add_argument("--float32", action="store_true", help="train in float32 instead of bfloat16 autocast")
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--seed", type=int, default=42)
    return parser.parse_args()


def djl_init(model):
    """DJL's XavierInitializer(GAUSSIAN, IN, 2) for every weight, zero biases, as cxr4j's engines."""
    from torch import nn
    for module in model.modules():
        if isinstance(module, (nn.Conv2d, nn.Linear)):
            fan_in = module.weight[0].numel()
            nn.init.normal_(module.weight, std=math.sqrt(2.0 / fan_in))
            if module.bias is not None:
                nn.init.zeros_(module.bias)
    return model


def load_image(path, side):
    """Gray, padded to a square with black bars, antialiased resize, as cxr4j's --resize pad."""
    from PIL import Image
    with Image.open(path) as image:
        gray = image.convert("L")
    square = max(gray.size)
    canvas = Image.new("L", (square, square), 0)
    canvas.paste(gray, ((square - gray.width) // 2, (square - gray.height) // 2))
    return canvas.resize((side, side), Image.BILINEAR, reducing_gap=None)


def folder_labels(data, dataset, labels, class_names):
    """Maps each image path relative to the data-set folder to its class index."""
    root = os.path.join(data, dataset)
    mapping = {}
    for index, name in enumerate(class_names):
        for folder in FOLDERS[labels][name]:
            for file_name in os.listdir(os.path.join(root, folder)):
                mapping[folder + "/" + file_name] = index
    return root, mapping


def augment(kind, brightness_mode, interpolation, rng):
    """torchvision's usual transforms, or the distortions of cxr4j's Augmenter re-created in torch
    (optionally with torchvision's brightness factor or nearest-pixel warp instead of cxr4j's)."""
    from torchvision import transforms as t
    if kind == "torchvision":
        return t.Compose([t.RandomAffine(degrees=10, translate=(0.1, 0.1), scale=(0.9, 1.1)),
                          t.ColorJitter(brightness=0.1, contrast=0.1)])
    from torchvision.transforms import functional as tf

    def cxr4j_like(image):
        # As Augmenter: one affine warp with black outside, a brightness change, a contrast change
        # around the mean, clamped to [0, 1]. Shifts are whole pixels here (torchvision's affine
        # rounds them); the rotation and zoom still sample between pixels.
        side = image.shape[-1]
        degrees, zoom, dx, dy, brightness, contrast = (rng.uniform(-1, 1) for _ in range(6))
        warped = tf.affine(image, angle=10 * degrees, translate=[round(0.1 * dx * side), round(0.1 * dy * side)],
                           scale=1 + 0.1 * zoom, shear=[0.0], interpolation=t.InterpolationMode(interpolation))
        warped = warped + 0.1 * brightness if brightness_mode == "additive" else warped * (1 + 0.1 * brightness)
        mean = warped.mean()
        return (mean + (warped - mean) * (1 + 0.1 * contrast)).clamp(0, 1)
    return cxr4j_like


def run_fold(args, images, labels, train, test, classes, fold):
    import torch
    torch.manual_seed(args.seed + fold)
    rng = random.Random(args.seed + fold)
    model = build_darkcovidnet(1, args.image_size, classes)
    if args.init == "djl":
        djl_init(model)
    model = model.to(memory_format=torch.channels_last).train()
    counts = [sum(1 for i in train if labels[i] == c) for c in range(classes)]
    loss_fn = torch.nn.CrossEntropyLoss(weight=class_weights(counts))
    optimiser = torch.optim.Adam(model.parameters(), lr=args.learning_rate, weight_decay=args.weight_decay)
    steps_per_epoch = math.ceil(len(train) / args.batch_size)
    total_steps = steps_per_epoch * args.epochs
    transform = augment(args.augment, args.brightness, args.interpolation, rng)
    step = 0
    start = time.perf_counter()
    for epoch in range(args.epochs):
        order = list(train)
        rng.shuffle(order)
        loss_sum = 0.0
        for first in range(0, len(order), args.batch_size):
            batch = order[first:first + args.batch_size]
            x = torch.stack([transform(images[i]) for i in batch]).contiguous(memory_format=torch.channels_last)
            y = torch.tensor([labels[i] for i in batch])
            progress = step / max(1, total_steps - 1)
            for group in optimiser.param_groups:
                group["lr"] = args.learning_rate * (0.01 + 0.99 * (1 + math.cos(math.pi * progress)) / 2)
            loss_sum += train_step(model, optimiser, loss_fn, x, y, bfloat16=not args.float32) * len(batch)
            step += 1
        log("fold %d epoch %d/%d loss %.4f (%.0f s)" % (fold, epoch + 1, args.epochs, loss_sum / len(order),
                                                       time.perf_counter() - start))
    training_seconds = time.perf_counter() - start
    model.eval()
    predictions = []
    with torch.inference_mode():
        for first in range(0, len(test), args.batch_size):
            batch = test[first:first + args.batch_size]
            x = torch.stack([images[i] for i in batch]).contiguous(memory_format=torch.channels_last)
            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=not args.float32):
                probabilities = torch.softmax(model(x).float(), dim=1)
            predictions.extend(probabilities.tolist())
    return training_seconds, predictions


def read_folds(path):
    """The folds of a cxr4j folds file: the split-file TSV (kind cross-validation) or the JSON of earlier
    versions, as {"dataset", "classNames", "assignments": [{"repeat", "fold", "test", "validation"}]}."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if text.lstrip().startswith("{"):
        return json.loads(text)
    properties, parts, header_seen = {}, {}, False
    for line in text.splitlines():
        if not line.strip():
            continue
        if not header_seen:
            if line.startswith("#"):
                key_value = line[1:].strip().split("\t", 1)
                if len(key_value) == 2:
                    properties[key_value[0]] = key_value[1]
            elif line == "part\tlabel\tpath":
                header_seen = True
            continue
        part, _label, image = line.split("\t", 2)
        parts.setdefault(part, []).append(image)
    if properties.get("kind") != "cross-validation":
        raise SystemExit("%s is not the folds file of a cxr4j cross-validation" % path)
    assignments = []
    for repeat in range(1, int(properties["repeats"]) + 1):
        for fold in range(1, int(properties["folds"]) + 1):
            prefix = "r%df%d-" % (repeat, fold)
            if prefix + "test" in parts:
                assignments.append({"repeat": repeat, "fold": fold, "test": parts[prefix + "test"],
                                    "validation": parts.get(prefix + "validation", [])})
    return {"dataset": properties["dataset"], "classNames": properties["classes"].split("\t"),
            "assignments": assignments}


def main():
    args = parse_args()
    if not args.data:
        raise SystemExit("Set CXR4J_DATA_DIR or --data to the folder that holds darkcovidnet/")
    import torch
    from torchvision.transforms import functional as tf
    torch.set_num_threads(args.threads)
    folds = read_folds(args.folds_file)
    class_names = folds["classNames"]
    label_set = "binary" if len(class_names) == 2 else "three-class"
    root, mapping = folder_labels(args.data, folds["dataset"], label_set, class_names)
    paths = sorted({p for a in folds["assignments"] for p in a["test"]})
    missing = [p for p in paths if p not in mapping]
    if missing:
        raise SystemExit("%d images of %s are not in %s, e.g. %s" % (len(missing), args.folds_file, root, missing[0]))
    index = {p: i for i, p in enumerate(paths)}
    log("decoding %d images at %d px" % (len(paths), args.image_size))
    images = [tf.to_tensor(load_image(os.path.join(root, p), args.image_size)) for p in paths]
    labels = [mapping[p] for p in paths]
    wanted = {int(v) for v in args.only_folds.split(",") if v}
    results = []
    for assignment in folds["assignments"]:
        fold = assignment["fold"]
        if wanted and fold not in wanted:
            continue
        test = [index[p] for p in assignment["test"]]
        held_out = set(test)
        train = [i for i in range(len(paths)) if i not in held_out]
        seconds, probabilities = run_fold(args, images, labels, train, test, len(class_names), fold)
        predicted = [max(range(len(p)), key=p.__getitem__) for p in probabilities]
        correct = sum(1 for i, c in zip(test, predicted) if labels[i] == c)
        log("fold %d: %d/%d correct, %.0f s training" % (fold, correct, len(test), seconds))
        results.append({"fold": fold, "test": len(test), "correct": correct, "training_seconds": round(seconds, 1),
                        "images": [{"path": paths[i], "label": class_names[labels[i]],
                                    "probabilities": [round(v, 5) for v in p]}
                                   for i, p in zip(test, probabilities)]})
    pooled_correct = sum(r["correct"] for r in results)
    pooled_test = sum(r["test"] for r in results)
    print(json.dumps({"tool": "python-pytorch", "torch": torch.__version__, "python": platform.python_version(),
                      "threads": torch.get_num_threads(), "settings": vars(args), "classNames": class_names,
                      "pooled": {"correct": pooled_correct, "test": pooled_test,
                                 "accuracy": pooled_correct / pooled_test if pooled_test else None},
                      "folds": results}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
