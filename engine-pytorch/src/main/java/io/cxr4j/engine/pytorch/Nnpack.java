package io.cxr4j.engine.pytorch;

import ai.djl.pytorch.jni.LibUtils;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Switches libtorch's NNPACK convolutions off, as Python's {@code
 * torch.backends.nnpack.set_flags(False)} does. libtorch asks NNPACK before each convolution it
 * might hand to it, and where NNPACK does not support the processor (AMD EPYC here) it writes
 * {@code Could not initialize NNPACK! Reason: Unsupported hardware.} to standard error each time,
 * 16 to 85 times a training run, a line no user can act on. On CPUs libtorch computes convolutions
 * with oneDNN first and turns to NNPACK only for shapes oneDNN declines, so nothing cxr4j runs
 * loses speed.
 */
final class Nnpack {

    private static final Logger LOG = LoggerFactory.getLogger(Nnpack.class);

    private static final String GLOBAL_CONTEXT = "_ZN2at13globalContextEv";
    private static final String SET_ENABLED = "_ZN2at7Context20setUserEnabledNNPACKEb";

    private Nnpack() {}

    /** Switches NNPACK off for the process; a libtorch without the switch is left as it is. */
    static void disable() {
        Path library = Path.of(LibUtils.getLibtorchPath(), "libtorch_cpu.so");
        try {
            NativeLibrary torch = NativeLibrary.getInstance(library.toString());
            Pointer context = torch.getFunction(GLOBAL_CONTEXT).invokePointer(new Object[0]);
            torch.getFunction(SET_ENABLED).invokeVoid(new Object[] {context, (byte) 0});
        } catch (UnsatisfiedLinkError e) {
            // Only the warning lines stay: nothing is computed differently.
            LOG.debug("Cannot switch NNPACK off in {}: {}", library, e.getMessage());
        }
    }
}
