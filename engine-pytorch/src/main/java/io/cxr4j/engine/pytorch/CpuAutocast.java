package io.cxr4j.engine.pytorch;

import ai.djl.pytorch.jni.LibUtils;
import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import io.cxr4j.core.platform.CpuInfo;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PyTorch's CPU autocast for the calling thread: while it is on, libtorch runs convolutions and
 * dense layers in bfloat16 and records the casts in the autograd graph, exactly as Python's {@code
 * torch.autocast("cpu")}. DJL 0.36 exposes no autocast and its {@code toType} records no gradient,
 * so libtorch's own switches ({@code at::autocast::set_autocast_enabled} and {@code clear_cache})
 * are called through JNA, which DJL already depends on. libtorch keeps the switch per thread, so
 * one {@link Scope} must open and close on the thread that runs the forward pass.
 */
final class CpuAutocast {

    private static final Logger LOG = LoggerFactory.getLogger(CpuAutocast.class);

    /** {@code c10::DeviceType::CPU}. */
    private static final byte CPU_DEVICE = 0;
    private static final String SET_ENABLED = "_ZN2at8autocast20set_autocast_enabledEN3c1010DeviceTypeEb";
    private static final String CLEAR_CACHE = "_ZN2at8autocast11clear_cacheEv";

    private static Switches switches;

    private CpuAutocast() {}

    private record Switches(Function setEnabled, Function clearCache) {}

    /** Switches autocast off on close and frees the bfloat16 weight copies libtorch cached. */
    static final class Scope implements AutoCloseable {
        private final Switches target;

        private Scope(Switches target) {
            this.target = target;
            target.setEnabled().invokeVoid(new Object[] {CPU_DEVICE, (byte) 1});
        }

        @Override
        public void close() {
            target.setEnabled().invokeVoid(new Object[] {CPU_DEVICE, (byte) 0});
            target.clearCache().invokeVoid(new Object[0]);
        }
    }

    /**
     * Switches bfloat16 autocast on for the calling thread.
     *
     * @return the scope that switches it off again
     * @throws IllegalStateException if the loaded libtorch lacks the autocast functions
     */
    static Scope open() {
        return new Scope(switches());
    }

    private static synchronized Switches switches() {
        if (switches == null) {
            Path library = Path.of(LibUtils.getLibtorchPath(), "libtorch_cpu.so");
            try {
                NativeLibrary torch = NativeLibrary.getInstance(library.toString());
                switches = new Switches(torch.getFunction(SET_ENABLED), torch.getFunction(CLEAR_CACHE));
            } catch (UnsatisfiedLinkError e) {
                throw new IllegalStateException("bfloat16 training needs libtorch's CPU autocast functions, which "
                        + library + " does not provide (" + e.getMessage() + "). Train with precision FLOAT32,"
                        + " or use the libtorch version this engine was built for.", e);
            }
            if (!CpuInfo.current().has("avx512_bf16") && !CpuInfo.current().has("amx_bf16")) {
                LOG.warn("This CPU reports neither avx512_bf16 nor amx_bf16: bfloat16 training will be emulated and"
                        + " probably slower than float32. Train with precision FLOAT32 here.");
            }
        }
        return switches;
    }
}
