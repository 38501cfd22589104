package io.cxr4j.core.testing;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Test fixture: copies of folders among the test resources, so that no test changes the originals. */
public final class ResourceFolders {

    private ResourceFolders() {}

    /**
     * Copies the files of a resource folder (not its subfolders) into a new folder.
     *
     * @param anchor the class whose package the resource name is relative to
     * @param name the folder, such as {@code manifests/v1-main}
     * @param target a folder that does not exist yet
     * @return {@code target}
     * @throws IOException when copying fails
     */
    public static Path copy(Class<?> anchor, String name, Path target) throws IOException {
        Path source;
        try {
            source = Path.of(anchor.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IOException("Cannot locate test resource " + name, e);
        }
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : files.toList()) {
                Files.copy(file, target.resolve(file.getFileName()));
            }
        }
        return target;
    }
}
