package io.cxr4j.core.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuInfoTest {

    @TempDir
    Path temp;

    @Test
    void readsTheFirstProcessorAndNamesItsKernelFlags() throws IOException {
        Path file = temp.resolve("cpuinfo");
        Files.writeString(file, """
                processor\t: 0
                vendor_id\t: AuthenticAMD
                cpu family\t: 26
                model\t\t: 2
                model name\t: AMD EPYC
                flags\t\t: fpu sse2 avx2 fma avx512f avx512_bf16 avx512_vp2intersect

                processor\t: 1
                vendor_id\t: OtherVendor
                cpu family\t: 99
                """);

        CpuInfo cpu = CpuInfo.read(file);

        assertThat(cpu.vendor()).isEqualTo("AuthenticAMD");
        assertThat(cpu.family()).isEqualTo("26");
        assertThat(cpu.model()).isEqualTo("2");
        assertThat(cpu.has("avx512_bf16")).isTrue();
        assertThat(cpu.has("amx_bf16")).isFalse();
        assertThat(cpu.describe()).isEqualTo(
                "AMD EPYC (AuthenticAMD, cpu family 26, model 2; avx2 fma avx512f avx512_bf16 avx512_vp2intersect)");
    }

    @Test
    void aMissingFileLeavesOnlyTheArchitecture() {
        CpuInfo cpu = CpuInfo.read(temp.resolve("missing"));

        assertThat(cpu.family()).isEqualTo("unknown");
        assertThat(cpu.modelName()).isEqualTo(System.getProperty("os.arch"));
        assertThat(cpu.flags()).isEmpty();
    }

    @Test
    void thePlatformNamesSystemAndProcessor() {
        assertThat(CpuInfo.platform()).startsWith(System.getProperty("os.name") + " " + System.getProperty("os.arch")
                + ", ").endsWith(CpuInfo.current().describe());
    }
}
