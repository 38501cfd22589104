package io.cxr4j.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Operations on a folder and everything in it. */
public final class FileTrees {

    private FileTrees() {}

    /**
     * Deletes a folder and everything in it, without following symbolic links (a link is deleted,
     * not what it points to); nothing if it is missing.
     *
     * @param folder the folder
     * @throws IOException when something cannot be deleted
     */
    public static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
