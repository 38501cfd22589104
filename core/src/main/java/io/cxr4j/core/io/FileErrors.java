package io.cxr4j.core.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Says why a file or folder cannot be read, in words a user can act on, instead of an exception's
 * class name: a symbolic-link loop is not "no such file", and a folder the user may not read is not
 * "empty".
 */
public final class FileErrors {

    /** Linux gives up after 40 links in one lookup; a longer chain is treated as a loop too. */
    private static final int MAX_LINKS = 40;

    private FileErrors() {}

    /**
     * Describes why a path could not be read.
     *
     * @param path the file or folder
     * @param failure what reading it threw
     * @return a phrase to follow the path in a message, with what to do, such as "cannot be read:
     *     permission denied for user 'nobody'; give that user read access (for a folder also execute
     *     access), e.g. chmod -R a+rX '/data/covid'"
     */
    public static String describe(Path path, IOException failure) {
        if (failure instanceof FileSystemLoopException || isLinkLoop(path)) {
            return "is a symbolic-link loop: following it comes back to itself or to a folder above it, never to"
                    + " a file; point the link at the real file or folder, or remove it";
        }
        if (failure instanceof AccessDeniedException) {
            return "cannot be read: permission denied for user '" + System.getProperty("user.name")
                    + "'; give that user read access (for a folder also execute access), e.g. chmod -R a+rX '"
                    + path + "'";
        }
        if (failure instanceof NoSuchFileException) {
            return Files.isSymbolicLink(path) ? "is a link whose target does not exist" : "does not exist";
        }
        return "cannot be read (" + (failure.getMessage() != null ? failure.getMessage()
                : failure.getClass().getSimpleName()) + ")";
    }

    /**
     * Tells whether a path is a symbolic link whose chain of links comes back to a link it already
     * followed, so that it never reaches a file or folder.
     *
     * @param path the path
     * @return whether following its links loops
     */
    public static boolean isLinkLoop(Path path) {
        Set<Path> followed = new HashSet<>();
        Path current = path.toAbsolutePath().normalize();
        for (int i = 0; i < MAX_LINKS; i++) {
            if (!Files.isSymbolicLink(current)) {
                return false;
            }
            if (!followed.add(current)) {
                return true;
            }
            try {
                current = current.resolveSibling(Files.readSymbolicLink(current)).normalize();
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }
}
