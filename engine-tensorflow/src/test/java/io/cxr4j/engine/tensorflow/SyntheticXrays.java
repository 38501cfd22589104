package io.cxr4j.engine.tensorflow;

import io.cxr4j.core.data.Sample;
import io.cxr4j.core.data.XrayDataset;
import io.cxr4j.core.testing.SyntheticImages;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Tiny two-class image sets a network learns in a few epochs: stripes across versus down. */
final class SyntheticXrays {

    private SyntheticXrays() {}

    /**
     * Writes {@code perClass} images of each class.
     *
     * @param folder where the PNG files go
     * @param name the data set name
     * @param perClass images per class
     * @param offset varies the noise, so that two sets differ
     * @return the data set
     */
    static XrayDataset write(Path folder, String name, int perClass, int offset) {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < perClass; i++) {
            int seed = offset * 1000 + i;
            SyntheticImages.SampleFunction noise = SyntheticImages.noise(seed);
            int period = 6 + i % 5;
            samples.add(Sample.of(SyntheticImages.writePng(SyntheticImages.gray8(48, 48,
                    (x, y, b) -> ((y / period) % 2 == 0 ? 200 : 55) + noise.sample(x, y, b) / 8 - 16),
                    folder.resolve(name + "-across-" + i + ".png")), "across"));
            samples.add(Sample.of(SyntheticImages.writePng(SyntheticImages.gray8(48, 48,
                    (x, y, b) -> ((x / period) % 2 == 0 ? 200 : 55) + noise.sample(x, y, b) / 8 - 16),
                    folder.resolve(name + "-down-" + i + ".png")), "down"));
        }
        return new XrayDataset(name, List.of("across", "down"), samples);
    }
}
