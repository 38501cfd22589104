package io.cxr4j.examples.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks an output folder before any work starts, so a run that takes an hour does not fail at
 * its end over where to write.
 */
final class OutputFolder {

    private OutputFolder() {}

    /**
     * Fails when a folder cannot be created or written: when it, or the nearest part of its path
     * that exists, is a file or is read-only. A missing folder is fine; it is created when the
     * first file is written.
     *
     * @param option the option that named the folder, for the message
     * @param folder the folder, or null when the option was not given
     * @throws IllegalArgumentException naming the option, the folder and what is wrong with it
     */
    static void check(String option, Path folder) {
        if (folder == null) {
            return;
        }
        Path absolute = folder.toAbsolutePath();
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
    }
}
