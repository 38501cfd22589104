package io.cxr4j.examples.cli;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
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

    /** The Unicode replacement character, which the JVM puts in place of bytes it cannot decode. */
    private static final char UNDECODABLE = '\uFFFD';

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
     * @return the exit code: 0 on success, 1 on a failed run, 2 on a usage error, 3 when a run that
     *     scores images finished but skipped some it could not decode
     */
    public static int run(String... args) {
        // Nothing may be downloaded at run time, and DJL must not contact any address at start.
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        CommandLine commandLine = new CommandLine(new Cxr4jCommand())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(new FriendlyErrors());
        for (String arg : args) {
            if (isUndecodable(arg)) {
                commandLine.getErr().println("cxr4j: " + undecodable(arg));
                commandLine.getErr().flush();
                return 1;
            }
        }
        return commandLine.execute(args);
    }

    /** Whether an argument holds U+FFFD and names no file: a name garbled in decoding, not a real one. */
    private static boolean isUndecodable(String arg) {
        if (arg.indexOf(UNDECODABLE) < 0) {
            return false;
        }
        try {
            return !Files.exists(Path.of(arg), LinkOption.NOFOLLOW_LINKS);
        } catch (InvalidPathException e) {
            return true;
        }
    }

    /**
     * Explains an argument that holds U+FFFD, the character Java puts where the bytes of the command
     * line are not valid in the locale's encoding ({@code sun.jnu.encoding}). Java decodes file
     * names with that same encoding, so no file of that name can be opened from this JVM either: the
     * fix lies outside it.
     */
    private static String undecodable(String arg) {
        String encoding = System.getProperty("sun.jnu.encoding", "unknown");
        String problem = "the argument '" + arg + "' holds characters Java could not decode. Java reads the"
                + " command line and file names in the encoding of the locale, here " + encoding + localeVariable()
                + ". ";
        if (encoding.replace("-", "").equalsIgnoreCase("UTF8")) {
            return problem + "The name's bytes are not valid " + encoding + ", so it was written in another"
                    + " encoding (such as Latin-1): rename the file or folder, e.g. with convmv.";
        }
        return problem + "That encoding has no letters beyond ASCII. Run cxr4j under a UTF-8 locale, e.g."
                + " LC_ALL=C.UTF-8 java -jar cxr4j.jar ..., or give the files ASCII names.";
    }

    /** The variable that sets the locale's character encoding, as POSIX ranks them. */
    private static String localeVariable() {
        for (String name : new String[] {"LC_ALL", "LC_CTYPE", "LANG"}) {
            String value = System.getenv(name);
            if (value != null && !value.isEmpty()) {
                return " (" + name + "=" + value + ")";
            }
        }
        return " (no LC_ALL, LC_CTYPE or LANG is set, so the POSIX locale applies)";
    }
}
