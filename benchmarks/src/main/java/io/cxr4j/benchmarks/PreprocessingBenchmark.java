package io.cxr4j.benchmarks;

import io.cxr4j.core.image.ImageDecodeException;
import io.cxr4j.core.image.Preprocessor;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decode + resize + normalise of real image files, in images per second, on one thread and on
 * every core. Preprocessing is plain Java shared by every engine (the engine never sees the file),
 * so this benchmark has no engine parameter: its result holds for each engine alike.
 *
 * <p>{@code jpeg} is the 1,124 DarkCovidNet JPEGs (at most 512 px); {@code png} is the
 * full-resolution PNGs (8-bit gray 1024 px and 16-bit RGB 1618x1552). Each thread walks the files
 * round-robin from its own starting point.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true"})
public class PreprocessingBenchmark {

    /** The files and the preprocessing, shared by all threads. */
    @State(Scope.Benchmark)
    public static class Files {
        /** Which files: {@code jpeg} (darkcovidnet) or {@code png} (full-resolution). */
        @Param({"jpeg", "png"})
        public String format;

        /** The input of the model, {@code channels x side}. */
        @Param({"1x224"})
        public String input;

        List<Path> files;
        Preprocessor preprocessor;

        /** Lists the files. */
        @Setup(Level.Trial)
        public void setUp() {
            files = format.equals("jpeg")
                    ? BenchmarkSupport.files("darkcovidnet", ".jpg", ".jpeg")
                    : BenchmarkSupport.files("full-resolution", ".png");
            preprocessor = new Preprocessor(BenchmarkSupport.spec(input));
        }
    }

    /** Each thread's position in the file list. */
    @State(Scope.Thread)
    public static class Cursor {
        private static final java.util.concurrent.atomic.AtomicInteger STARTS =
                new java.util.concurrent.atomic.AtomicInteger();
        int position;

        /** Spreads the threads over the files so they do not all read the same one. */
        @Setup(Level.Trial)
        public void setUp() {
            position = STARTS.getAndAdd(97);
        }

        Path next(List<Path> files) {
            return files.get(Math.floorMod(position++, files.size()));
        }
    }

    /**
     * One image on one thread.
     *
     * @return the tensor, so the work cannot be optimised away
     */
    @Benchmark
    @Threads(1)
    public float[] singleThread(Files files, Cursor cursor) throws ImageDecodeException {
        return files.preprocessor.preprocess(cursor.next(files.files));
    }

    /**
     * One image on each of as many threads as there are cores.
     *
     * @return the tensor, so the work cannot be optimised away
     */
    @Benchmark
    @Threads(Threads.MAX)
    public float[] allCores(Files files, Cursor cursor) throws ImageDecodeException {
        return files.preprocessor.preprocess(cursor.next(files.files));
    }
}
