package io.cxr4j.dataset.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecksumTest {

    @TempDir Path dir;

    @Test
    void computesSha256AndGitBlobIds() throws Exception {
        Path file = Files.writeString(dir.resolve("hello.txt"), "hello\n", StandardCharsets.UTF_8);

        assertThat(Checksum.sha256("0".repeat(64)).compute(file))
                .isEqualTo("5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03");
        // What `git hash-object hello.txt` prints.
        assertThat(Checksum.gitBlobSha1("0".repeat(40)).compute(file))
                .isEqualTo("ce013625030ba8dba906f756967f9e9ca394464a");
    }

    @Test
    void parsesBothListForms() {
        String hex = "ab".repeat(32);
        assertThat(Checksum.parse(hex)).isEqualTo(Checksum.sha256(hex));
        assertThat(Checksum.parse("git-blob-sha1:" + "CD".repeat(20)))
                .isEqualTo(Checksum.gitBlobSha1("cd".repeat(20)));
        assertThat(Checksum.parse("git-blob-sha1:" + "cd".repeat(20)).toString())
                .isEqualTo("git-blob-sha1:" + "cd".repeat(20));
        assertThatThrownBy(() -> Checksum.parse("md5:" + "a".repeat(32)))
                .hasMessageContaining("md5");
        assertThatThrownBy(() -> Checksum.parse("abc")).hasMessageContaining("64 hex digits");
    }

    @Test
    void remoteFilePathsCannotLeaveTheFolder() {
        Checksum any = Checksum.sha256("0".repeat(64));
        assertThat(new RemoteFile("Covid-19/a b.png", any).path()).isEqualTo("Covid-19/a b.png");
        for (String bad : new String[] {"../x", "/etc/passwd", "a//b", "a\\b", "a/./b", ""}) {
            assertThatThrownBy(() -> new RemoteFile(bad, any)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
