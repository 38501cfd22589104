package io.cxr4j.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxr4j.core.metrics.EvaluationAccumulator;
import io.cxr4j.core.metrics.ScoreDistributions;
import io.cxr4j.core.training.EpochResult;
import io.cxr4j.core.training.TrainingHistory;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Axis;
import org.knowm.xchart.internal.chartpart.Chart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Draws every plot from realistic numbers and checks the files decode at the right size. */
class PlotsTest {

    @TempDir
    static Path folder;

    private static ScoreDistributions threeClass;
    private static ScoreDistributions binary;

    @BeforeAll
    static void scores() {
        Random random = new Random(7);
        EvaluationAccumulator three = new EvaluationAccumulator(List.of("covid", "normal", "pneumonia"));
        EvaluationAccumulator two = new EvaluationAccumulator(List.of("covid", "normal"));
        for (int i = 0; i < 300; i++) {
            int actual = i % 3;
            float[] p = new float[3];
            float sum = 0;
            for (int c = 0; c < 3; c++) {
                p[c] = (float) Math.exp((c == actual ? 1.6 : 0) + random.nextGaussian());
                sum += p[c];
            }
            for (int c = 0; c < 3; c++) {
                p[c] /= sum;
            }
            three.add(actual, p);
            float covid = (float) (1 / (1 + Math.exp(-(i % 2 == 0 ? 2.5 : -2.5) - 1.5 * random.nextGaussian())));
            two.add(i % 2, new float[] {covid, 1 - covid});
        }
        threeClass = three.snapshot();
        binary = two.snapshot();
    }

    static TrainingHistory history(long seed) {
        Random random = new Random(seed);
        List<EpochResult> epochs = new ArrayList<>();
        for (int e = 1; e <= 25; e++) {
            double progress = 1 - Math.exp(-e / 5.0);
            epochs.add(new EpochResult(e, 1.1 - progress + 0.05 * random.nextDouble(),
                    0.5 + 0.48 * progress, 1.15 - 0.9 * progress + 0.1 * random.nextDouble(),
                    0.5 + 0.42 * progress + 0.03 * random.nextDouble(), 10));
        }
        return new TrainingHistory(epochs);
    }

    private static void assertPng(Path file) throws IOException {
        assertThat(file).isRegularFile();
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image).as("decodes as an image: " + file).isNotNull();
        assertThat(image.getWidth()).isEqualTo(Plots.WIDTH);
        assertThat(image.getHeight()).isEqualTo(Plots.HEIGHT);
    }

    @Test
    void learningCurvesOfOneRun() throws IOException {
        Map<String, TrainingHistory> one = Map.of("run", history(1));
        Plots.accuracy(one, "validation", folder.resolve("accuracy.png"));
        Plots.loss(one, "validation", folder.resolve("loss.png"));
        assertPng(folder.resolve("accuracy.png"));
        assertPng(folder.resolve("loss.png"));
    }

    @Test
    void learningCurvesOfFiveFolds() throws IOException {
        Map<String, TrainingHistory> folds = new LinkedHashMap<>();
        for (int f = 1; f <= 5; f++) {
            folds.put("fold " + f, history(f));
        }
        Plots.accuracy(folds, "validation", folder.resolve("folds-accuracy.png"));
        assertPng(folder.resolve("folds-accuracy.png"));
    }

    @Test
    void rocPrConfusionAndReliabilityOfThreeClasses() throws IOException {
        Plots.roc(threeClass.rocCurves(), folder.resolve("roc.png"));
        Plots.precisionRecall(threeClass.precisionRecallCurves(), folder.resolve("pr.png"));
        Plots.confusionMatrix(threeClass.confusionMatrix(), folder.resolve("confusion.png"));
        Plots.reliability(threeClass.calibration(10), folder.resolve("reliability.png"));
        for (String name : List.of("roc", "pr", "confusion", "reliability")) {
            assertPng(folder.resolve(name + ".png"));
        }
    }

    @Test
    void rateAxesTickAtRoundValuesWhateverTheClassCounts() throws IOException, ReflectiveOperationException {
        // 8 covid and 7 normal images, interleaved so that the curves step through every k / 8 and
        // k / 7: XChart put its ticks on those steps, labelled 0.4 for 3 / 8 and 0.3 for 2 / 7.
        EvaluationAccumulator small = new EvaluationAccumulator(List.of("covid", "normal"));
        for (int i = 0; i < 15; i++) {
            float covid = (i + 0.5f) / 15;
            small.add(i % 2 == 0 ? 0 : 1, new float[] {covid, 1 - covid});
        }
        ScoreDistributions scores = small.snapshot();
        XYChart roc = Plots.rocChart(List.of(scores.roc("covid")));
        XYChart pr = Plots.precisionRecallChart(List.of(scores.precisionRecall("covid")));
        XYChart reliability = Plots.reliabilityChart(scores.calibration(10));
        for (XYChart chart : List.of(roc, pr, reliability)) {
            for (String axis : List.of("getXAxis", "getYAxis")) {
                assertThat(tickLabels(chart, axis)).as(chart.getTitle() + " " + axis)
                        .containsSubsequence("0.0", "0.2", "0.4", "0.6", "0.8", "1.0")
                        .allMatch(label -> label.matches("-?\\d\\.\\d"));
            }
        }
        assertThat(tickLabels(roc, "getXAxis")).as("x: every 0.1").containsSubsequence("0.3", "0.4", "0.5");
        Plots.roc(List.of(scores.roc("covid")), folder.resolve("eight-and-seven-roc.png"));
        assertPng(folder.resolve("eight-and-seven-roc.png"));
    }

    /**
     * The tick labels XChart computed for an axis while painting the chart. XChart 3.8.8 keeps its
     * axes in a protected field and no public method returns them, hence the reflection.
     */
    private static List<String> tickLabels(XYChart chart, String axisGetter) throws ReflectiveOperationException {
        BitmapEncoder.getBufferedImage(chart);
        Field pairField = Chart.class.getDeclaredField("axisPair");
        pairField.setAccessible(true);
        Object pair = pairField.get(chart);
        Method getter = pair.getClass().getDeclaredMethod(axisGetter);
        getter.setAccessible(true);
        Axis<?, ?> axis = (Axis<?, ?>) getter.invoke(pair);
        return axis.getAxisTickCalculator().getTickLabels();
    }

    @Test
    void binaryPlotsShowThePositiveClassOnly() throws IOException {
        Plots.roc(List.of(binary.roc("covid")), folder.resolve("binary-roc.png"));
        Plots.precisionRecall(List.of(binary.precisionRecall("covid")), folder.resolve("binary-pr.png"));
        Plots.confusionMatrix(binary.confusionMatrix(), folder.resolve("binary-confusion.png"));
        assertPng(folder.resolve("binary-roc.png"));
        assertPng(folder.resolve("binary-pr.png"));
        assertPng(folder.resolve("binary-confusion.png"));
    }
}
