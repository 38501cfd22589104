package io.cxr4j.engine.pytorch;

import io.cxr4j.core.data.Sample;
import io.cxr4j.core.testing.SyntheticImages;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A two-class image set a network learns in a few epochs: a bright square somewhere, or none. */
final class SyntheticSquares {

    private SyntheticSquares() {}

    /**
     * Writes 24 64x64 gray PNG images of each class, {@code square-i.png} and {@code plain-i.png}.
     *
     * @param folder where the files go
     * @return the samples, labelled "square" and "plain"
     */
    static List<Sample> write(Path folder) {
        Random random = new Random(3);
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            int x = random.nextInt(40);
            int y = random.nextInt(40);
            int offset = i;
            samples.add(Sample.of(SyntheticImages.writePng(SyntheticImages.gray8(64, 64,
                    (px, py, band) -> (px >= x && px < x + 20 && py >= y && py < y + 20) ? 230 : 40 + (px * py) % 25),
                    folder.resolve("square-" + i + ".png")), "square"));
            samples.add(Sample.of(SyntheticImages.writePng(SyntheticImages.gray8(64, 64,
                    (px, py, band) -> 40 + (px * py + offset) % 25), folder.resolve("plain-" + i + ".png")), "plain"));
        }
        return samples;
    }
}
