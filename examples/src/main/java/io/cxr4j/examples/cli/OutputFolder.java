package io.cxr4j.examples.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import io.cxr4j.core.model.ModelDirectory;
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
     * Like {@link #check(String, Path)} for the folder a command writes its {@code report.json},
     * {@code report.md} and plots into: it may hold an earlier report of the same command, which is
     * replaced, but not another command's, which would be replaced in part and leave two runs'
     * files mixed (an evaluation over a training run's report and plots, say).
     *
     * @param option the option that named the folder, for the message
     * @param folder the folder, or null when the option was not given
     * @param command the command about to write its report, such as {@code evaluate}
     * @throws IllegalArgumentException naming the option, the folder and what is wrong with it
     */
    static void checkReportTarget(String option, Path folder, String command) {
        check(option, folder);
        if (folder == null || !Files.isRegularFile(folder.resolve(RunReport.REPORT_FILE))) {
            return;
        }
        String writer = writerOf(folder.resolve(RunReport.REPORT_FILE));
        if (!command.equals(writer)) {
            throw new IllegalArgumentException(option + " " + folder + " holds the report of "
                    + (writer == null ? "another run" : "an earlier '" + writer + "' run") + " ("
                    + RunReport.REPORT_FILE + ", report.md and plots); this " + command + " would replace them and leave the two runs' files mixed. Name another"
                    + " folder.");
        }
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
     * holding anything but a model ({@link ModelDirectory#checkReplaceable}).
     *
     * @param option the option that named the folder, for the message
     * @param folder the model folder to write
     * @throws IllegalArgumentException naming the option, the folder and what is wrong with it
     * @throws IOException when the folder cannot be listed
     */
    static void checkModelTarget(String option, Path folder) throws IOException {
        check(option, folder, true);
        try {
            ModelDirectory.checkReplaceable(folder);
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
