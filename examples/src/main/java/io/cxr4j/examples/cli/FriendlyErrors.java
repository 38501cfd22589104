package io.cxr4j.examples.cli;

import io.cxr4j.core.engine.EngineNotFoundException;
import io.cxr4j.core.engine.KnownAnswerException;
import io.cxr4j.core.engine.UnsupportedPrecisionException;
import io.cxr4j.core.explain.ExplanationUnsupportedException;
import io.cxr4j.core.training.CheckpointConflictException;
import io.cxr4j.core.config.Precision;
import io.cxr4j.core.inference.ModelEngineMismatchException;
import io.cxr4j.core.training.TrainingDivergedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns the errors a user can fix (bad paths, bad data, missing engine, an engine that cannot
 * explain, kernels that miscompute on this processor) into one clear message on standard error; anything else also gets its stack trace,
 * since it is a bug to report.
 */
final class FriendlyErrors implements IExecutionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(FriendlyErrors.class);

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
        var err = commandLine.getErr();
        if (e instanceof IOException || e instanceof UncheckedIOException
                || e instanceof IllegalArgumentException || e instanceof EngineNotFoundException
                || e instanceof ExplanationUnsupportedException || e instanceof KnownAnswerException
                || e instanceof TrainingDivergedException) {
            err.println("cxr4j " + commandLine.getCommandName() + ": " + describe(e, commandLine.getCommandName()));
            if (e instanceof ExplanationUnsupportedException) {
                err.println("On the command line: cxr4j convert --to pytorch|tensorflow.");
            }
            if (e instanceof TrainingDivergedException diverged) {
                err.println("On the command line: run the same command again with "
                        + (diverged.lastGoodEpoch() > 0 ? "--resume " : "") + "--learning-rate "
                        + TrainingDivergedException.rate(diverged.suggestedLearningRate()) + ".");
            }
            if (LOG.isDebugEnabled()) {
                err.flush();
                LOG.debug("Where cxr4j {} failed", commandLine.getCommandName(), e);
            } else {
                err.println("Run with -Dorg.slf4j.simpleLogger.defaultLogLevel=debug for details.");
            }
        } else {
            err.println("cxr4j " + commandLine.getCommandName() + " failed unexpectedly: "
                    + describe(e, commandLine.getCommandName()));
            e.printStackTrace(err);
        }
        err.flush();
        return 1;
    }

    private static String describe(Throwable e, String command) {
        String message = e.getMessage();
        if (e instanceof CheckpointConflictException conflict) {
            return conflict.message(new CommandLineTerms(command));
        }
        if (e instanceof KnownAnswerException wrong && wrong.precision() == Precision.BFLOAT16) {
            return message + " On the command line: --precision float32.";
        }
        if (e instanceof ModelEngineMismatchException mismatch) {
            return message + " On the command line: cxr4j convert --to " + mismatch.requestedEngine()
                    + ", or --engine " + mismatch.modelEngine() + ".";
        }
        if (e instanceof UnsupportedPrecisionException) {
            return message + " On the command line: --precision float32, or --engine pytorch.";
        }
        if (e instanceof EngineNotFoundException missing && missing.conversionTarget().isPresent()) {
            return message + " On the command line: cxr4j convert --to " + missing.conversionTarget().get() + ".";
        }
        if (e instanceof java.nio.file.NoSuchFileException nsf) {
            return "no such file or folder: " + nsf.getFile()
                    + (nsf.getReason() != null ? " (" + nsf.getReason() + ")" : "");
        }
        return message != null ? CommandLineTerms.translate(message) : e.getClass().getSimpleName();
    }
}
