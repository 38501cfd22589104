package io.cxr4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxr4j.core.image.ResizeMode;
import io.cxr4j.core.testing.FakeModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The keyed seal: a model whose manifest someone re-sealed without the key (the checksum list
 * rewritten to match, which the checksums alone cannot tell) is refused once a key is configured.
 */
class ModelKeyTest {

    @TempDir
    Path temp;

    @AfterEach
    void noKey() {
        System.clearProperty(ModelKey.PROPERTY);
    }

    private Path key(String name) throws IOException {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        Path file = Files.write(temp.resolve(name), bytes);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private static void use(Path key) {
        System.setProperty(ModelKey.PROPERTY, key.toString());
    }

    /** Swaps the class names and rewrites the checksum list, as someone without the key can. */
    private Path swappedWithoutKey(Path model) throws IOException {
        String key = System.clearProperty(ModelKey.PROPERTY);
        try {
            return ResealedModels.copyWithClasses(model, temp.resolve("swapped"), List.of("normal", "covid"));
        } finally {
            System.setProperty(ModelKey.PROPERTY, key);
        }
    }

    @Test
    void withoutAKeyAReSealedClassSwapLoads() throws IOException {
        Path model = FakeModels.directory(temp.resolve("model"), ResizeMode.CENTER_CROP);
        Path swapped = ResealedModels.copyWithClasses(model, temp.resolve("swapped"), List.of("normal", "covid"));

        // What the checksum list cannot catch, and why the keyed seal exists.
        assertThat(ModelDirectory.readManifest(swapped).classNames()).containsExactly("normal", "covid");
    }

    @Test
    void aModelWrittenWithTheKeyLoadsAndCarriesItsSeal() throws IOException {
        use(key("model.key"));
        Path model = FakeModels.directory(temp.resolve("model"), ResizeMode.CENTER_CROP);

        assertThat(model.resolve(ModelChecksums.KEYED_FILE)).content().matches("[0-9a-f]{64}\n");
        assertThat(ModelDirectory.readManifest(model).classNames()).containsExactly("covid", "normal");
    }

    @Test
    void aClassSwapReSealedWithoutTheKeyIsRefused() throws IOException {
        use(key("model.key"));
        Path swapped = swappedWithoutKey(FakeModels.directory(temp.resolve("model"), ResizeMode.CENTER_CROP));

        assertThatThrownBy(() -> ModelDirectory.readManifest(swapped))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Model " + swapped + " was not sealed with your model key")
                .hasMessageContaining("its checksums.sha256 rewritten by someone without the key")
                .hasMessageContaining("Refusing to load it");
    }

    @Test
    void aModelWithItsKeyedSealRemovedIsRefused() throws IOException {
        use(key("model.key"));
        Path swapped = swappedWithoutKey(FakeModels.directory(temp.resolve("model"), ResizeMode.CENTER_CROP));
        Files.delete(swapped.resolve(ModelChecksums.KEYED_FILE));

        assertThatThrownBy(() -> ModelDirectory.readManifest(swapped))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("is not sealed with a model key (it has no checksums.sha256.hmac)")
                .hasMessageContaining("unset cxr4j.model.keyFile and CXR4J_MODEL_KEY_FILE");
    }

    @Test
    void anotherKeysModelIsRefused() throws IOException {
        use(key("theirs.key"));
        Path theirs = FakeModels.directory(temp.resolve("model"), ResizeMode.CENTER_CROP);
        use(key("mine.key"));

        assertThatThrownBy(() -> ModelDirectory.readManifest(theirs))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("was not sealed with your model key");
    }

    @Test
    void withoutAKeyAKeyedModelStillLoads() throws IOException {
        use(key("model.key"));
        Path model = FakeModels.directory(temp.resolve("model"), ResizeMode.CENTER_CROP);
        System.clearProperty(ModelKey.PROPERTY);

        assertThat(ModelDirectory.readManifest(model).classNames()).containsExactly("covid", "normal");
    }

    @Test
    void unsafeOrMissingKeysAreRefusedWithWhatToDo() throws IOException {
        Path shortKey = Files.write(temp.resolve("short.key"), new byte[16]);
        Files.setPosixFilePermissions(shortKey, PosixFilePermissions.fromString("rw-------"));
        assertThatThrownBy(() -> ModelKey.read(shortKey))
                .hasMessageContaining("holds 16 bytes; a key needs at least 32")
                .hasMessageContaining("head -c 32 /dev/urandom > " + shortKey);

        Path readable = key("readable.key");
        Files.setPosixFilePermissions(readable, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> ModelKey.read(readable))
                .hasMessageContaining("is readable by other users (rw-r--r--)")
                .hasMessageContaining("chmod 600 " + readable);

        use(temp.resolve("missing.key"));
        assertThatThrownBy(ModelKey::configured)
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("no such key file");
    }
}
