package io.cxr4j.dataset;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The folder that holds the named data sets ({@code seed/}, {@code darkcovidnet/}, ...), and
 * where that location came from, so that error messages can say why a folder was looked for.
 *
 * <p>{@link #resolve()} looks, in this order, at
 *
 * <ol>
 *   <li>the system property {@value #PROPERTY} (Maven Surefire passes it from the environment
 *       variable; command-line tools set it from their {@code --data PATH} option),
 *   <li>the environment variable {@value #ENV},
 *   <li>{@code ~/.cxr4j/datasets}.
 * </ol>
 *
 * Blank values and unexpanded Maven placeholders such as {@code ${env.CXR4J_DATA_DIR}} count as
 * unset, because a build passes the property through even when the variable is not defined.
 *
 * @param path the data root; it need not exist yet
 * @param origin a human-readable description of where the path came from, for messages
 */
public record DataDirectory(Path path, String origin) {

    /** The system property that names the data root. */
    public static final String PROPERTY = "cxr4j.data.dir";

    /** The environment variable that names the data root. */
    public static final String ENV = "CXR4J_DATA_DIR";

    /**
     * Validates the path and makes it absolute and normalized.
     *
     * @param path the data root; not null; a relative path is resolved against the working directory;
     *     it need not exist
     * @param origin a human-readable description of where the path came from; not null
     */
    public DataDirectory {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(origin, "origin");
        path = path.toAbsolutePath().normalize();
    }

    /**
     * The data root chosen by the caller.
     *
     * @param path the data root
     * @return the data directory
     */
    public static DataDirectory of(Path path) {
        return new DataDirectory(path, "set by the caller");
    }

    /**
     * The data root of this process: system property, then environment variable, then the
     * default under the user's home folder.
     *
     * @return the data directory
     */
    public static DataDirectory resolve() {
        return resolve(System::getProperty, System::getenv, Path.of(System.getProperty("user.home")));
    }

    /**
     * The data root from explicit sources, so that the order of precedence can be tested without
     * changing the process environment.
     *
     * @param properties looks up a system property, returning {@code null} when unset
     * @param environment looks up an environment variable, returning {@code null} when unset
     * @param home the user's home folder
     * @return the data directory
     */
    static DataDirectory resolve(
            UnaryOperator<String> properties, UnaryOperator<String> environment, Path home) {
        String property = properties.apply(PROPERTY);
        if (isSet(property)) {
            return new DataDirectory(Path.of(property.strip()), "system property " + PROPERTY);
        }
        String env = environment.apply(ENV);
        if (isSet(env)) {
            return new DataDirectory(Path.of(env.strip()), "environment variable " + ENV);
        }
        return new DataDirectory(
                home.resolve(".cxr4j").resolve("datasets"),
                "default location (neither " + PROPERTY + " nor " + ENV + " is set)");
    }

    /**
     * The folder of a named data set under this root.
     *
     * @param name the data set's folder name, such as {@code seed}
     * @return {@code path/name}
     */
    public Path folder(String name) {
        return path.resolve(name);
    }

    /** @return the path and where it came from, for messages */
    @Override
    public String toString() {
        return path + " (" + origin + ")";
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank() && !value.contains("${");
    }
}
