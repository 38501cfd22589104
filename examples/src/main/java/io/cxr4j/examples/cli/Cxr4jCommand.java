package io.cxr4j.examples.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code cxr4j} command-line tool: train, evaluate and run COVID-19 chest X-ray classifiers. */
@Command(
        name = "cxr4j",
        mixinStandardHelpOptions = true,
        // Subcommands inherit the version provider, so "cxr4j train -V" prints versions too.
        scope = CommandLine.ScopeType.INHERIT,
        versionProvider = VersionProvider.class,
        description = "Train, evaluate and run COVID-19 chest X-ray classifiers on Deep Java Library,"
                + " and audit the data sets they learn from.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, CrossValidateCommand.class,
            PredictCommand.class, ExplainCommand.class, ConvertCommand.class, AuditCommand.class})
public final class Cxr4jCommand {

    private Cxr4jCommand() {}

    /**
     * Runs the tool.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * Runs the tool without exiting the JVM, for tests and embedding.
     *
     * @param args the command line
     * @return the exit code: 0 on success, 1 on a failed run, 2 on a usage error
     */
    public static int run(String... args) {
        // Nothing may be downloaded at run time, and DJL must not contact any address at start.
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        return new CommandLine(new Cxr4jCommand())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(new FriendlyErrors())
                .execute(args);
    }
}
