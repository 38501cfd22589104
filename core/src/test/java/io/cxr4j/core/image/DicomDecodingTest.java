package io.cxr4j.core.image;

import static io.cxr4j.core.testing.SyntheticImages.gray8;
import static io.cxr4j.core.testing.SyntheticImages.writePng;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cxr4j.core.image.ImageDecodeException.Reason;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.DoubleUnaryOperator;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DICOM files made by dcmtk and GDCM from 16x16 images of known stored values (see
 * src/test/resources/dicom/make-fixtures.sh); the expected pixels are recomputed here from those
 * values and the formulas of DICOM PS3.3 C.11.
 */
class DicomDecodingTest {

    private static final int SIDE = 16;

    private final ImageDecoder decoder = new ImageDecoder();

    @TempDir
    Path dir;

    @Test
    void appliesRescaleInterceptAndWindowToTwelveBitValues() throws Exception {
        GrayImage image = decoder.decode(fixture("window.dcm"));

        // Stored (16 x + y) * 16; modality value = stored - 1000; window centre 1000, width 2001.
        assertPixels(image, i -> i * 16 - 1000, m -> linearWindow(m, 1000, 2001));
        assertThat(image.get(0, 0)).isZero();
        assertThat(image.get(4, 0)).isCloseTo(0.01225f, within(1e-6f)); // m = 24
        assertThat(image.get(8, 0)).isCloseTo(0.52425f, within(1e-6f)); // m = 1048
        assertThat(image.get(15, 15)).isEqualTo(1f);
    }

    @Test
    void appliesRescaleSlopeAndInterceptToSignedValues() throws Exception {
        GrayImage image = decoder.decode(fixture("rescale.dcm"));

        // Stored (16 x + y) * 8 - 1024 (signed); modality = 2 stored - 1024; window centre 0, width 4000.
        assertPixels(image, i -> 2 * (i * 8 - 1024) - 1024, m -> linearWindow(m, 0, 4000));
        assertThat(image.get(0, 0)).isZero(); // m = -3072, below the window
        assertThat(image.get(12, 0)).isCloseTo((float) (0.5 / 3999 + 0.5), within(1e-6f)); // m = 0
    }

    @Test
    void spansTheValueRangeWithoutAWindowAndKeepsSixteenBitSteps() throws Exception {
        GrayImage image = decoder.decode(fixture("minmax-16bit.dcm"));

        // Stored (16 x + y) * 16 in big-endian order, from 0 to 4080; no rescale, no window.
        assertPixels(image, i -> i * 16, m -> m / 4080.0);
        // Neighbouring stored values 16 apart stay apart: 8-bit quantisation would merge some.
        assertThat(image.get(0, 1) - image.get(0, 0)).isCloseTo(16f / 4080, within(1e-6f));
    }

    @Test
    void invertsMonochromeOne() throws Exception {
        GrayImage image = decoder.decode(fixture("monochrome1.dcm"));

        // Stored 16 x + y from 0 to 255, no window: range, then inverted (low values white).
        assertPixels(image, i -> i, m -> 1 - m / 255.0);
        assertThat(image.get(0, 0)).isEqualTo(1f);
        assertThat(image.get(15, 15)).isZero();
    }

    @Test
    void decodesJpegLosslessToTheSameValuesAsUncompressed() throws Exception {
        GrayImage firstOrder = decoder.decode(fixture("jpeg-lossless.dcm"));
        GrayImage predictorSix = decoder.decode(fixture("jpeg-lossless-sv6.dcm"));

        // The same stored values as window.dcm (1.2.840.10008.1.2.4.70) and rescale.dcm (.57).
        assertPixels(firstOrder, i -> i * 16 - 1000, m -> linearWindow(m, 1000, 2001));
        assertPixels(predictorSix, i -> 2 * (i * 8 - 1024) - 1024, m -> linearWindow(m, 0, 4000));
        assertThat(firstOrder).isEqualTo(decoder.decode(fixture("window.dcm")));
        assertThat(predictorSix).isEqualTo(decoder.decode(fixture("rescale.dcm")));
    }

    @Test
    void decodesLosslessJpeg2000ToTheSameValuesAsUncompressed() throws Exception {
        GrayImage twelveBit = decoder.decode(fixture("jpeg2000.dcm"));
        GrayImage signed = decoder.decode(fixture("jpeg2000-signed.dcm"));

        // window.dcm's and rescale.dcm's stored values (1.2.840.10008.1.2.4.90), through their windows.
        assertPixels(twelveBit, i -> i * 16 - 1000, m -> linearWindow(m, 1000, 2001));
        assertPixels(signed, i -> 2 * (i * 8 - 1024) - 1024, m -> linearWindow(m, 0, 4000));
        assertThat(twelveBit).isEqualTo(decoder.decode(fixture("window.dcm")));
        assertThat(signed).isEqualTo(decoder.decode(fixture("rescale.dcm")));
        // Neighbouring stored values 16 apart stay 16 apart inside the window: full depth is kept.
        assertThat(twelveBit.get(4, 1) - twelveBit.get(4, 0)).isCloseTo(16f / 2000, within(1e-6f));
    }

    @Test
    void decodesLossyJpeg2000CloseToTheOriginal() throws Exception {
        GrayImage lossy = decoder.decode(fixture("jpeg2000-lossy.dcm"));
        GrayImage original = decoder.decode(fixture("window.dcm"));

        // Rate 10 (1.2.840.10008.1.2.4.91) on a ramp with a jump of 256 stored steps between
        // columns: 0.056 at most and 0.007 on average here (112 and 14 of the window's 2001 steps),
        // where a wrong decoding differs by up to 1. Not all equal, or the file would not be lossy.
        float largest = 0;
        double sum = 0;
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                float error = Math.abs(lossy.get(x, y) - original.get(x, y));
                largest = Math.max(largest, error);
                sum += error;
            }
        }
        assertThat(largest).isGreaterThan(0f).isLessThan(0.08f);
        assertThat(sum / (SIDE * SIDE)).isLessThan(0.01);
        // The brightest values overshoot the 12 stored bits when decoded; clamped, they stay white.
        assertThat(lossy.get(15, 15)).isEqualTo(1f);
    }

    @Test
    void stepsOverNestedSequencesOfUndefinedLengthBeforeCompressedPixelData() throws Exception {
        Path file = fixture("sequence-jpeg-lossless.dcm");

        assertThat(decoder.decode(file)).isEqualTo(decoder.decode(fixture("window.dcm")));
        assertThat(decoder.readDicomMetadata(file)).contains(new DicomMetadata("PAT-0042", "PA", "Acme Imaging"));
    }

    @Test
    void readsPatientViewAndManufacturer() throws Exception {
        DicomMetadata expected = new DicomMetadata("PAT-0042", "PA", "Acme Imaging");

        assertThat(decoder.readDicomMetadata(fixture("window.dcm"))).contains(expected);
        assertThat(decoder.readDicomMetadata(fixture("jpeg-lossless.dcm"))).contains(expected);
        assertThat(decoder.readDicomMetadata(fixture("jpeg2000.dcm"))).contains(expected);
    }

    @Test
    void hasNoDicomMetadataForPng() throws IOException {
        Path png = writePng(gray8(SIDE, SIDE, (x, y, band) -> x), dir.resolve("x.png"));

        assertThat(decoder.readDicomMetadata(png)).isEmpty();
    }

    @Test
    void refusesCompressedTransferSyntaxesNamingThem() throws Exception {
        assertRefused("jpeg-ls.dcm", Reason.UNSUPPORTED_FORMAT,
                "transfer syntax 1.2.840.10008.1.2.4.80 (JPEG-LS Lossless Image Compression)");
        assertRefused("rle.dcm", Reason.UNSUPPORTED_FORMAT, "transfer syntax 1.2.840.10008.1.2.5 (RLE Lossless)");
        assertRefused("htj2k.dcm", Reason.UNSUPPORTED_FORMAT, "transfer syntax 1.2.840.10008.1.2.4.201"
                + " (High-Throughput JPEG 2000 Image Compression (Lossless Only))");
        assertThatThrownBy(() -> decoder.readDicomMetadata(fixture("rle.dcm")))
                .isInstanceOfSatisfying(ImageDecodeException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_FORMAT));
    }

    @Test
    void refusesTruncatedCorruptAndNonDicomFiles() throws Exception {
        assertRefused("truncated.dcm", Reason.TRUNCATED, "ends before the image data does (800 bytes");
        assertRefused("truncated-jpeg-lossless.dcm", Reason.TRUNCATED, "ends before its DICOM data does (1000 bytes");
        assertRefused("size-mismatch.dcm", Reason.UNREADABLE,
                "its JPEG Lossless stream declares 16x16 pixels, but its header 16x17");
        assertRefused("corrupt-jpeg2000.dcm", Reason.UNREADABLE, "its JPEG 2000 stream is corrupt");
        assertRefused("corrupt-jpeg2000.dcm", Reason.UNREADABLE, "First marker after SOC must be SIZ");
        assertRefused("corrupt.dcm", Reason.UNREADABLE, "corrupt");
        assertRefused("not-dicom.dcm", Reason.NOT_AN_IMAGE, "neither PNG, JPEG nor DICOM");
    }

    @Test
    void checksTheDeclaredSizeAgainstTheLimits() throws Exception {
        ImageDecoder strict = new ImageDecoder(new ImageLimits(17, 1_000_000, 10));

        assertThatThrownBy(() -> strict.decode(fixture("window.dcm")))
                .isInstanceOfSatisfying(ImageDecodeException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.TOO_SMALL))
                .hasMessageContaining("16x16");
    }

    @Test
    void feedsThePreprocessingPipeline() throws Exception {
        Preprocessor preprocessor = new Preprocessor(PreprocessingSpec.defaults());

        GrayImage square = preprocessor.load(fixture("window.dcm"));

        assertThat(square.width()).isEqualTo(PreprocessingSpec.DEFAULT_IMAGE_SIZE);
        assertThat(square.height()).isEqualTo(PreprocessingSpec.DEFAULT_IMAGE_SIZE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rescale.dcm", "jpeg-lossless.dcm", "jpeg2000-signed.dcm", "jpeg2000-lossy.dcm"})
    void decodesTheSameImageOnManyThreadsAtOnce(String name) throws Exception {
        Path file = fixture(name);
        GrayImage expected = decoder.decode(file);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<GrayImage>> results = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                results.add(pool.submit(() -> decoder.decode(file)));
            }
            for (Future<GrayImage> result : results) {
                assertThat(result.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void readsHeadersOnSeveralThreadsAtOnce() throws Exception {
        // ImageJ's header parser shares one static buffer between its instances: unguarded, about
        // one header in forty came out garbled here with four threads.
        Path file = fixture("rescale.dcm");
        DicomImageInfo expected = DicomReader.imageInfo(file);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> workers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                workers.add(pool.submit(() -> {
                    int wrong = 0;
                    for (int i = 0; i < 2_000; i++) {
                        try {
                            if (!DicomReader.imageInfo(file).equals(expected)) {
                                wrong++;
                            }
                        } catch (ImageDecodeException e) {
                            wrong++;
                        }
                    }
                    return wrong;
                }));
            }
            for (Future<Integer> worker : workers) {
                assertThat(worker.get()).as("headers read wrongly by one thread").isZero();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** DICOM PS3.3 C.11.2.1.2.1 (LINEAR) with output range [0, 1]. */
    private static double linearWindow(double m, double centre, double width) {
        if (m <= centre - 0.5 - (width - 1) / 2) {
            return 0;
        }
        if (m > centre - 0.5 + (width - 1) / 2) {
            return 1;
        }
        return (m - (centre - 0.5)) / (width - 1) + 0.5;
    }

    /**
     * Checks every pixel: index {@code 16 x + y} of the synthetic ramp gives the modality value,
     * which the display function maps to [0, 1].
     */
    private static void assertPixels(GrayImage image, IntUnaryOperator modality,
            DoubleUnaryOperator display) {
        assertThat(image.width()).isEqualTo(SIDE);
        assertThat(image.height()).isEqualTo(SIDE);
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                double expected = display.applyAsDouble(modality.applyAsInt(SIDE * x + y));
                assertThat(image.get(x, y)).as("pixel (%d, %d)", x, y)
                        .isCloseTo((float) expected, within(1e-6f));
            }
        }
    }

    private void assertRefused(String name, Reason reason, String message) throws URISyntaxException {
        Path file = fixture(name);
        assertThatThrownBy(() -> decoder.decode(file))
                .isInstanceOfSatisfying(ImageDecodeException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.path()).isEqualTo(file);
                })
                .hasMessageContaining(message);
    }

    private static Path fixture(String name) throws URISyntaxException {
        Path file = Path.of(DicomDecodingTest.class.getResource("/dicom/" + name).toURI());
        assertThat(Files.isRegularFile(file)).isTrue();
        return file;
    }
}
