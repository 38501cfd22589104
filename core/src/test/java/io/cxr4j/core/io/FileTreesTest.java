package io.cxr4j.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreesTest {

    @TempDir
    Path temp;

    @Test
    void deletesEverythingInsideButNotWhatALinkPointsTo() throws IOException {
        Path kept = Files.writeString(Files.createDirectories(temp.resolve("elsewhere")).resolve("keep.txt"), "keep");
        Path tree = Files.createDirectories(temp.resolve("tree/a/b"));
        Files.writeString(tree.resolve("file.bin"), "x");
        Files.createSymbolicLink(temp.resolve("tree/link"), kept.getParent());

        FileTrees.deleteRecursively(temp.resolve("tree"));

        assertThat(temp.resolve("tree")).doesNotExist();
        assertThat(kept).hasContent("keep");
        FileTrees.deleteRecursively(temp.resolve("tree"));
    }
}
