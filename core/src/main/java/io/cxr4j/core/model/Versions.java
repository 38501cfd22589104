package io.cxr4j.core.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The versions of cxr4j and DJL this build was made with, for provenance. */
public final class Versions {

    private static final Properties VERSIONS = load();

    private Versions() {}

    /** @return the cxr4j version */
    public static String cxr4j() {
        return VERSIONS.getProperty("cxr4j.version", "unknown");
    }

    /** @return the DJL version cxr4j was built against */
    public static String djl() {
        return VERSIONS.getProperty("djl.version", "unknown");
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = Versions.class.getResourceAsStream("/io/cxr4j/core/version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read cxr4j's bundled version.properties", e);
        }
        return properties;
    }
}
