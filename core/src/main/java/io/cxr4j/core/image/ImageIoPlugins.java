package io.cxr4j.core.image;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.spi.ImageReaderWriterSpi;
import javax.imageio.spi.ImageWriterSpi;

/**
 * Keeps the image files of cxr4j and of the application around it decoded as the JDK decodes them,
 * although cxr4j brings ImageIO plug-ins onto the class path.
 *
 * <p>JAI Image I/O's JPEG 2000 reader, used for JPEG 2000 DICOM, needs its {@code jai-imageio-core}
 * library, whose {@code META-INF/services} file registers readers for TIFF, BMP, WBMP, PNM, PCX and
 * raw images and writers for those and GIF in ImageIO's registry of the whole JVM; where the JDK
 * reads or writes the same format, ImageIO then offers JAI's plug-in first, so {@code ImageIO.read}
 * of a TIFF or BMP file, in cxr4j or in the application, would take another decoder. A service file
 * cannot be left out of a Maven dependency, so {@link #preferJdk} orders the JDK's own plug-in
 * ahead of JAI's for every format both handle, which gives the choice ImageIO makes without JAI.
 * JAI's plug-ins stay registered, behind the JDK's, so an application that wants them can still
 * iterate to them, and the formats only JAI reads (PNM, PCX) become readable. PNG and JPEG are not
 * among JAI's formats; {@link ImageDecoder} takes only the JDK's readers for them in any case.
 */
final class ImageIoPlugins {

    /** The package of the plug-ins that jai-imageio-core registers. */
    private static final String JAI_CORE_PLUGINS = "com.github.jaiimageio.impl.plugins.";

    private ImageIoPlugins() {
    }

    /**
     * Orders, in the registry of this thread's application context, the JDK's readers and writers
     * ahead of jai-imageio-core's for each format both handle. Idempotent; called again after
     * {@link ImageIO#scanForPlugins()}, which registers new instances without their ordering.
     */
    static void preferJdk() {
        IIORegistry registry = IIORegistry.getDefaultInstance();
        preferJdk(registry, ImageReaderSpi.class);
        preferJdk(registry, ImageWriterSpi.class);
    }

    /**
     * Whether a reader is the JDK's own (module {@code java.desktop}) rather than a plug-in's.
     *
     * @param reader a reader from ImageIO
     * @return whether the JDK provides it
     */
    static boolean isJdk(ImageReader reader) {
        return reader.getOriginatingProvider() != null && isJdk(reader.getOriginatingProvider());
    }

    private static boolean isJdk(ImageReaderWriterSpi provider) {
        return provider.getClass().getModule() == ImageIO.class.getModule();
    }

    private static <T extends ImageReaderWriterSpi> void preferJdk(IIORegistry registry, Class<T> category) {
        List<T> jdk = new ArrayList<>();
        List<T> jai = new ArrayList<>();
        registry.getServiceProviders(category, false).forEachRemaining(provider -> {
            if (isJdk(provider)) {
                jdk.add(provider);
            } else if (provider.getClass().getName().startsWith(JAI_CORE_PLUGINS)) {
                jai.add(provider);
            }
        });
        for (T first : jdk) {
            for (T second : jai) {
                if (sharesFormat(first, second)) {
                    registry.setOrdering(category, first, second);
                }
            }
        }
    }

    private static boolean sharesFormat(ImageReaderWriterSpi a, ImageReaderWriterSpi b) {
        List<String> names = Arrays.stream(a.getFormatNames()).map(n -> n.toLowerCase(Locale.ROOT)).toList();
        return Arrays.stream(b.getFormatNames()).anyMatch(n -> names.contains(n.toLowerCase(Locale.ROOT)));
    }
}
