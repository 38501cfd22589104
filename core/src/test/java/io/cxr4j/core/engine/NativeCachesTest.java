package io.cxr4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the engines' natives are unpacked, decided for hosts described in the test. The two-user run
 * of the real engines is {@code SharedMachineTest} in the examples module.
 */
class NativeCachesTest {

    @TempDir
    Path temp;

    private Path home;
    private Path tmp;
    private long uid;

    @BeforeEach
    void folders() throws IOException {
        home = Files.createDirectories(temp.resolve("home"));
        tmp = Files.createDirectories(temp.resolve("tmp"));
        uid = ((Number) Files.getAttribute(temp, "unix:uid")).longValue();
    }

    private NativeCaches.Host host(Map<String, String> properties, Map<String, String> env, Path userHome) {
        return new NativeCaches.Host(properties::get, env::get, userHome, tmp, folder -> uid);
    }

    private static String permissions(Path folder) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(folder, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void aWritableHomeGetsAPrivateCacheFolderForEveryEngine() throws IOException {
        Map<String, String> settings = NativeCaches.settings(host(Map.of(), Map.of(), home));

        Path root = home.resolve(".cache/cxr4j");
        assertThat(settings).containsExactly(
                Map.entry(NativeCaches.DJL_CACHE_DIR, root.resolve("djl").toString()),
                Map.entry(NativeCaches.JAVACPP_CACHE_DIR, root.resolve("javacpp").toString()),
                Map.entry(NativeCaches.JNA_TEMP_DIR, root.resolve("jna").toString()));
        assertThat(permissions(root)).isEqualTo("rwx------");
    }

    @Test
    void xdgCacheHomeIsFollowed() throws IOException {
        Path xdg = temp.resolve("xdg");
        Map<String, String> settings = NativeCaches.settings(host(Map.of(), Map.of("XDG_CACHE_HOME", xdg.toString()),
                home));
        assertThat(settings.get(NativeCaches.DJL_CACHE_DIR)).isEqualTo(xdg.resolve("cxr4j/djl").toString());
    }

    @Test
    void withoutAWritableHomeEachUserGetsAPrivateFolderInTheTemporaryFolder() throws IOException {
        // A home below a regular file cannot be created into, for root too.
        Path noHome = Files.writeString(temp.resolve("file"), "").resolve("home");

        Path root = NativeCaches.root(host(Map.of(), Map.of(), noHome));

        assertThat(root).isEqualTo(tmp.resolve("cxr4j-" + uid));
        assertThat(permissions(root)).isEqualTo("rwx------");
        assertThat(Files.getAttribute(root, "unix:uid")).isEqualTo((int) uid);
        // A second start finds the folder it made and keeps it.
        assertThat(NativeCaches.root(host(Map.of(), Map.of(), noHome))).isEqualTo(root);
    }

    @Test
    void foldersTheUserChoseAreKeptAndNothingIsCreated() throws IOException {
        Map<String, String> settings = NativeCaches.settings(host(
                Map.of(NativeCaches.JAVACPP_CACHE_DIR, "/somewhere/javacpp", NativeCaches.JNA_TEMP_DIR, "/x/jna"),
                Map.of(NativeCaches.DJL_CACHE_DIR, "/somewhere/djl"), home));

        assertThat(settings).isEmpty();
        assertThat(home.resolve(".cache")).doesNotExist();
    }

    @Test
    void onlyTheCachesTheUserDidNotPlaceAreSet() throws IOException {
        Map<String, String> settings = NativeCaches.settings(host(Map.of(NativeCaches.ENGINE_CACHE_DIR, "/engines"),
                Map.of(), home));
        assertThat(settings).containsOnlyKeys(NativeCaches.JAVACPP_CACHE_DIR, NativeCaches.JNA_TEMP_DIR);
    }

    @Test
    void cxr4jsOwnSettingNamesTheRoot() throws IOException {
        Path chosen = temp.resolve("chosen");
        assertThat(NativeCaches.root(host(Map.of(), Map.of(NativeCaches.ROOT_ENV, chosen.toString()), home)))
                .isEqualTo(chosen);
        Path property = temp.resolve("property");
        assertThat(NativeCaches.root(host(Map.of(NativeCaches.ROOT_PROPERTY, property.toString()),
                Map.of(NativeCaches.ROOT_ENV, chosen.toString()), home))).isEqualTo(property);
        assertThat(permissions(property)).isEqualTo("rwx------");
    }

    @Test
    void aFolderOthersMayWriteIntoIsRefused() throws IOException {
        Path shared = Files.createDirectories(home.resolve(".cache/cxr4j"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));

        assertThatThrownBy(() -> NativeCaches.root(host(Map.of(), Map.of(), home)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Refusing " + shared)
                .hasMessageContaining("rwxrwxrwx let other users write into it")
                .hasMessageContaining("chmod 700 " + shared)
                .hasMessageContaining("CXR4J_CACHE_DIR");
    }

    @Test
    void aFolderOfAnotherUserIsRefused() throws IOException {
        // Made by this user but claimed by another uid: the same as another user's folder.
        Path planted = Files.createDirectory(tmp.resolve("cxr4j-" + (uid + 1)),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path noHome = Files.writeString(temp.resolve("file"), "").resolve("home");

        assertThatThrownBy(() -> NativeCaches.root(new NativeCaches.Host(k -> null, k -> null, noHome, tmp, folder -> uid + 1)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Refusing " + planted)
                .hasMessageContaining("(uid " + uid + "), not to uid " + (uid + 1) + " that runs this process")
                .hasMessageContaining("could place code there");
    }

    @Test
    void aSymbolicLinkIsRefused() throws IOException {
        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
        Files.createDirectories(home.resolve(".cache"));
        Files.createSymbolicLink(home.resolve(".cache/cxr4j"), elsewhere);

        assertThatThrownBy(() -> NativeCaches.root(host(Map.of(), Map.of(), home)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("it is a symbolic link");
    }

    @Test
    void aRootThatCannotBeCreatedSaysWhichAndWhatToDo() throws IOException {
        Path file = Files.writeString(temp.resolve("file"), "");
        assertThatThrownBy(() -> NativeCaches.root(host(Map.of(), Map.of(NativeCaches.ROOT_ENV,
                file.resolve("cache").toString()), home)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Cannot create " + file.resolve("cache"))
                .hasMessageContaining("CXR4J_CACHE_DIR");
    }
}
