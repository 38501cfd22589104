package io.cxr4j.engine.tensorflow;

import ai.djl.engine.Engine;
import ai.djl.util.Utils;
import io.cxr4j.core.engine.NativeCaches;
import java.nio.file.Path;
import org.bytedeco.javacpp.Loader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts TensorFlow offline, once per JVM, for both halves of the engine: the TensorFlow Java
 * classes that train (bundled in DJL's {@code tensorflow-api}) and DJL's TensorFlow engine that
 * serves.
 *
 * <p>The native library comes from the {@code org.tensorflow:tensorflow-core-native} jar on the
 * classpath: JavaCPP extracts and loads it, and DJL is pointed at that same folder through {@code
 * TENSORFLOW_LIBRARY_PATH}. Without that, DJL would look for its own native jar and, not finding
 * one, download TensorFlow; loading a second copy of the libraries would also break TensorFlow. The
 * libraries are unpacked into a per-user folder ({@link NativeCaches}).
 */
final class TensorFlowRuntime {

    /** DJL's name for its TensorFlow engine. */
    static final String DJL_ENGINE = "TensorFlow";

    private static final Logger LOG = LoggerFactory.getLogger(TensorFlowRuntime.class);
    private static final String LIBRARY_PATH = "TENSORFLOW_LIBRARY_PATH";

    private static boolean loaded;

    private TensorFlowRuntime() {}

    /**
     * Loads the TensorFlow natives from the classpath, if not done yet, and checks that their
     * float32 kernels compute correctly on this processor ({@link TensorFlowKnownAnswer}). Must run
     * before the first TensorFlow Java class touches native code.
     *
     * @throws IllegalStateException when the native jar is missing or does not load
     * @throws io.cxr4j.core.engine.KnownAnswerException when the kernels miscompute here
     */
    static synchronized void loadNatives() {
        if (loaded) {
            return;
        }
        NativeCaches.configure();
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        // JavaCPP otherwise caps off-heap memory at the heap size and fails large graphs with
        // OutOfMemoryError although the memory is available; DJL sets the same when it loads.
        setIfAbsent("org.bytedeco.javacpp.maxBytes", "0");
        setIfAbsent("org.bytedeco.javacpp.maxPhysicalBytes", "0");
        String library;
        try {
            library = Loader.load(org.tensorflow.internal.c_api.global.tensorflow.class);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            throw new IllegalStateException("Cannot load the TensorFlow native library (" + e.getMessage()
                    + "). Put org.tensorflow:tensorflow-core-native:1.0.0-rc.1 with classifier linux-x86_64 on"
                    + " the classpath (cxr4j-engine-tensorflow declares it as a runtime dependency) and check"
                    + " that JavaCPP's cache folder (system property " + NativeCaches.JAVACPP_CACHE_DIR + ", now "
                    + System.getProperty(NativeCaches.JAVACPP_CACHE_DIR, "unset") + ") is writable, or set it to a"
                    + " writable folder of your own.", e);
        }
        if (library == null) {
            throw new IllegalStateException("JavaCPP found no TensorFlow native library for "
                    + Loader.getPlatform() + ". Add org.tensorflow:tensorflow-core-native:1.0.0-rc.1 with the"
                    + " classifier of this platform.");
        }
        if (Utils.getEnvOrSystemProperty(LIBRARY_PATH) == null) {
            System.setProperty(LIBRARY_PATH, Path.of(library).getParent().toString());
        }
        LOG.debug("TensorFlow natives loaded from {}", library);
        TensorFlowKnownAnswer.requireFloat32();
        loaded = true;
    }

    /**
     * DJL's TensorFlow engine, started on the natives that {@link #loadNatives} loaded.
     *
     * @return the started engine
     */
    static Engine djlEngine() {
        loadNatives();
        return Engine.getEngine(DJL_ENGINE);
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
