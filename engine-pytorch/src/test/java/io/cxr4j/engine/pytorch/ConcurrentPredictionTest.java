package io.cxr4j.engine.pytorch;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxr4j.core.inference.Prediction;
import io.cxr4j.core.inference.XrayClassifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One classifier shared by 8 threads gives exactly the sequential results. */
class ConcurrentPredictionTest {

    private static final int THREADS = 8;
    private static final int PREDICTIONS = 2_000;

    @Test
    void eightThreadsTwoThousandPredictionsMatchSequentialPrediction() throws Exception {
        List<Path> images = TinyModel.images();
        try (XrayClassifier classifier = XrayClassifier.load(TinyModel.directory())) {
            List<List<Double>> sequential = new ArrayList<>();
            for (Path image : images) {
                sequential.add(classifier.predict(image).probabilities());
            }
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<int[]>> futures = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int thread = t;
                    futures.add(pool.submit(() -> {
                        int matched = 0;
                        int done = 0;
                        for (int i = thread; i < PREDICTIONS; i += THREADS) {
                            int index = i % images.size();
                            Prediction p = classifier.predict(images.get(index));
                            done++;
                            if (p.probabilities().equals(sequential.get(index))) {
                                matched++;
                            }
                        }
                        return new int[] {done, matched};
                    }));
                }
                int done = 0;
                int matched = 0;
                for (Future<int[]> f : futures) {
                    int[] counts = f.get();
                    done += counts[0];
                    matched += counts[1];
                }
                assertThat(done).isEqualTo(PREDICTIONS);
                assertThat(matched).as("predictions identical to the sequential ones").isEqualTo(PREDICTIONS);
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
