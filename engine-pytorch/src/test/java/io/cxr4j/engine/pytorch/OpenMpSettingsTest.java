package io.cxr4j.engine.pytorch;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Library;
import com.sun.jna.Native;
import org.junit.jupiter.api.Test;

/** libtorch's OpenMP threads are told to sleep while idle, unless the environment chose how they wait. */
class OpenMpSettingsTest {

    /** The C library's view of the environment, which setenv changes and System.getenv does not see. */
    private interface CLibrary extends Library {
        String getenv(String name);
    }

    @Test
    void theEngineStartsLibtorchWithThePassiveWaitPolicyUnlessTheEnvironmentSetsOne() {
        PyTorchEngine.djlEngine();
        String policy = System.getenv(OpenMpSettings.WAIT_POLICY);
        String expected = policy != null ? policy
                : System.getenv(OpenMpSettings.SPIN_COUNT) != null ? null : OpenMpSettings.PASSIVE;
        assertThat(Native.load("c", CLibrary.class).getenv(OpenMpSettings.WAIT_POLICY)).isEqualTo(expected);
    }
}
