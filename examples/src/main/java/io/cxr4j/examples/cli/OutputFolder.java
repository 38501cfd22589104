package io.cxr4j.examples.cli;

import io.cxr4j.experiment.Protocol;
import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import io.cxr4j.core.model.ModelDirectory;
import io.cxr4j.core.model.ModelStaging;
import io.cxr4j.core.model.OutputInUseException;
import io.cxr4j.core.model.OutputLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks an output folder before any work starts, so a run that takes an hour does not fail at
 * its end over where to write.
 */
final class OutputFolder {

    private OutputFolder() {}

    /**
     * Fails when a folder for reports cannot be created or written: when it, or the nearest part
     * of its path that exists, is a file or is read-only, or when it is or lies inside a model
     * folder. A missing folder is fine; it is created when the first file is written.
     *
     * @param option the option that named the folder, for the message
     * @param folder the folder, or null when the option was not given
     * @throws IllegalArgumentException naming the option, the folder and what is wrong with it
     */
    static void check(String option, Path folder) {
        check(option, folder, false);
    }

    /**
     * Checks a folder like {@link #check(String, Path)}, then takes the run's lock on it ({@link
     * OutputLock#onFolder}), creating it. Commands take it before anything else reads the folder,
     * so that a run still writing there is named first, before what it has written so far (an
     * unfinished checkpoint, say) is taken for an interrupted run.
     *
     * @param option the option that named the folder, for the message
     * @param folder the folder, or null when the option was not given
     * @return the lock, to be closed when the command has written everything; null without a folder
     * @throws IllegalArgumentException naming the option, the folder and what is wrong with it
     * @throws OutputInUseException naming the run that is writing there
     * @throws IOException when the folder or its lock file cannot be created
     */
    static OutputLock lock(String option, Path folder) throws IOException {
        check(option, folder);
        return folder == null ? null : OutputLock.onFolder(folder);
    }

    /**
     * Like {@link #lock} for a folder that becomes a model itself: takes the model directory's lock
     * ({@link OutputLock#onModel}), which writing the model takes again.
     *
     * @param option the option that named the folder, for the message
     * @param folder the model folder to write
     * @return the lock, to be closed when the model is written
     * @throws IllegalArgumentException naming the option, the folder and what is wrong with it
     * @throws OutputInUseException naming the run that is writing there
     * @throws IOException when the lock file cannot be created
     */
    static OutputLock lockModel(String option, Path folder) throws IOException {
        check(option, folder, true);
        return OutputLock.onModel(folder);
    }

    /**
     * Like {@link #check(String, Path)} for the folder a command writes its {@code report.json},
     * {@code report.md} and plots into: it may hold an earlier report of the same command only when
     * the run was told to replace it (or continues that run), and never another command's, which
     * would be replaced in part and leave two runs' files mixed (an evaluation over a training
     * run's report and plots, say).
     *
     * @param option the option that named the folder, for the message
     * @param folder the folder, or null when the option was not given
     * @param command the command about to write its report, such as {@code evaluate}
     * @param replace whether the run may replace an earlier report of the same command
     * @throws IllegalArgumentException naming the option, the folder and what is wrong with it
     */
    static void checkReportTarget(String option, Path folder, String command, boolean replace) {
        check(option, folder);
        if (folder == null || !Files.isRegularFile(folder.resolve(Protocol.REPORT_FILE))) {
            return;
        }
        String writer = writerOf(folder.resolve(Protocol.REPORT_FILE));
        if (!command.equals(writer)) {
            throw new IllegalArgumentException(option + " " + folder + " holds the report of "
                    + (writer == null ? "another run" : "an earlier '" + writer + "' run") + " ("
                    + Protocol.REPORT_FILE + ", report.md and plots); this " + command + " would replace them and leave the two runs' files mixed. Name another"
                    + " folder.");
        }
        if (!replace) {
            throw finishedRun(option, folder, command, Protocol.REPORT_FILE + ", report.md and plots");
        }
    }

    /**
     * The refusal of a folder holding a finished run's results.
     *
     * @param results the results the run would replace, in words
     */
    static IllegalArgumentException finishedRun(String option, Path folder, String command, String results) {
        return new IllegalArgumentException(option + " " + folder + " holds the results of a finished '" + command
                + "' run (" + results + "), which this run would replace. Pass --replace to replace them, or name"
                + " another folder.");
    }

    /** The command that wrote a report, or null when the report does not say. */
    private static String writerOf(Path report) {
        try {
            JsonArray arguments = JsonParser.parseString(Files.readString(report)).getAsJsonObject()
                    .getAsJsonArray("arguments");
            return arguments == null || arguments.isEmpty() ? null : arguments.get(0).getAsString();
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }

    /**
     * Like {@link #check(String, Path)} for a folder that becomes a model itself: an existing
     * model there is replaced whole, so a model folder around it is refused, and so is a folder
     * holding anything but a model ({@link ModelStaging#checkReplaceable}).
     *
     * @param option the option that named the folder, for the message
     * @param folder the model folder to write
     * @throws IllegalArgumentException naming the option, the folder and what is wrong with it
     * @throws IOException when the folder cannot be listed
     */
    static void checkModelTarget(String option, Path folder) throws IOException {
        check(option, folder, true);
        try {
            ModelStaging.checkReplaceable(folder);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
        }
    }

    private static void check(String option, Path folder, boolean replacesModel) {
        if (folder == null) {
            return;
        }
        Path absolute = folder.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return;
        }
        if (!Files.isDirectory(existing)) {
            throw new IllegalArgumentException(option + " " + folder + (existing.equals(absolute)
                    ? " is a file, not a folder: name a folder (it is created if missing)."
                    : " cannot be created, since " + existing + " is a file: name a folder elsewhere."));
        }
        if (!Files.isWritable(existing)) {
            throw new IllegalArgumentException(option + " " + folder + " cannot be written: " + existing
                    + " is read-only for this user. Name a folder you can write to.");
        }
        for (Path at = existing; at != null; at = at.getParent()) {
            boolean replaced = replacesModel && at.equals(absolute);
            if (!replaced && Files.isRegularFile(at.resolve(ModelDirectory.MANIFEST_FILE))) {
                throw new IllegalArgumentException(option + " " + folder + (at.equals(absolute) ? " is" : " lies inside")
                        + " the model folder " + at + ", whose files are sealed: anything written there would make"
                        + " the model unusable. Name a folder outside it.");
            }
        }
    }
}
