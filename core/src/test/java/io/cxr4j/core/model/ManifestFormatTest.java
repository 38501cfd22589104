package io.cxr4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonParser;
import io.cxr4j.core.image.AugmentationSpec;
import io.cxr4j.core.image.PreprocessingSpec;
import io.cxr4j.core.image.ResizeMode;
import io.cxr4j.core.io.FormatVersionException;
import io.cxr4j.core.testing.ResourceFolders;
import io.cxr4j.core.config.Precision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model folders written by earlier cxr4j releases (see {@code manifests/README.md} in the test
 * resources) load through the manifest migrations, and a newer format is refused.
 */
class ManifestFormatTest {

    @TempDir
    Path temp;

    private Path fixture(String name) throws IOException {
        return ResourceFolders.copy(ManifestFormatTest.class, "manifests/" + name, temp.resolve(name));
    }

    @Test
    void theFirstSealedManifestsReadWithEveryLaterSettingAtWhatItsAbsenceMeant() throws Exception {
        ModelManifest manifest = ModelDirectory.readManifest(fixture("v1-6cb4e2e"));

        assertThat(manifest.formatVersion()).isEqualTo(3);
        assertThat(manifest.training().precision()).isEqualTo(Precision.FLOAT32);
        assertThat(manifest.training().augmentation()).isEqualTo(new AugmentationSpec(10, 0.1, 0.1, 0.1, 0.1, false));
        assertThat(manifest.provenance().conversions()).isEmpty();
        assertThat(manifest.provenance().trainingImageDigests()).isNull();
        assertThat(manifest.provenance().trainedOn(List.of(temp))).isEmpty();
        assertThat(manifest.provenance().trainingClassCounts()).isEqualTo(Map.of("covid", 17, "normal", 18));
        assertThat(manifest.preprocessing()).isEqualTo(new PreprocessingSpec(64, 1, ResizeMode.CENTER_CROP, 0f, 1f));
        assertThat(manifest.training().epochs()).isEqualTo(2);
        assertThat(manifest.classNames()).containsExactly("covid", "normal");
        assertThat(manifest.weightsFile()).isEqualTo("darkcovidnet-0002.params");
    }

    @Test
    void manifestsWithPrecisionAndConversionsButNoTrainingImagesRead() throws Exception {
        ModelManifest manifest = ModelDirectory.readManifest(fixture("v1-05d8fea"));

        assertThat(manifest.formatVersion()).isEqualTo(3);
        assertThat(manifest.training().precision()).isEqualTo(Precision.FLOAT32);
        assertThat(manifest.training().augmentation().horizontalFlip()).isFalse();
        assertThat(manifest.provenance().conversions()).isEmpty();
        assertThat(manifest.provenance().trainingImageDigests()).isNull();
    }

    @Test
    void manifestsWithTrainingImageDigestsKeepThem() throws Exception {
        ModelManifest manifest = ModelDirectory.readManifest(fixture("v1-2832edc"));

        assertThat(manifest.formatVersion()).isEqualTo(3);
        assertThat(manifest.provenance().platform()).isEqualTo("Linux amd64");
        assertThat(ImageDigests.decode(manifest.provenance().trainingImageDigests()).size()).isEqualTo(4);
    }

    @Test
    void aModelFolderTheLastVersion1WriterWroteLoadsAndIsWrittenAgainAsTheCurrentVersionUnchanged() throws Exception {
        Path model = fixture("v1-main");
        ModelManifest manifest = ModelDirectory.readManifest(model);
        assertThat(manifest.formatVersion()).isEqualTo(ModelManifest.FORMAT_VERSION);
        assertThat(manifest.provenance().platform()).startsWith("Linux amd64, ");

        Path rewritten = Files.createDirectories(temp.resolve("rewritten"));
        ManifestFormat.write(rewritten, manifest);
        // Compared as JSON values: the class counts are a map, whose order Map.copyOf does not keep.
        assertThat(JsonParser.parseString(Files.readString(rewritten.resolve(ModelDirectory.MANIFEST_FILE))))
                .isEqualTo(JsonParser.parseString(Files.readString(model.resolve(ModelDirectory.MANIFEST_FILE))
                        .replace("\"formatVersion\": 1,", "\"formatVersion\": 3,")
                        // Fields added since, written with the values that their absence means.
                        .replace("\"rangeMax\": 1.0", "\"rangeMax\": 1.0, \"normalization\": \"RANGE\"")
                        .replace("\"precision\": \"FLOAT32\"", "\"precision\": \"FLOAT32\", \"frozenBlocks\": 0")));
    }

    @Test
    void aModelFolderTheLastVersion2WriterWroteLoadsWithoutSourcesOrTestFiguresAndIsWrittenAgainUnchanged()
            throws Exception {
        Path model = fixture("v2-03b54d2");
        ModelManifest manifest = ModelDirectory.readManifest(model);

        assertThat(manifest.formatVersion()).isEqualTo(3);
        assertThat(manifest.provenance().trainingSources()).isNull();
        assertThat(manifest.heldOutTest()).isNull();
        assertThat(manifest.provenance().trainingClassCounts()).isEqualTo(Map.of("covid", 17, "normal", 18));
        assertThat(ModelDirectory.appendedEvaluations(model)).isEmpty();
        Path rewritten = Files.createDirectories(temp.resolve("rewritten"));
        ManifestFormat.write(rewritten, manifest);
        assertThat(JsonParser.parseString(Files.readString(rewritten.resolve(ModelDirectory.MANIFEST_FILE))))
                .isEqualTo(JsonParser.parseString(Files.readString(model.resolve(ModelDirectory.MANIFEST_FILE))
                        .replace("\"formatVersion\": 2,", "\"formatVersion\": 3,")
                        // Fields added since, written with the values that their absence means.
                        .replace("\"rangeMax\": 1.0", "\"rangeMax\": 1.0, \"normalization\": \"RANGE\"")
                        .replace("\"precision\": \"FLOAT32\"", "\"precision\": \"FLOAT32\", \"frozenBlocks\": 0")));
    }

    @Test
    void aMigratedManifestIsWrittenWithEveryVersion2Field() throws Exception {
        ModelManifest old = ModelDirectory.readManifest(fixture("v1-6cb4e2e"));
        Path rewritten = Files.createDirectories(temp.resolve("rewritten"));
        ManifestFormat.write(rewritten, old);
        String json = Files.readString(rewritten.resolve(ModelDirectory.MANIFEST_FILE));

        assertThat(json).startsWith("{\n  \"formatVersion\": 3,").contains("\"precision\": \"FLOAT32\"")
                .contains("\"horizontalFlip\": false").contains("\"conversions\": []");
        assertThat(ManifestFormat.read(rewritten.resolve(ModelDirectory.MANIFEST_FILE))).isEqualTo(old);
    }

    @Test
    void aNewerFormatIsRefusedNamingTheReleaseThatWroteIt() throws Exception {
        Path model = ResealedModels.copyWithManifest(fixture("v1-main"), temp.resolve("resealed"), m -> m);
        Path file = model.resolve(ModelDirectory.MANIFEST_FILE);
        Files.writeString(file, Files.readString(file).replace("\"formatVersion\": 3,", "\"formatVersion\": 4,")
                .replace("\"cxr4jVersion\": \"0.1.0-SNAPSHOT\"", "\"cxr4jVersion\": \"0.4.0\""));

        assertThatThrownBy(() -> ModelDirectory.readManifest(model)).isInstanceOf(FormatVersionException.class)
                .hasMessageContaining("Model manifest " + file + " has format version 4")
                .hasMessageContaining("newer than this cxr4j reads (versions 1 to 3)")
                .hasMessageContaining("Load the model with cxr4j 0.4.0 or a newer release than this one ("
                        + Versions.cxr4j() + "), or train it again with this one.");
    }

    @Test
    void aCurrentManifestIsNotMigratedSoItMustHoldEverySetting() throws Exception {
        Path model = ResealedModels.copyWithManifest(fixture("v1-main"), temp.resolve("resealed"), m -> m);
        Path file = model.resolve(ModelDirectory.MANIFEST_FILE);
        Files.writeString(file, Files.readString(file).replaceAll(",\\s*\"precision\":\\s*\"FLOAT32\"", ""));

        assertThatThrownBy(() -> ModelDirectory.readManifest(model))
                .hasMessageContaining("is damaged or not a cxr4j manifest (precision is missing)");
    }

    @Test
    void aVersionThatIsNoWholeNumberMakesTheManifestDamaged() throws Exception {
        Path model = fixture("v1-main");
        Path file = model.resolve(ModelDirectory.MANIFEST_FILE);
        Files.writeString(file, Files.readString(file).replace("\"formatVersion\": 1,", "\"formatVersion\": \"two\","));

        assertThatThrownBy(() -> ModelDirectory.readManifest(model))
                .hasMessageContaining("is damaged or not a cxr4j manifest")
                .hasMessageContaining("formatVersion must be a whole number from 1, but is \"two\"");
    }
}
