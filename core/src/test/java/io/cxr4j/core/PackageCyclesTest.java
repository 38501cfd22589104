package io.cxr4j.core;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * No package of core may depend on itself through other packages: each package is a layer that
 * can be read, tested and changed with only the packages below it. The order, lowest first, is
 * {@code io}, {@code platform}, {@code image}, {@code data}, {@code config}, {@code split}, {@code
 * model}, {@code explain}, {@code training}, {@code engine}, {@code inference}, {@code metrics},
 * {@code shortcut}, {@code report} (docs/architecture.md).
 */
class PackageCyclesTest {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.cxr4j.core");

    @Test
    void corePackagesFormNoCycle() {
        // (**) makes every package its own slice, sub-packages included.
        slices().matching("io.cxr4j.core.(**)").should().beFreeOfCycles().check(CORE);
    }

    @Test
    void theCheckSeesTheWholeOfCore() {
        assertThat(CORE.stream().map(c -> c.getPackageName()).distinct())
                .contains("io.cxr4j.core.engine", "io.cxr4j.core.training", "io.cxr4j.core.model",
                        "io.cxr4j.core.inference", "io.cxr4j.core.metrics", "io.cxr4j.core.explain");
    }
}
