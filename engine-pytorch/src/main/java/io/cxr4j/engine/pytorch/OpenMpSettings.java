package io.cxr4j.engine.pytorch;

import com.sun.jna.Library;
import com.sun.jna.Native;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes libtorch's OpenMP threads sleep, instead of spin, while they wait for work, unless the
 * user chose a policy. libtorch runs each operator on a team of OpenMP threads (libgomp), whose
 * waiting threads by default spin for a while before sleeping. When other processes share the
 * cores, the spinning threads take the time the working ones need: on a 2-core machine with other
 * jobs running, DarkCovidNet training steps took about 3 times and single-image predictions up to
 * 20 times longer than with {@code OMP_WAIT_POLICY=PASSIVE}, in DJL and in Python PyTorch alike.
 * Even short spins cost there ({@code GOMP_SPINCOUNT=1000} or {@code 3000}: 1.3 to 3 times
 * PASSIVE's latency). With the cores nearly free (load average under 2), sleeping cost nothing
 * measurable in training and about 5 ms per single-image prediction (7 against 12 ms), which users
 * who own the machine can win back with {@code OMP_WAIT_POLICY=ACTIVE}.
 *
 * <p>libgomp reads the policy from the environment once, when it is loaded, so it must be set in
 * this process before DJL loads libtorch. Java cannot change its own environment; the C library's
 * {@code setenv} is called through JNA, which DJL already depends on.
 */
final class OpenMpSettings {

    static final String WAIT_POLICY = "OMP_WAIT_POLICY";
    static final String SPIN_COUNT = "GOMP_SPINCOUNT";
    static final String PASSIVE = "PASSIVE";

    private static final Logger LOG = LoggerFactory.getLogger(OpenMpSettings.class);

    private static boolean applied;

    private OpenMpSettings() {}

    /** The C library's environment functions. */
    private interface CLibrary extends Library {
        int setenv(String name, String value, int overwrite);
    }

    /**
     * Sets {@code OMP_WAIT_POLICY=PASSIVE} in this process's environment unless {@code
     * OMP_WAIT_POLICY} or {@code GOMP_SPINCOUNT} is already set; does nothing after the first
     * call. Call it before libtorch is loaded: later, libgomp has already read its settings.
     */
    static synchronized void beforeLoadingLibtorch() {
        if (applied) {
            return;
        }
        applied = true;
        String policy = System.getenv(WAIT_POLICY);
        String spinCount = System.getenv(SPIN_COUNT);
        if (policy != null || spinCount != null) {
            LOG.info("libtorch's OpenMP threads wait as the environment says ({}={}, {}={})", WAIT_POLICY, policy,
                    SPIN_COUNT, spinCount);
            return;
        }
        try {
            CLibrary c = Native.load("c", CLibrary.class);
            if (c.setenv(WAIT_POLICY, PASSIVE, 0) != 0) {
                throw new IllegalStateException("setenv returned an error");
            }
            LOG.info("libtorch's OpenMP threads sleep while idle ({}={}); set {}=ACTIVE to let them spin",
                    WAIT_POLICY, PASSIVE, WAIT_POLICY);
        } catch (LinkageError | RuntimeException e) {
            LOG.warn("Cannot set {}={} for libtorch ({}); on a busy machine PyTorch may run several times slower."
                    + " Start the JVM with the environment variable {}={} instead.", WAIT_POLICY, PASSIVE, e,
                    WAIT_POLICY, PASSIVE);
        }
    }
}
