package io.cxr4j.engine.pytorch;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.pytorch.jni.LibUtils;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class NnpackTest {

    @Test
    void theStartedEngineHasNnpackSwitchedOff() {
        PyTorchEngine.djlEngine();

        NativeLibrary torch = NativeLibrary.getInstance(Path.of(LibUtils.getLibtorchPath(), "libtorch_cpu.so").toString());
        Pointer context = torch.getFunction("_ZN2at13globalContextEv").invokePointer(new Object[0]);
        // at::Context::userEnabledNNPACK() const returns a C++ bool: the low byte of the result.
        int enabled = torch.getFunction("_ZNK2at7Context17userEnabledNNPACKEv").invokeInt(new Object[] {context}) & 0xFF;

        assertThat(enabled).isZero();
    }
}
