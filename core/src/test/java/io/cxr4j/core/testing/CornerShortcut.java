package io.cxr4j.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import io.cxr4j.core.data.Sample;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.engine.CxrEngine;
import io.cxr4j.core.shortcut.ClassShortcut;
import io.cxr4j.core.explain.Explanation;
import io.cxr4j.core.explain.HeatMap;
import io.cxr4j.core.explain.HeatMapGrid;
import io.cxr4j.core.explain.HeatMapRenderer;
import io.cxr4j.core.shortcut.RegionShares;
import io.cxr4j.core.shortcut.ShortcutCheck;
import io.cxr4j.core.shortcut.ShortcutReport;
import io.cxr4j.core.image.AugmentationSpec;
import io.cxr4j.core.image.ImageDecoder;
import io.cxr4j.core.image.PreprocessingSpec;
import io.cxr4j.core.image.ResizeMode;
import io.cxr4j.core.inference.XrayClassifier;
import io.cxr4j.core.config.TrainingConfig;
import io.cxr4j.core.training.TrainingRequest;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A data set whose class is encoded only by a bright square in the top-left corner: everything
 * else (a chest-like pair of dark fields, brightness, noise) is drawn from the same distribution for
 * both classes. A network trained on it must look at the corner, Grad-CAM must show that, and the
 * shortcut check must warn. Every engine's test runs {@link #trainAndCheck} the same way.
 *
 * <p>The network is seed-vgg, whose head max-pools the last feature maps before its dense layers,
 * the setting Grad-CAM was designed for. DarkCovidNet's head instead flattens its 4x4 class maps
 * into a linear layer, so each position has its own weight; on this very data set (measured on
 * PyTorch while writing this test, 64/64 correct) its Grad-CAM put the heat on other border cells
 * (bottom-left), not on the marked corner, although the shortcut check still flagged the border.
 */
public final class CornerShortcut {

    private static final Logger LOG = LoggerFactory.getLogger(CornerShortcut.class);
    private static final int WIDTH = 112;
    private static final int HEIGHT = 96;
    /** The marker: 16 x 14 pixels, 3 pixels from the top-left corner. */
    private static final int MARK_LEFT = 3;
    private static final int MARK_TOP = 3;
    private static final int MARK_WIDTH = 16;
    private static final int MARK_HEIGHT = 14;

    private CornerShortcut() {}

    /**
     * Trains seed-vgg with an engine on 32 marked and 32 plain images and checks that the model
     * is accurate, that its Grad-CAM maps of class 'marked' concentrate in the marked corner, that
     * overlays render at the original size and that the shortcut check warns for that class.
     *
     * @param engine the engine to train and explain with
     * @param temp a folder for the images, the model and an overlay
     */
    public static void trainAndCheck(CxrEngine engine, Path temp) throws IOException {
        Random random = new Random(11);
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            samples.add(Sample.of(xray(temp.resolve("marked-" + i + ".png"), random, true), "marked"));
            samples.add(Sample.of(xray(temp.resolve("plain-" + i + ".png"), random, false), "plain"));
        }
        XrayDataset data = new XrayDataset("corner", List.of("marked", "plain"), samples);
        // 128 pixels make seed-vgg's last convolution block 8x8, fine enough to locate a corner.
        TrainingConfig config = TrainingConfig.builder().optArchitecture("seed-vgg")
                .optEpochs(10).optBatchSize(8)
                .optPreprocessing(new PreprocessingSpec(128, 1, ResizeMode.STRETCH, 0f, 1f))
                .optAugmentation(AugmentationSpec.none()).build();
        Path model = engine.train(TrainingRequest.of(data, null, config, temp.resolve("model"))).modelDirectory();
        check(model, data, temp);
    }

    private static Path xray(Path file, Random random, boolean marked) {
        int brightness = 70 + random.nextInt(50);
        int lungShift = random.nextInt(9) - 4;
        int seed = random.nextInt();
        SyntheticImages.SampleFunction noise = SyntheticImages.noise(seed);
        return SyntheticImages.writePng(SyntheticImages.gray8(WIDTH, HEIGHT, (x, y, b) -> {
            if (marked && x >= MARK_LEFT && x < MARK_LEFT + MARK_WIDTH && y >= MARK_TOP && y < MARK_TOP + MARK_HEIGHT) {
                return 255;
            }
            // Two darker elliptic "lung fields" left and right of the centre.
            double dx = Math.abs(x - WIDTH / 2.0) - WIDTH / 5.0 - lungShift;
            double dy = (y - HEIGHT / 2.0) / (HEIGHT / 3.0);
            boolean lung = dx * dx / (WIDTH * WIDTH / 100.0) + dy * dy < 1;
            int value = (lung ? brightness - 50 : brightness) + noise.sample(x, y, 0) / 16;
            return Math.max(0, Math.min(200, value));
        }), file);
    }

    private static double cornerShare(HeatMap map) {
        // The top-left 30% x 30% box: 9% of the image, holding the 16 x 14 marker.
        int boxWidth = (int) Math.round(0.3 * map.width());
        int boxHeight = (int) Math.round(0.3 * map.height());
        double corner = 0;
        for (int y = 0; y < boxHeight; y++) {
            for (int x = 0; x < boxWidth; x++) {
                corner += map.get(x, y);
            }
        }
        return corner / map.sum();
    }

    private static void check(Path model, XrayDataset data, Path temp) throws IOException {
        ShortcutCheck check = ShortcutCheck.defaults();
        Map<String, List<RegionShares>> shares = new LinkedHashMap<>();
        List<Double> cornerShares = new ArrayList<>();
        int correct = 0;
        String engine;
        HeatMapGrid grid;
        try (XrayClassifier classifier = XrayClassifier.load(model)) {
            engine = classifier.manifest().engine();
            for (Sample sample : data.samples()) {
                Explanation e = classifier.explain(sample.image());
                correct += e.className().equals(sample.label()) ? 1 : 0;
                shares.computeIfAbsent(sample.label(), k -> new ArrayList<>()).add(check.measure(e.inputHeatMap()));
                if (sample.label().equals("marked")) {
                    Explanation marked = classifier.explain(sample.image(), "marked");
                    assertThat(marked.heatMap().width()).isEqualTo(WIDTH);
                    assertThat(marked.heatMap().height()).isEqualTo(HEIGHT);
                    cornerShares.add(cornerShare(marked.heatMap()));
                }
            }
            Explanation first = classifier.explain(data.samples().get(0).image(), "marked");
            grid = HeatMapGrid.of(first);
            BufferedImage overlay = HeatMapRenderer.overlay(new ImageDecoder().decode(first.image()), first.heatMap(),
                    "marked");
            Path png = temp.resolve("overlays/marked-0.png");
            HeatMapRenderer.writePng(overlay, png);
            BufferedImage decoded = ImageIO.read(png.toFile());
            assertThat(decoded.getWidth()).isEqualTo(WIDTH);
            assertThat(decoded.getHeight()).isEqualTo(HEIGHT);
        }
        ShortcutReport report = check.summarise(shares, grid);
        double meanCorner = cornerShares.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        long mostlyCorner = cornerShares.stream().filter(s -> s > 0.5).count();
        LOG.info("{}: accuracy {}/{}, corner share mean {} (>0.5 in {}/{}), report {}", engine, correct, data.size(),
                meanCorner, mostlyCorner, cornerShares.size(), report);

        assertThat(correct).as("the marker is learnable").isGreaterThanOrEqualTo(data.size() * 9 / 10);
        assertThat(meanCorner).as("mean share of the 'marked' heat map in the corner box (9% of the image)")
                .isGreaterThan(0.5);
        assertThat(mostlyCorner).isGreaterThanOrEqualTo(cornerShares.size() * 8 / 10);
        ClassShortcut marked = report.classes().get(0);
        assertThat(marked.className()).isEqualTo("marked");
        assertThat(marked.reliesOnBorder()).isTrue();
        assertThat(report.warnings()).anySatisfy(w -> assertThat(w).contains("class 'marked'"));
    }
}
