package io.cxr4j.core.engine;

import io.cxr4j.core.config.Precision;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A known-answer test of an engine's native kernels. Native libraries pick their code paths from
 * the processor they find, and a kernel that miscomputes on a processor its authors never tested
 * gives wrong numbers without any error: training then runs for hours on garbage. Engines run these
 * fixed tiny layers (3x3 convolutions of the channel counts a chest X-ray network starts with, and
 * a dense layer) before they train or predict, and compare each output with the exact answer, which
 * this class computes in plain Java in double precision. Each layer is judged on its own, so an
 * error cannot be averaged away by the layers after it.
 *
 * <p>The allowed error is derived from the number format, not tuned: an output may err by the
 * rounding of both operands of its products (for a format that rounds its inputs), of the output
 * itself, and of its float32 accumulation, relative to the magnitude of the terms it sums (the sum
 * of their absolute values). A correct bfloat16 kernel errs by about 2^-9 of the magnitude and a
 * correct float32 one by about 10^-7; the miscomputing kernels seen in practice erred by more than
 * half of it.
 */
public final class KnownAnswer {

    /** Images in each convolution's batch, and rows of the dense layer's input. */
    public static final int BATCH = 2;
    /** Height and width of each convolution's input maps. */
    public static final int SIZE = 8;
    /** Height and width of the convolution kernels; padded by one, so the maps keep their size. */
    public static final int KERNEL = 3;

    /** float32's unit roundoff: 24 significant bits, rounded to nearest. */
    private static final double FLOAT32_ROUNDOFF = 0x1p-24;
    /** bfloat16's unit roundoff: 8 significant bits (float32's exponent), rounded to nearest. */
    private static final double BFLOAT16_ROUNDOFF = 0x1p-8;
    /**
     * Fast convolution algorithms (Winograd, FFT) transform their operands before summing, and
     * their error bounds are a small multiple of the classical sum's; allowed for the float32
     * accumulation only, where it stays below 10^-4.
     */
    private static final int FAST_ALGORITHM_FACTOR = 4;

    private static final List<Layer> LAYERS = build();

    private KnownAnswer() {}

    /** One layer of the test, with its input and exact answer. */
    public sealed interface Layer permits Convolution, Dense {

        /** @return what the layer computes, such as {@code convolution 1 -> 8 channels} */
        String name();

        /** @return the number of outputs, in the order {@link #judge} expects them */
        int outputCount();

        /**
         * @param magnitude whether to compute on the absolute values of every operand, which
         *     bounds each output's terms
         * @return the outputs in double precision
         */
        double[] exact(boolean magnitude);

        /** @return the number of products and bias terms each output sums */
        int terms();
    }

    /**
     * A 3x3 convolution with bias, stride 1 and padding 1, in PyTorch's layouts; engines with other
     * layouts transpose. The arrays are shared: callers copy before changing them.
     *
     * @param channels input channels
     * @param filters output channels
     * @param input NCHW: {@value #BATCH} x channels x {@value #SIZE} x {@value #SIZE}, in [0, 1)
     * @param kernel OIHW: filters x channels x {@value #KERNEL} x {@value #KERNEL}, in [-1, 1)
     * @param bias one per filter
     */
    public record Convolution(int channels, int filters, float[] input, float[] kernel, float[] bias)
            implements Layer {

        @Override
        public String name() {
            return "convolution " + channels + " -> " + filters + " channels";
        }

        /** @return {@value #BATCH} x filters x {@value #SIZE} x {@value #SIZE}, NCHW */
        @Override
        public int outputCount() {
            return BATCH * filters * SIZE * SIZE;
        }

        @Override
        public int terms() {
            return channels * KERNEL * KERNEL + 1;
        }

        @Override
        public double[] exact(boolean magnitude) {
            double[] outputs = new double[outputCount()];
            int at = 0;
            for (int n = 0; n < BATCH; n++) {
                for (int f = 0; f < filters; f++) {
                    for (int y = 0; y < SIZE; y++) {
                        for (int x = 0; x < SIZE; x++) {
                            double z = value(bias[f], magnitude);
                            for (int c = 0; c < channels; c++) {
                                for (int ky = 0; ky < KERNEL; ky++) {
                                    for (int kx = 0; kx < KERNEL; kx++) {
                                        int iy = y + ky - 1;
                                        int ix = x + kx - 1;
                                        if (iy >= 0 && iy < SIZE && ix >= 0 && ix < SIZE) {
                                            z += value(input[((n * channels + c) * SIZE + iy) * SIZE + ix], magnitude)
                                                    * value(kernel[((f * channels + c) * KERNEL + ky) * KERNEL + kx],
                                                            magnitude);
                                        }
                                    }
                                }
                            }
                            outputs[at++] = z;
                        }
                    }
                }
            }
            return outputs;
        }
    }

    /**
     * A dense layer, {@code input x weight^T + bias}, in PyTorch's layout. The arrays are shared.
     *
     * @param inputs input features
     * @param outputs output features
     * @param input {@value #BATCH} rows of {@code inputs}, in [0, 1)
     * @param weight {@code outputs} rows of {@code inputs}, in [-1, 1)
     * @param bias one per output
     */
    public record Dense(int inputs, int outputs, float[] input, float[] weight, float[] bias) implements Layer {

        @Override
        public String name() {
            return "dense layer " + inputs + " -> " + outputs;
        }

        /** @return {@value #BATCH} rows of {@code outputs} */
        @Override
        public int outputCount() {
            return BATCH * outputs;
        }

        @Override
        public int terms() {
            return inputs + 1;
        }

        @Override
        public double[] exact(boolean magnitude) {
            double[] result = new double[outputCount()];
            for (int n = 0; n < BATCH; n++) {
                for (int k = 0; k < outputs; k++) {
                    double sum = value(bias[k], magnitude);
                    for (int i = 0; i < inputs; i++) {
                        sum += value(input[n * inputs + i], magnitude) * value(weight[k * inputs + i], magnitude);
                    }
                    result[n * outputs + k] = sum;
                }
            }
            return result;
        }
    }

    /**
     * An engine's outputs judged against the exact answer.
     *
     * @param computation what ran, such as {@code bfloat16 convolution 1 -> 8 channels}
     * @param error the largest error of any output relative to the magnitude of its terms; NaN or
     *     infinite when the engine returned such values
     * @param bound the largest error the number format allows
     */
    public record Verdict(String computation, double error, double bound) {

        /** @return whether every output lies within the bound (false for NaN outputs) */
        public boolean accurate() {
            return error <= bound;
        }

        /**
         * @return one sentence with the measurement, such as {@code bfloat16 convolution 1 -> 8
         *     channels: error 67.40% of the magnitude, allowed 1.17%}
         */
        public String describe() {
            return computation + ": error " + percent(error) + " of the magnitude, allowed " + percent(bound);
        }

        private static String percent(double value) {
            if (!Double.isFinite(value)) {
                return String.valueOf(value);
            }
            return value >= 1e-3 ? String.format(Locale.ROOT, "%.2f%%", value * 100)
                    : String.format(Locale.ROOT, "%.1e", value);
        }
    }

    /**
     * The layers an engine runs: convolutions of 1 and 3 input channels (gray and colour X-rays)
     * into 8 and 16 filters, one of 16 into 32, and a dense layer, so that the kernel variants
     * libraries choose by channel count are all met.
     *
     * @return the layers, the same on every machine
     */
    public static List<Layer> layers() {
        return LAYERS;
    }

    /**
     * Judges an engine's outputs of one layer.
     *
     * @param layer one of {@link #layers()}
     * @param precision the number format the engine computed in: {@link Precision#FLOAT32}, or
     *     {@link Precision#BFLOAT16} for bfloat16 operands and outputs with float32 accumulation,
     *     as autocast does
     * @param outputs the engine's outputs, in the layer's layout
     * @return the verdict
     * @throws IllegalArgumentException when the number of outputs is not the layer's
     */
    public static Verdict judge(Layer layer, Precision precision, float[] outputs) {
        if (outputs.length != layer.outputCount()) {
            throw new IllegalArgumentException("Expected " + layer.outputCount() + " outputs of the known-answer "
                    + layer.name() + ", got " + outputs.length + ".");
        }
        double[] exact = layer.exact(false);
        double[] magnitude = layer.exact(true);
        double error = 0;
        for (int i = 0; i < exact.length; i++) {
            // NaN must win, so that NaN outputs fail.
            error = Double.isNaN(outputs[i]) ? Double.NaN
                    : Math.max(error, Math.abs(outputs[i] - exact[i]) / magnitude[i]);
            if (Double.isNaN(error)) {
                break;
            }
        }
        return new Verdict(precision.name().toLowerCase(Locale.ROOT) + " " + layer.name(), error,
                bound(layer, precision));
    }

    /**
     * @param verdicts verdicts of several layers
     * @return the first inaccurate one, or else the one closest to its bound
     * @throws java.util.NoSuchElementException when there are none
     */
    public static Verdict worst(List<Verdict> verdicts) {
        return verdicts.stream().filter(v -> !v.accurate()).findFirst()
                .orElseGet(() -> verdicts.stream().max(Comparator.comparingDouble(v -> v.error() / v.bound()))
                        .orElseThrow());
    }

    /**
     * The largest error, relative to the magnitude of the summed terms, that a correct
     * implementation of a layer can make in a number format.
     */
    static double bound(Layer layer, Precision precision) {
        double accumulation = FAST_ALGORITHM_FACTOR * FLOAT32_ROUNDOFF * layer.terms();
        return switch (precision) {
            case FLOAT32 -> accumulation;
            // Both operands of every product rounded, and the output: 3 u.
            case BFLOAT16 -> accumulation + 3 * BFLOAT16_ROUNDOFF;
        };
    }

    private static double value(float v, boolean magnitude) {
        return magnitude ? Math.abs(v) : v;
    }

    private static List<Layer> build() {
        // A fixed seed: the same layers on every machine, so that verdicts compare across machines.
        SplittableRandom random = new SplittableRandom(20_261_207L);
        return List.of(convolution(random, 1, 8), convolution(random, 3, 16), convolution(random, 16, 32),
                new Dense(64, 3, uniform(random, BATCH * 64, 0), uniform(random, 3 * 64, -1), uniform(random, 3, -1)));
    }

    private static Convolution convolution(SplittableRandom random, int channels, int filters) {
        return new Convolution(channels, filters, uniform(random, BATCH * channels * SIZE * SIZE, 0),
                uniform(random, filters * channels * KERNEL * KERNEL, -1), uniform(random, filters, -1));
    }

    private static float[] uniform(SplittableRandom random, int count, double from) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) random.nextDouble(from, 1);
        }
        return values;
    }
}
