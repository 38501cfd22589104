package io.cxr4j.core.report;

import io.cxr4j.core.metrics.Calibration;
import io.cxr4j.core.metrics.ConfidenceInterval;
import io.cxr4j.core.metrics.ConfusionMatrix;
import io.cxr4j.core.metrics.PrecisionRecallCurve;
import io.cxr4j.core.metrics.RocCurve;
import io.cxr4j.core.training.EpochResult;
import io.cxr4j.core.training.TrainingHistory;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The plots of a run as {@value #WIDTH} x {@value #HEIGHT} PNG files, drawn with XChart:
 * learning curves (accuracy and loss per epoch, the seed project's two graphs), ROC and
 * precision-recall curves, a confusion-matrix heat map and a reliability diagram.
 */
public final class Plots {

    /** Width of every plot in pixels. */
    public static final int WIDTH = 800;
    /** Height of every plot in pixels. */
    public static final int HEIGHT = 600;

    private static final Color GREY = new Color(120, 120, 120);
    /** Matplotlib's tab10 colours, so that a fold's training and validation lines share one. */
    private static final Color[] PALETTE = {
        new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44), new Color(214, 39, 40),
        new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194), new Color(127, 127, 127),
        new Color(188, 189, 34), new Color(23, 190, 207)};
    /** pi / 10: no ROC or precision step k / n, nor a round value, lands on it. */
    private static final double TICK_ANCHOR = Math.PI / 10;
    private static final BasicStroke DASHED = new BasicStroke(
            1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);

    private Plots() {}

    /**
     * Training and validation accuracy per epoch.
     *
     * @param histories one training history per run (a single run, or one per fold), by run name
     * @param heldOutName what the held-out data scored after each epoch is, for the legend, such as
     *     {@code validation}
     * @param file the PNG to write
     * @throws IOException when the file cannot be written
     */
    public static void accuracy(Map<String, TrainingHistory> histories, String heldOutName, Path file)
            throws IOException {
        XYChart chart = learningChart("Accuracy per epoch", "accuracy");
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        chart.getStyler().setYAxisDecimalPattern("0.0");
        chart.getStyler().setLegendPosition(LegendPosition.InsideSE);
        addLearningSeries(chart, histories, heldOutName, EpochResult::trainAccuracy, EpochResult::validationAccuracy);
        save(chart, file);
    }

    /**
     * Training and validation loss per epoch.
     *
     * @param histories one training history per run, by run name
     * @param heldOutName what the held-out data scored after each epoch is, for the legend
     * @param file the PNG to write
     * @throws IOException when the file cannot be written
     */
    public static void loss(Map<String, TrainingHistory> histories, String heldOutName, Path file)
            throws IOException {
        XYChart chart = learningChart("Loss per epoch", "loss");
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setLegendPosition(LegendPosition.InsideNE);
        addLearningSeries(chart, histories, heldOutName, EpochResult::trainLoss, EpochResult::validationLoss);
        save(chart, file);
    }

    /**
     * ROC curves, one per class (one-vs-rest), each with its AUC and DeLong 95% interval in the
     * legend, and the chance diagonal.
     *
     * @param curves the curves; undefined ones (a class without samples) are left out
     * @param file the PNG to write
     * @throws IOException when the file cannot be written
     */
    public static void roc(List<RocCurve> curves, Path file) throws IOException {
        save(rocChart(curves), file);
    }

    static XYChart rocChart(List<RocCurve> curves) {
        XYChart chart = squareAxes("ROC curve", "1 - specificity (false positive rate)",
                "sensitivity (true positive rate)");
        chart.getStyler().setLegendPosition(LegendPosition.InsideSE);
        for (RocCurve curve : curves) {
            if (curve.points().isEmpty()) {
                continue;
            }
            String legend = String.format(Locale.ROOT, "%s: AUC %s%s (n = %d + %d)", curve.positiveClass(),
                    MarkdownTables.fixed(curve.auc(), 3), interval(curve.auc95()),
                    curve.positives(), curve.negatives());
            line(chart.addSeries(legend, values(curve.points(), RocCurve.Point::falsePositiveRate),
                    values(curve.points(), RocCurve.Point::truePositiveRate)));
        }
        XYSeries chance = chart.addSeries("chance (AUC 0.5)", new double[] {0, 1}, new double[] {0, 1});
        reference(chance);
        regularTicks(chart);
        return chart;
    }

    /**
     * Precision-recall curves, one per class (one-vs-rest), with the average precision in the
     * legend.
     *
     * @param curves the curves; undefined ones are left out
     * @param file the PNG to write
     * @throws IOException when the file cannot be written
     */
    public static void precisionRecall(List<PrecisionRecallCurve> curves, Path file) throws IOException {
        save(precisionRecallChart(curves), file);
    }

    static XYChart precisionRecallChart(List<PrecisionRecallCurve> curves) {
        XYChart chart = squareAxes("Precision-recall curve", "recall (sensitivity)", "precision (PPV)");
        chart.getStyler().setLegendPosition(LegendPosition.InsideSW);
        for (PrecisionRecallCurve curve : curves) {
            if (curve.points().isEmpty()) {
                continue;
            }
            String legend = String.format(Locale.ROOT, "%s: AP %.3f (prevalence %.3f, n = %d + %d)",
                    curve.positiveClass(), curve.averagePrecision(), curve.prevalence(), curve.positives(),
                    curve.negatives());
            // Starts at recall 0 with the first point's precision, as scikit-learn draws it.
            List<PrecisionRecallCurve.Point> points = curve.points();
            double[] recall = new double[points.size() + 1];
            double[] precision = new double[points.size() + 1];
            precision[0] = points.get(0).precision();
            for (int i = 0; i < points.size(); i++) {
                recall[i + 1] = points.get(i).recall();
                precision[i + 1] = points.get(i).precision();
            }
            line(chart.addSeries(legend, recall, precision));
        }
        regularTicks(chart);
        return chart;
    }

    /**
     * The confusion matrix as a heat map with the count in every cell: actual classes top to
     * bottom, predicted classes left to right.
     *
     * @param matrix the counts
     * @param file the PNG to write
     * @throws IOException when the file cannot be written
     */
    public static void confusionMatrix(ConfusionMatrix matrix, Path file) throws IOException {
        HeatMapChart chart = new HeatMapChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Confusion matrix (n = " + matrix.total() + ")")
                .xAxisTitle("predicted").yAxisTitle("actual").build();
        chart.getStyler().setShowValue(true).setHeatMapValueDecimalPattern("0")
                .setRangeColors(new Color[] {new Color(247, 251, 255), new Color(107, 174, 214),
                    new Color(8, 48, 107)})
                .setValueFont(new Font(Font.SANS_SERIF, Font.BOLD, 20))
                .setValueFontColor(new Color(200, 60, 20))
                .setLegendVisible(false);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesVisible(false);
        int n = matrix.size();
        List<String> predicted = matrix.classNames();
        // The first class goes at the top, as in printed confusion matrices.
        List<String> actual = new ArrayList<>(matrix.classNames());
        java.util.Collections.reverse(actual);
        List<Number[]> cells = new ArrayList<>();
        long largest = 0;
        for (int a = 0; a < n; a++) {
            for (int p = 0; p < n; p++) {
                long count = matrix.count(a, p);
                largest = Math.max(largest, count);
                cells.add(new Number[] {p, n - 1 - a, count});
            }
        }
        chart.getStyler().setMin(0).setMax(Math.max(1, largest));
        chart.addSeries("counts", predicted, actual, cells);
        save(chart, file);
    }

    /**
     * A reliability diagram: accuracy against mean confidence per confidence bin, the perfect
     * diagonal, and the expected calibration error in the title.
     *
     * @param calibration the calibration to draw
     * @param file the PNG to write
     * @throws IOException when the file cannot be written
     */
    public static void reliability(Calibration calibration, Path file) throws IOException {
        save(reliabilityChart(calibration), file);
    }

    static XYChart reliabilityChart(Calibration calibration) {
        XYChart chart = squareAxes(String.format(Locale.ROOT, "Reliability diagram (ECE %.3f, n = %d)",
                calibration.expectedCalibrationError(), calibration.count()),
                "confidence (probability of the predicted class)", "accuracy");
        chart.getStyler().setLegendPosition(LegendPosition.InsideNW);
        List<Double> confidence = new ArrayList<>();
        List<Double> accuracy = new ArrayList<>();
        for (Calibration.Bin bin : calibration.bins()) {
            if (bin.count() > 0) {
                confidence.add(bin.meanConfidence());
                accuracy.add(bin.accuracy().value());
            }
        }
        reference(chart.addSeries("perfect calibration", new double[] {0, 1}, new double[] {0, 1}));
        XYSeries model = chart.addSeries("model (one point per bin of width "
                + String.format(Locale.ROOT, "%.2f", 1.0 / calibration.bins().size()) + ")", confidence, accuracy);
        model.setMarker(SeriesMarkers.CIRCLE);
        model.setLineStyle(new BasicStroke(2f));
        regularTicks(chart);
        return chart;
    }

    private static XYChart learningChart(String title, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("epoch").yAxisTitle(yTitle).build();
        style(chart);
        chart.getStyler().setXAxisDecimalPattern("0");
        return chart;
    }

    private static void addLearningSeries(XYChart chart, Map<String, TrainingHistory> histories,
            String heldOutName, ToDoubleFunction<EpochResult> training, ToDoubleFunction<EpochResult> validation) {
        boolean several = histories.size() > 1;
        int runIndex = 0;
        for (Map.Entry<String, TrainingHistory> run : histories.entrySet()) {
            Color colour = PALETTE[runIndex++ % PALETTE.length];
            List<EpochResult> epochs = run.getValue().epochs();
            String prefix = several ? run.getKey() + " " : "";
            double[] x = epochs.stream().mapToDouble(EpochResult::epoch).toArray();
            XYSeries trainSeries = chart.addSeries(prefix + "training", x,
                    epochs.stream().mapToDouble(training).toArray());
            trainSeries.setMarker(several ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
            trainSeries.setLineColor(colour);
            trainSeries.setMarkerColor(colour);
            double[] held = epochs.stream().mapToDouble(validation).toArray();
            if (java.util.Arrays.stream(held).noneMatch(Double::isNaN)) {
                XYSeries validationSeries = chart.addSeries(prefix + heldOutName, x, held);
                validationSeries.setMarker(several ? SeriesMarkers.NONE : SeriesMarkers.DIAMOND);
                validationSeries.setLineStyle(DASHED);
                // One colour per run; without folds the two lines need colours of their own.
                Color validationColour = several ? colour : PALETTE[1];
                validationSeries.setLineColor(validationColour);
                validationSeries.setMarkerColor(validationColour);
            }
        }
    }

    private static XYChart squareAxes(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        style(chart);
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
        chart.getStyler().setXAxisDecimalPattern("0.0").setYAxisDecimalPattern("0.0");
        return chart;
    }

    /**
     * Makes XChart put the ticks of a [0, 1] axis at round values such as 0.0, 0.2, ..., 1.0.
     * XChart 3.8.8 instead puts them at the data's own values whenever the distinct values of all
     * series, in the order they were added after the axis minimum, are equally spaced: the steps
     * of k / n of a ROC curve on n images are, and "0.0" labels of 3 / 8 or 2 / 7 are then wrong
     * (0.375 shows as 0.4). One hidden point at a value that is no multiple of a step ending at 1,
     * added last, breaks that spacing whatever the data.
     */
    private static void regularTicks(XYChart chart) {
        XYSeries anchor = chart.addSeries("tick anchor", new double[] {TICK_ANCHOR}, new double[] {TICK_ANCHOR});
        anchor.setShowInLegend(false);
        anchor.setMarker(SeriesMarkers.NONE);
        anchor.setLineStyle(SeriesLines.NONE);
    }

    private static void style(XYChart chart) {
        XYStyler styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotGridLinesColor(new Color(225, 225, 225));
        styler.setLegendBorderColor(new Color(200, 200, 200));
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        styler.setChartTitleBoxVisible(false);
        styler.setMarkerSize(6);
        // XChart's default hint crowds the y axis with ticks such as 0.99 and .03.
        styler.setYAxisTickMarkSpacingHint(60);
        styler.setXAxisTickMarkSpacingHint(80);
    }

    private static void line(XYSeries series) {
        series.setMarker(SeriesMarkers.NONE);
        series.setLineStyle(new BasicStroke(2.5f));
    }

    private static void reference(XYSeries series) {
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(GREY);
        series.setLineStyle(DASHED);
    }

    private static <T> double[] values(List<T> points, ToDoubleFunction<T> value) {
        return points.stream().mapToDouble(value).toArray();
    }

    private static String interval(ConfidenceInterval ci) {
        return ci == null ? " (no interval)" : String.format(Locale.ROOT, " (95%% CI %.3f-%.3f %s)", ci.lower(), ci.upper(),
                ci.method());
    }

    private static void save(Chart<?, ?> chart, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        // Written through a stream: BitmapEncoder's file-name variant appends its own extension.
        try (OutputStream out = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapFormat.PNG);
        }
    }
}
