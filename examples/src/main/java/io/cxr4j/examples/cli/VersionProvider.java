package io.cxr4j.examples.cli;

import io.cxr4j.core.model.Versions;
import picocli.CommandLine.IVersionProvider;

/** Prints the cxr4j and DJL versions for {@code --version}. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"cxr4j " + Versions.cxr4j() + " (DJL " + Versions.djl() + ")"};
    }
}
