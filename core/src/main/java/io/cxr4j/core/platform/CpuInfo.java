package io.cxr4j.core.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The processor this JVM runs on, as Linux describes it in {@code /proc/cpuinfo}. Native kernels
 * pick their code path from the processor's generation and instruction sets, so two machines of
 * one kind (an AMD Zen 4 and a Zen 5, say) can compute different numbers; results and errors name
 * the processor so that a difference can be tied to it.
 *
 * @param vendor the vendor id, such as {@code AuthenticAMD}, or {@code unknown}
 * @param family the CPU family number, such as {@code 26}, or {@code unknown}
 * @param model the model number within the family, or {@code unknown}
 * @param modelName the marketing name, such as {@code AMD EPYC}, or the JVM's architecture name
 *     where the system does not say
 * @param flags the instruction-set flags the kernel reports; empty where unknown
 */
public record CpuInfo(String vendor, String family, String model, String modelName, Set<String> flags) {

    /** The flags that decide which vector and reduced-precision kernels native libraries use. */
    private static final List<String> KERNEL_FLAGS = List.of("avx2", "fma", "avx512f", "avx512_bf16",
            "avx512_fp16", "avx512_vnni", "avx512_vp2intersect", "amx_bf16", "amx_tile");

    private static final CpuInfo CURRENT = read(Path.of("/proc/cpuinfo"));

    /**
     * Freezes the flags.
     *
     * @param vendor the vendor id, or {@code unknown}
     * @param family the CPU family number, or {@code unknown}
     * @param model the model number, or {@code unknown}
     * @param modelName the marketing name
     * @param flags the instruction-set flags; copied
     */
    public CpuInfo {
        flags = Set.copyOf(flags);
    }

    /** @return the processor this JVM runs on, read once */
    public static CpuInfo current() {
        return CURRENT;
    }

    /**
     * Reads the first processor's entry of a {@code /proc/cpuinfo}-style file; where the file is
     * missing or unreadable (not Linux), the JVM's architecture name stands in.
     *
     * @param cpuinfo the file to read
     * @return what the file says
     */
    static CpuInfo read(Path cpuinfo) {
        String vendor = "unknown";
        String family = "unknown";
        String model = "unknown";
        String name = System.getProperty("os.arch");
        Set<String> flags = Set.of();
        List<String> lines;
        try {
            lines = Files.readAllLines(cpuinfo);
        } catch (IOException | SecurityException e) {
            // Not Linux, or not readable: the architecture name is all that is known.
            lines = List.of();
        }
        for (String line : lines) {
            if (line.isBlank()) {
                break; // the first processor's entry ends here; the others repeat it
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            switch (key) {
                case "vendor_id" -> vendor = value;
                case "cpu family" -> family = value;
                case "model" -> model = value;
                case "model name" -> name = value;
                case "flags" -> flags = new TreeSet<>(Arrays.asList(value.split("\\s+")));
                default -> {
                    // other fields say nothing about which kernels run
                }
            }
        }
        return new CpuInfo(vendor, family, model, name, flags);
    }

    /**
     * @param flag an instruction-set flag as Linux names it, such as {@code avx512_bf16}
     * @return whether the processor reports it
     */
    public boolean has(String flag) {
        return flags.contains(flag.toLowerCase(Locale.ROOT));
    }

    /**
     * @return one line naming the processor and the kernel-relevant flags it has, such as {@code
     *     AMD EPYC (AuthenticAMD, cpu family 26, model 2; avx2 avx512f avx512_bf16)}
     */
    public String describe() {
        List<String> present = KERNEL_FLAGS.stream().filter(flags::contains).toList();
        return modelName + " (" + vendor + ", cpu family " + family + ", model " + model
                + (present.isEmpty() ? "" : "; " + String.join(" ", present)) + ")";
    }

    /**
     * @return the operating system, architecture and processor, for provenance, such as {@code
     *     Linux amd64, AMD EPYC (AuthenticAMD, cpu family 26, model 2; ...)}
     */
    public static String platform() {
        return System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", " + CURRENT.describe();
    }
}
