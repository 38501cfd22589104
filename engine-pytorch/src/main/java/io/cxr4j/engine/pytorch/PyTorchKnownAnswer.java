package io.cxr4j.engine.pytorch;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import io.cxr4j.core.engine.KnownAnswer;
import io.cxr4j.core.engine.KnownAnswerException;
import io.cxr4j.core.platform.CpuInfo;
import io.cxr4j.core.config.Precision;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs cxr4j's {@link KnownAnswer} network through libtorch's kernels, once per JVM and number
 * format, before the engine trains or predicts with them. libtorch picks its kernels from the
 * processor, and its bfloat16 convolutions were seen computing errors of 67% of the magnitude on
 * an AMD Zen 5 (where Python's older libtorch errs by 0.4%): training there diverges or learns
 * nothing without another sign. A few milliseconds per format.
 *
 * <p>A failed bfloat16 check refuses bfloat16 training instead of falling back to float32: a
 * fallback would give the user a run that differs in speed and numbers from what was asked and
 * from the same settings on other machines; a refusal at start costs a re-run with one setting
 * changed, and no run is recorded that should not exist.
 */
final class PyTorchKnownAnswer {

    private static final Logger LOG = LoggerFactory.getLogger(PyTorchKnownAnswer.class);

    private static final Map<Precision, KnownAnswer.Verdict> VERDICTS = new EnumMap<>(Precision.class);

    private PyTorchKnownAnswer() {}

    /**
     * Checks libtorch's float32 kernels, in the default and the channels-last weight layout.
     *
     * @throws KnownAnswerException when they compute the known answer wrongly
     */
    static void requireFloat32() {
        KnownAnswer.Verdict verdict = measure(Precision.FLOAT32);
        if (!verdict.accurate()) {
            throw new KnownAnswerException("The PyTorch engine's float32 kernels compute wrong numbers on this CPU, "
                    + CpuInfo.current().describe() + " (" + verdict.describe() + "). Nothing was trained or"
                    + " predicted with them. Use the TensorFlow engine (cxr4j-engine-tensorflow) on this"
                    + " machine, or another machine, and report the CPU and this message to cxr4j.",
                    verdict, Precision.FLOAT32);
        }
    }

    /**
     * Checks libtorch's bfloat16 autocast kernels, which mixed-precision training runs on.
     *
     * @throws KnownAnswerException when they compute the known answer wrongly
     */
    static void requireBfloat16() {
        KnownAnswer.Verdict verdict = measure(Precision.BFLOAT16);
        if (!verdict.accurate()) {
            throw new KnownAnswerException("bfloat16 training is refused on this CPU: the PyTorch engine's bfloat16"
                    + " kernels compute wrong numbers on " + CpuInfo.current().describe() + " ("
                    + verdict.describe() + "), so a model trained with them would be wrong. Train with precision"
                    + " FLOAT32 (TrainingConfig.Builder.optPrecision), which computes correctly here. Nothing was"
                    + " trained.", verdict, Precision.BFLOAT16);
        }
    }

    /**
     * Measures a number format's kernels once per JVM; later calls return the first verdict.
     *
     * @param precision the format
     * @return the worst verdict over the known-answer layers, and for float32 over both weight layouts
     */
    static synchronized KnownAnswer.Verdict measure(Precision precision) {
        KnownAnswer.Verdict verdict = VERDICTS.get(precision);
        if (verdict == null) {
            long started = System.nanoTime();
            List<KnownAnswer.Verdict> verdicts = new ArrayList<>();
            try (NDManager manager = NDManager.newBaseManager(Device.cpu(), PyTorchEngine.DJL_ENGINE)) {
                for (KnownAnswer.Layer layer : KnownAnswer.layers()) {
                    verdicts.add(KnownAnswer.judge(layer, precision, run(manager, layer, precision, false)));
                    if (precision == Precision.FLOAT32 && layer instanceof KnownAnswer.Convolution) {
                        // Float32 training lays convolution weights out channels-last, which
                        // selects other kernels.
                        KnownAnswer.Verdict channelsLast = KnownAnswer.judge(layer, precision,
                                run(manager, layer, precision, true));
                        verdicts.add(new KnownAnswer.Verdict(channelsLast.computation() + ", channels-last",
                                channelsLast.error(), channelsLast.bound()));
                    }
                }
            }
            verdict = KnownAnswer.worst(verdicts);
            LOG.debug("Known-answer check of libtorch on {} in {} ms: {}", CpuInfo.current().describe(),
                    (System.nanoTime() - started) / 1_000_000, verdict.describe());
            VERDICTS.put(precision, verdict);
        }
        return verdict;
    }

    private static float[] run(NDManager parent, KnownAnswer.Layer layer, Precision precision, boolean channelsLast) {
        try (NDManager manager = parent.newSubManager()) {
            NDArray outputs;
            if (precision == Precision.BFLOAT16) {
                try (CpuAutocast.Scope autocast = CpuAutocast.open()) {
                    outputs = forward(manager, layer, channelsLast);
                }
                // Autocast leaves bfloat16; type promotion brings the values back as float32.
                outputs = outputs.mul(manager.ones(new Shape(1), DataType.FLOAT32));
            } else {
                outputs = forward(manager, layer, channelsLast);
            }
            return outputs.toFloatArray();
        }
    }

    private static NDArray forward(NDManager manager, KnownAnswer.Layer layer, boolean channelsLast) {
        int batch = KnownAnswer.BATCH;
        if (layer instanceof KnownAnswer.Convolution conv) {
            int size = KnownAnswer.SIZE;
            int k = KnownAnswer.KERNEL;
            NDArray kernel = manager.create(conv.kernel(), new Shape(conv.filters(), conv.channels(), k, k));
            return Conv2d.conv2d(manager.create(conv.input(), new Shape(batch, conv.channels(), size, size)),
                    channelsLast ? ChannelsLast.of(kernel) : kernel, manager.create(conv.bias()),
                    new Shape(1, 1), new Shape(1, 1)).singletonOrThrow();
        }
        KnownAnswer.Dense dense = (KnownAnswer.Dense) layer;
        return Linear.linear(manager.create(dense.input(), new Shape(batch, dense.inputs())),
                manager.create(dense.weight(), new Shape(dense.outputs(), dense.inputs())),
                manager.create(dense.bias())).singletonOrThrow();
    }
}
