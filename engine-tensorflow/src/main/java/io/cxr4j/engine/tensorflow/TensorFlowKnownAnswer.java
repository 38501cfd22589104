package io.cxr4j.engine.tensorflow;

import io.cxr4j.core.engine.KnownAnswer;
import io.cxr4j.core.engine.KnownAnswerException;
import io.cxr4j.core.platform.CpuInfo;
import io.cxr4j.core.config.Precision;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Runs cxr4j's {@link KnownAnswer} layers through TensorFlow's float32 kernels, the ones training
 * and serving use, once per JVM before anything else is computed with them: a kernel that
 * miscomputes on this processor is caught at start, not after hours of training. A few
 * milliseconds.
 */
final class TensorFlowKnownAnswer {

    private static final Logger LOG = LoggerFactory.getLogger(TensorFlowKnownAnswer.class);

    private static KnownAnswer.Verdict verdict;

    private TensorFlowKnownAnswer() {}

    /**
     * Checks TensorFlow's float32 convolution and dense kernels.
     *
     * @throws KnownAnswerException when they compute the known answer wrongly
     */
    static void requireFloat32() {
        KnownAnswer.Verdict measured = measure();
        if (!measured.accurate()) {
            throw new KnownAnswerException("The TensorFlow engine's float32 kernels compute wrong numbers on this CPU, "
                    + CpuInfo.current().describe() + " (" + measured.describe() + "). Nothing was trained or"
                    + " predicted with them. Use the PyTorch engine (cxr4j-engine-pytorch) on this machine, or"
                    + " another machine, and report the CPU and this message to cxr4j.", measured, Precision.FLOAT32);
        }
    }

    /**
     * Measures once per JVM; later calls return the first verdict. The natives must be loaded.
     *
     * @return the worst verdict over the known-answer layers
     */
    static synchronized KnownAnswer.Verdict measure() {
        if (verdict == null) {
            long started = System.nanoTime();
            List<KnownAnswer.Verdict> verdicts = new ArrayList<>();
            for (KnownAnswer.Layer layer : KnownAnswer.layers()) {
                verdicts.add(KnownAnswer.judge(layer, Precision.FLOAT32, run(layer)));
            }
            verdict = KnownAnswer.worst(verdicts);
            LOG.debug("Known-answer check of TensorFlow on {} in {} ms: {}", CpuInfo.current().describe(),
                    (System.nanoTime() - started) / 1_000_000, verdict.describe());
        }
        return verdict;
    }

    private static float[] run(KnownAnswer.Layer layer) {
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            int batch = KnownAnswer.BATCH;
            Operand<TFloat32> output;
            if (layer instanceof KnownAnswer.Convolution conv) {
                int size = KnownAnswer.SIZE;
                int k = KnownAnswer.KERNEL;
                Operand<TFloat32> input = constant(tf, transpose(conv.input(), batch, conv.channels(), size * size),
                        Shape.of(batch, size, size, conv.channels()));
                Operand<TFloat32> kernel = constant(tf, transpose(conv.kernel(), 1, conv.filters(),
                        conv.channels() * k * k), Shape.of(conv.channels() * k * k, conv.filters()));
                // OIHW -> (C*H*W) x O above; HWIO needs the spatial axes first, within each filter.
                kernel = tf.reshape(tf.linalg.transpose(tf.reshape(kernel,
                        tf.constant(new long[] {conv.channels(), k * k, conv.filters()})),
                        tf.constant(new int[] {1, 0, 2})), tf.constant(new long[] {k, k, conv.channels(), conv.filters()}));
                output = tf.nn.biasAdd(tf.nn.conv2d(input, kernel, Arrays.asList(1L, 1L, 1L, 1L), "SAME"),
                        constant(tf, conv.bias(), Shape.of(conv.filters())));
                // NHWC -> NCHW, the layout the known answer is given in.
                output = tf.linalg.transpose(output, tf.constant(new int[] {0, 3, 1, 2}));
            } else {
                KnownAnswer.Dense dense = (KnownAnswer.Dense) layer;
                output = tf.math.add(tf.linalg.matMul(
                        constant(tf, dense.input(), Shape.of(batch, dense.inputs())),
                        constant(tf, dense.weight(), Shape.of(dense.outputs(), dense.inputs())),
                        org.tensorflow.op.linalg.MatMul.transposeB(true)),
                        constant(tf, dense.bias(), Shape.of(dense.outputs())));
            }
            try (Result result = session.runner().fetch(output).run()) {
                TFloat32 values = (TFloat32) result.get(0);
                float[] outputs = new float[Math.toIntExact(values.shape().size())];
                values.copyTo(DataBuffers.of(outputs, false, false));
                return outputs;
            }
        }
    }

    private static Operand<TFloat32> constant(Ops tf, float[] values, Shape shape) {
        return tf.constant(shape, DataBuffers.of(values, true, false));
    }

    /** Each of {@code groups} blocks of {@code rows x columns} values, transposed: NCHW to NHWC. */
    private static float[] transpose(float[] values, int groups, int rows, int columns) {
        float[] result = new float[values.length];
        for (int g = 0; g < groups; g++) {
            int offset = g * rows * columns;
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < columns; c++) {
                    result[offset + c * rows + r] = values[offset + r * columns + c];
                }
            }
        }
        return result;
    }
}
