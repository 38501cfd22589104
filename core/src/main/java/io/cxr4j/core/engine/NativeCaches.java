package io.cxr4j.core.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides where the engines' native libraries are unpacked, so that any number of users can share a
 * machine. DJL unpacks libtorch (about 430 MB), JavaCPP the TensorFlow libraries (about 600 MB) and
 * JNA its dispatch library into cache folders that they load code from. Left to themselves they
 * fall back to shared folders in {@code /tmp} when the home folder is not writable, where the first
 * user's private folder locks every other user out, and where one user could place a library that
 * another then loads.
 *
 * <p>{@link #configure()} keeps every folder the user has chosen ({@value #DJL_CACHE_DIR} or
 * {@value #ENGINE_CACHE_DIR}, {@value #JAVACPP_CACHE_DIR}, {@value #JNA_TEMP_DIR}) and points the
 * others below one per-user root: {@value #ROOT_PROPERTY} or {@value #ROOT_ENV} if set, else
 * {@code $XDG_CACHE_HOME/cxr4j} or {@code ~/.cache/cxr4j} when it can be created, else {@code
 * <java.io.tmpdir>/cxr4j-<uid>}. The root is created readable by its owner only, and an existing
 * root is refused when another user owns it, when others may write into it, or when it is a
 * symbolic link.
 */
public final class NativeCaches {

    /** System property that names the cache root. */
    public static final String ROOT_PROPERTY = "cxr4j.cache.dir";
    /** Environment variable that names the cache root. */
    public static final String ROOT_ENV = "CXR4J_CACHE_DIR";
    /** DJL's cache folder setting (system property or environment variable), which also holds its engines. */
    public static final String DJL_CACHE_DIR = "DJL_CACHE_DIR";
    /** DJL's engine cache folder setting (system property or environment variable). */
    public static final String ENGINE_CACHE_DIR = "ENGINE_CACHE_DIR";
    /** JavaCPP's cache folder system property, where the TensorFlow natives are unpacked. */
    public static final String JAVACPP_CACHE_DIR = "org.bytedeco.javacpp.cachedir";
    /** JNA's folder for its unpacked native library (system property). */
    public static final String JNA_TEMP_DIR = "jna.tmpdir";

    /** The spelling JavaCPP also accepts for {@link #JAVACPP_CACHE_DIR}. */
    private static final String JAVACPP_CACHE_DIR_ALIAS = "org.bytedeco.javacpp.cacheDir";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    private static final String NAME_ANOTHER = "Or name a folder of your own with the environment variable "
            + ROOT_ENV + " or the system property " + ROOT_PROPERTY + ".";
    private static final Logger LOG = LoggerFactory.getLogger(NativeCaches.class);

    private static boolean configured;

    private NativeCaches() {}

    /**
     * What the cache folders are decided from: the process's settings and who runs it.
     *
     * @param properties system properties by name (null when unset)
     * @param environment environment variables by name (null when unset)
     * @param home the user's home folder ({@code user.home})
     * @param temp the temporary folder ({@code java.io.tmpdir})
     * @param uid the numeric id of the user running the process, asked only when a root is needed
     */
    record Host(Function<String, String> properties, Function<String, String> environment, Path home, Path temp,
            ToLongFunction<Path> uid) {

        /** @return this process's settings and user */
        static Host current() {
            return new Host(System::getProperty, System::getenv, Path.of(System.getProperty("user.home")),
                    Path.of(System.getProperty("java.io.tmpdir")), NativeCaches::ownerOfNewFile);
        }

        private String setting(Function<String, String> source, String name) {
            String value = source.apply(name);
            return value == null || value.isBlank() ? null : value;
        }

        String property(String name) {
            return setting(properties, name);
        }

        String env(String name) {
            return setting(environment, name);
        }
    }

    /**
     * Points DJL, JavaCPP and JNA at per-user cache folders, unless the user chose their own. Call
     * before any engine loads native code; engines do so when they start. Later calls do nothing.
     *
     * @throws UncheckedIOException when the per-user folder cannot be created or is not safe to load
     *     code from; the message says what to do
     */
    public static synchronized void configure() {
        if (configured) {
            return;
        }
        Map<String, String> settings;
        try {
            settings = settings(Host.current());
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        settings.forEach(System::setProperty);
        if (!settings.isEmpty()) {
            LOG.debug("Native library caches: {}", settings);
        }
        configured = true;
    }

    /**
     * The system properties to set for a host: a folder below the per-user root for each cache the
     * user has not placed. The root is created (or checked) only when one is needed.
     *
     * @throws IOException when the root cannot be created or is not safe
     */
    static Map<String, String> settings(Host host) throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        boolean djlChosen = host.property(DJL_CACHE_DIR) != null || host.env(DJL_CACHE_DIR) != null
                || host.property(ENGINE_CACHE_DIR) != null || host.env(ENGINE_CACHE_DIR) != null;
        boolean javacppChosen = host.property(JAVACPP_CACHE_DIR) != null
                || host.property(JAVACPP_CACHE_DIR_ALIAS) != null;
        boolean jnaChosen = host.property(JNA_TEMP_DIR) != null;
        if (djlChosen && javacppChosen && jnaChosen) {
            return settings;
        }
        Path root = root(host);
        if (!djlChosen) {
            settings.put(DJL_CACHE_DIR, root.resolve("djl").toString());
        }
        if (!javacppChosen) {
            settings.put(JAVACPP_CACHE_DIR, root.resolve("javacpp").toString());
        }
        if (!jnaChosen) {
            settings.put(JNA_TEMP_DIR, root.resolve("jna").toString());
        }
        return settings;
    }

    /**
     * This process's per-user cache root, chosen and checked as {@link #configure()} does; other
     * cached files (such as downloaded pretrained weights) go below it too.
     *
     * @return the root, created private to the user if missing
     * @throws IOException when it cannot be created or is not safe; the message says what to do
     */
    public static Path root() throws IOException {
        return root(Host.current());
    }

    /**
     * The per-user cache root, created private to the user if missing.
     *
     * @throws IOException when it cannot be created or is not safe
     */
    static Path root(Host host) throws IOException {
        long uid = host.uid().applyAsLong(host.temp());
        String named = host.property(ROOT_PROPERTY) != null ? host.property(ROOT_PROPERTY) : host.env(ROOT_ENV);
        if (named != null) {
            return ensurePrivate(Path.of(named).toAbsolutePath(), uid, true);
        }
        String xdg = host.env("XDG_CACHE_HOME");
        Path userCache = xdg != null && Path.of(xdg).isAbsolute() ? Path.of(xdg) : host.home().resolve(".cache");
        Path inHome = ensurePrivate(userCache.resolve("cxr4j"), uid, false);
        return inHome != null ? inHome : ensurePrivate(host.temp().resolve("cxr4j-" + uid), uid, true);
    }

    /**
     * Creates a folder readable by its owner only, or checks an existing one.
     *
     * @param required whether failing to create it is an error; else it gives null
     */
    private static Path ensurePrivate(Path folder, long uid, boolean required) throws IOException {
        try {
            Files.createDirectories(folder.getParent());
            Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            // The umask can only remove bits, but a default ACL could add some.
            Files.setPosixFilePermissions(folder, OWNER_ONLY);
            return folder;
        } catch (FileAlreadyExistsException e) {
            if (Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
                checkSafe(folder, uid);
                return folder;
            }
            return cannotCreate(folder, required, e);
        } catch (IOException e) {
            return cannotCreate(folder, required, e);
        }
    }

    private static Path cannotCreate(Path folder, boolean required, IOException e) throws IOException {
        if (!required) {
            return null;
        }
        throw new IOException("Cannot create " + folder + ", the folder for the engines' native libraries ("
                + e + "). " + NAME_ANOTHER, e);
    }

    /** Refuses a folder that another user owns or may write into, where code could be planted. */
    private static void checkSafe(Path folder, long uid) throws IOException {
        String refusing = "Refusing " + folder + " as the folder for the engines' native libraries: ";
        PosixFileAttributes attributes = Files.readAttributes(folder, PosixFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS);
        if (!attributes.isDirectory()) {
            throw new IOException(refusing + "it is " + (attributes.isSymbolicLink() ? "a symbolic link, which"
                    + " another user may have placed to make this process load their code" : "not a folder")
                    + ". Remove it. " + NAME_ANOTHER);
        }
        long owner = ((Number) Files.getAttribute(folder, "unix:uid", LinkOption.NOFOLLOW_LINKS)).longValue();
        if (owner != uid) {
            throw new IOException(refusing + "it belongs to user " + attributes.owner().getName() + " (uid " + owner
                    + "), not to uid " + uid + " that runs this process, so that user could place code there that"
                    + " this process would load. Its owner (or root) should remove it. " + NAME_ANOTHER);
        }
        Set<PosixFilePermission> permissions = attributes.permissions();
        if (permissions.contains(PosixFilePermission.GROUP_WRITE)
                || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw new IOException(refusing + "its permissions " + PosixFilePermissions.toString(permissions)
                    + " let other users write into it, so they could place code there that this process would"
                    + " load. Run chmod 700 " + folder + ". " + NAME_ANOTHER);
        }
    }

    /** The user running this process, as the owner of a file it creates in {@code folder}. */
    private static long ownerOfNewFile(Path folder) {
        try {
            Path probe = Files.createTempFile(folder, "cxr4j-uid", ".tmp");
            try {
                return ((Number) Files.getAttribute(probe, "unix:uid")).longValue();
            } finally {
                Files.delete(probe);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a file in the temporary folder " + folder
                    + " to find out which user runs this process", e);
        }
    }
}
