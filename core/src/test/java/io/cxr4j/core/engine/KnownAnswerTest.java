package io.cxr4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cxr4j.core.config.Precision;
import java.util.List;
import org.junit.jupiter.api.Test;

class KnownAnswerTest {

    @Test
    void theConvolutionIsAPaddedThreeByThreeCorrelationWithBias() {
        KnownAnswer.Convolution conv = (KnownAnswer.Convolution) KnownAnswer.layers().get(1);
        int s = KnownAnswer.SIZE;
        int c = conv.channels();
        // Second image, last filter, output row 0 and column 5, summed in another order.
        int n = 1;
        int f = conv.filters() - 1;
        double expected = conv.bias()[f];
        for (int ky = -1; ky <= 1; ky++) {
            for (int kx = -1; kx <= 1; kx++) {
                for (int ch = 0; ch < c; ch++) {
                    int y = ky;
                    int x = 5 + kx;
                    if (y >= 0 && x < s) {
                        expected += (double) conv.input()[((n * c + ch) * s + y) * s + x]
                                * conv.kernel()[((f * c + ch) * 3 + ky + 1) * 3 + kx + 1];
                    }
                }
            }
        }

        assertThat(conv.exact(false)[((n * conv.filters() + f) * s) * s + 5]).isCloseTo(expected, within(1e-12));
    }

    @Test
    void theDenseLayerMultipliesByTheTransposedWeights() {
        KnownAnswer.Dense dense = (KnownAnswer.Dense) KnownAnswer.layers().get(3);
        double expected = dense.bias()[2];
        for (int i = 0; i < dense.inputs(); i++) {
            expected += (double) dense.input()[dense.inputs() + i] * dense.weight()[2 * dense.inputs() + i];
        }

        assertThat(dense.exact(false)[dense.outputs() + 2]).isCloseTo(expected, within(1e-12));
    }

    @Test
    void exactOutputsPassInEveryFormat() {
        for (KnownAnswer.Layer layer : KnownAnswer.layers()) {
            float[] exact = toFloat(layer.exact(false));

            KnownAnswer.Verdict verdict = KnownAnswer.judge(layer, Precision.FLOAT32, exact);

            assertThat(verdict.accurate()).as(verdict.describe()).isTrue();
            assertThat(verdict.error()).isLessThan(1e-7);
            assertThat(KnownAnswer.judge(layer, Precision.BFLOAT16, exact).accurate()).isTrue();
        }
    }

    @Test
    void theBoundsAreTightEnoughToTellBfloat16FromFloat32() {
        for (KnownAnswer.Layer layer : KnownAnswer.layers()) {
            // Operands rounded to bfloat16, the sums exact, the outputs rounded to bfloat16: what a
            // correct bfloat16 kernel errs by, and far more than float32 may.
            float[] outputs = bfloat16(toFloat(rounded(layer).exact(false)));

            KnownAnswer.Verdict asBfloat16 = KnownAnswer.judge(layer, Precision.BFLOAT16, outputs);
            KnownAnswer.Verdict asFloat32 = KnownAnswer.judge(layer, Precision.FLOAT32, outputs);

            assertThat(asBfloat16.accurate()).as(asBfloat16.describe()).isTrue();
            assertThat(asBfloat16.error()).isGreaterThan(1e-4);
            assertThat(asFloat32.accurate()).isFalse();
            assertThat(KnownAnswer.bound(layer, Precision.FLOAT32)).isLessThan(1e-4);
            assertThat(KnownAnswer.bound(layer, Precision.BFLOAT16)).isBetween(3 * 0x1p-8, 0.013);
        }
    }

    @Test
    void wrongKernelsFail() {
        KnownAnswer.Convolution conv = (KnownAnswer.Convolution) KnownAnswer.layers().get(1);
        float[] kernel = conv.kernel().clone();
        // A kernel that drops the last input channel, as a broken vectorised loop might.
        for (int f = 0; f < conv.filters(); f++) {
            for (int i = 0; i < 9; i++) {
                kernel[(f * conv.channels() + conv.channels() - 1) * 9 + i] = 0;
            }
        }
        float[] dropped = toFloat(new KnownAnswer.Convolution(conv.channels(), conv.filters(), conv.input(), kernel,
                conv.bias()).exact(false));
        float[] notANumber = toFloat(conv.exact(false));
        notANumber[notANumber.length - 1] = Float.NaN;

        KnownAnswer.Verdict wrong = KnownAnswer.judge(conv, Precision.BFLOAT16, dropped);
        KnownAnswer.Verdict nan = KnownAnswer.judge(conv, Precision.BFLOAT16, notANumber);

        assertThat(wrong.accurate()).isFalse();
        assertThat(nan.accurate()).isFalse();
        assertThat(nan.describe()).isEqualTo("bfloat16 convolution 3 -> 16 channels: error NaN of the magnitude,"
                + " allowed 1.17%");
        KnownAnswer.Verdict fine = KnownAnswer.judge(conv, Precision.BFLOAT16, toFloat(conv.exact(false)));
        assertThat(KnownAnswer.worst(List.of(fine, wrong, nan))).isSameAs(wrong);
        assertThat(KnownAnswer.worst(List.of(fine))).isSameAs(fine);
    }

    private static KnownAnswer.Layer rounded(KnownAnswer.Layer layer) {
        if (layer instanceof KnownAnswer.Convolution c) {
            return new KnownAnswer.Convolution(c.channels(), c.filters(), bfloat16(c.input()), bfloat16(c.kernel()),
                    bfloat16(c.bias()));
        }
        KnownAnswer.Dense d = (KnownAnswer.Dense) layer;
        return new KnownAnswer.Dense(d.inputs(), d.outputs(), bfloat16(d.input()), bfloat16(d.weight()),
                bfloat16(d.bias()));
    }

    private static float[] toFloat(double[] values) {
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = (float) values[i];
        }
        return floats;
    }

    /** Rounds to the nearest bfloat16 (ties to even), as hardware conversions do. */
    private static float[] bfloat16(float[] values) {
        float[] rounded = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            int bits = Float.floatToRawIntBits(values[i]);
            bits += 0x7FFF + ((bits >>> 16) & 1);
            rounded[i] = Float.intBitsToFloat(bits & 0xFFFF0000);
        }
        return rounded;
    }
}
