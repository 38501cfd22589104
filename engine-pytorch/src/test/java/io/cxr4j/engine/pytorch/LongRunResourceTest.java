package io.cxr4j.engine.pytorch;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxr4j.core.inference.BatchPredictions;
import io.cxr4j.core.inference.XrayClassifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 20,000 predictions in one JVM leave resident memory and open file handles flat: measured from
 * /proc after a warm-up, with the bounds stated here.
 */
class LongRunResourceTest {

    private static final Logger LOG = LoggerFactory.getLogger(LongRunResourceTest.class);

    /** Allowed growth of resident memory between the warm-up and the end. */
    private static final long MAX_RSS_GROWTH_KB = 64 * 1024;
    /** Allowed growth of open file descriptors (native libraries, logs) between the same points. */
    private static final int MAX_FD_GROWTH = 4;

    private static long residentKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }

    private static int openFiles() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return (int) fds.count();
        }
    }

    @Test
    void twentyThousandPredictionsKeepMemoryAndHandlesFlat() throws IOException {
        List<Path> images = TinyModel.images();
        List<Path> batch = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            batch.add(images.get(i % images.size()));
        }
        try (XrayClassifier classifier = XrayClassifier.load(TinyModel.directory())) {
            for (int i = 0; i < 4; i++) {
                classifier.predictAll(batch, 50);
            }
            System.gc();
            long rssBefore = residentKb();
            int filesBefore = openFiles();
            int predictions = 0;
            for (int round = 0; round < 40; round++) {
                BatchPredictions result = classifier.predictAll(batch, 50);
                predictions += result.predictions().size();
            }
            System.gc();
            long rssGrowth = residentKb() - rssBefore;
            int fileGrowth = openFiles() - filesBefore;
            LOG.info("{} predictions: resident memory grew {} KB, open files grew {}", predictions, rssGrowth,
                    fileGrowth);
            assertThat(predictions).isEqualTo(20_000);
            assertThat(rssGrowth).as("resident memory growth in KB").isLessThan(MAX_RSS_GROWTH_KB);
            assertThat(fileGrowth).as("open file descriptor growth").isLessThanOrEqualTo(MAX_FD_GROWTH);
        }
    }
}
