package io.cxr4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxr4j.core.image.AugmentationSpec;
import io.cxr4j.core.image.PreprocessingSpec;
import io.cxr4j.core.image.ResizeMode;
import io.cxr4j.core.image.WarpFill;
import io.cxr4j.core.io.FileTrees;
import io.cxr4j.core.config.Precision;
import io.cxr4j.core.config.TrainingConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelDirectoryTest {

    @TempDir
    Path temp;

    /** The weights file of the models these tests write. */
    static final String WEIGHTS = "darkcovidnet-0003.params";

    static ModelManifest manifest(String weightsFile) {
        PreprocessingSpec spec = new PreprocessingSpec(256, 3, ResizeMode.PAD, -1f, 1f);
        TrainingConfig config = TrainingConfig.builder().optPreprocessing(spec).optEpochs(3).build();
        Provenance provenance = new Provenance("2026-11-29T00:00:00Z", "0.1.0", "0.36.0", "PyTorch 2.7.1",
                "seed", 35, Map.of("covid", 17, "normal", 18), 12.5, "17", "Linux amd64",
                ImageDigests.decode("AAAAAAAAAAEAAAAAAAAAAg=="));
        return new ModelManifest(ModelManifest.FORMAT_VERSION, "pytorch", "darkcovidnet",
                List.of("covid", "normal"), spec, config, provenance, weightsFile);
    }

    private Path writeModel(Path target, String weightsContent) throws IOException {
        Path staging = ModelStaging.stage(target);
        Files.writeString(staging.resolve("darkcovidnet-0003.params"), weightsContent);
        ManifestFormat.write(staging, manifest("darkcovidnet-0003.params"));
        ModelStaging.commit(staging, target);
        return target;
    }

    @Test
    void manifestRoundTripsEveryField() throws IOException {
        Path model = writeModel(temp.resolve("model"), "weights");
        ModelManifest read = ModelDirectory.readManifest(model);
        assertThat(read).isEqualTo(manifest("darkcovidnet-0003.params"));
        assertThat(read.preprocessing().resizeMode()).isEqualTo(ResizeMode.PAD);
        assertThat(read.training().epochs()).isEqualTo(3);
    }

    @Test
    void onlyANewOrEmptyFolderOrAModelMayBecomeAModel() throws IOException {
        Path folder = Files.createDirectories(temp.resolve("my-models"));
        Files.writeString(folder.resolve("notes.txt"), "keep me");
        Files.createDirectories(folder.resolve("seed-pt"));

        assertThatThrownBy(() -> ModelStaging.stage(folder)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds 2 other file(s) or folder(s) (notes.txt, seed-pt)")
                .hasMessageContaining("Name a new or empty folder");
        assertThat(folder.resolve("notes.txt")).hasContent("keep me");
        Path file = Files.writeString(temp.resolve("model.txt"), "x");
        assertThatThrownBy(() -> ModelStaging.checkReplaceable(file)).hasMessageContaining("it is a file");

        Path otherTools = Files.createDirectories(temp.resolve("tfjs-model"));
        Files.writeString(otherTools.resolve("model.json"), "{}");
        assertThatThrownBy(() -> ModelStaging.checkReplaceable(otherTools)).hasMessageContaining("(model.json)");

        ModelStaging.checkReplaceable(Files.createDirectories(temp.resolve("empty")));
        ModelStaging.checkReplaceable(temp.resolve("missing"));
        ModelStaging.checkReplaceable(writeModel(temp.resolve("model"), "old"));
    }

    @Test
    void commitReplacesAnExistingModelAndLeavesNoStagingBehind() throws IOException {
        Path target = temp.resolve("model");
        writeModel(target, "old");
        writeModel(target, "new");
        assertThat(Files.readString(target.resolve("darkcovidnet-0003.params"))).isEqualTo("new");
        try (var entries = Files.list(temp)) {
            // The lock file stays, emptied: deleting it could let two writers hold the lock.
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("model", ".model.lock");
        }
    }

    @Test
    void aFailedRunNeverTouchesTheGoodModel() throws IOException {
        Path target = writeModel(temp.resolve("model"), "good");
        Path staging = ModelStaging.stage(target);
        Files.writeString(staging.resolve("partial.params"), "half");
        // The run fails before commit: the caller deletes its staging folder.
        FileTrees.deleteRecursively(staging);
        assertThat(Files.readString(target.resolve("darkcovidnet-0003.params"))).isEqualTo("good");
        assertThat(staging).doesNotExist();
    }

    @Test
    void stagingFoldersOfAKilledWriteAreRemovedByTheNextOne() throws IOException {
        Path target = temp.resolve("model");
        // A process id no process has, and the name a Java temp folder had before ids were recorded.
        Path killed = Files.createDirectory(temp.resolve(".model.staging-" + Long.MAX_VALUE + "-x"));
        Files.writeString(killed.resolve("partial.params"), "half");
        Path older = Files.createDirectory(temp.resolve(".model.staging-8047734587265398"));
        Path running = ModelStaging.stage(target);
        Path otherModel = ModelStaging.stage(temp.resolve("model2"));

        writeModel(target, "new");

        assertThat(killed).doesNotExist();
        assertThat(older).doesNotExist();
        assertThat(running).as("a write of a live process is left alone").exists();
        assertThat(otherModel).exists();
        assertThat(Files.readString(target.resolve("darkcovidnet-0003.params"))).isEqualTo("new");
    }

    @Test
    void modelFoldersAreNotPrivateToTheUser() throws IOException {
        Path model = writeModel(temp.resolve("shared"), "weights");
        java.util.Set<java.nio.file.attribute.PosixFilePermission> permissions = Files.getPosixFilePermissions(model);
        // createTempDirectory would give rwx------; the model folder gets what the umask gives any new folder.
        Path plain = Files.createDirectory(temp.resolve("plain"));
        assertThat(permissions).containsExactlyInAnyOrderElementsOf(Files.getPosixFilePermissions(plain));
    }

    @Test
    void missingDirectoryNamesWhatToPass() {
        assertThatThrownBy(() -> ModelDirectory.readManifest(temp.resolve("nope")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("nope")
                .hasMessageContaining("model directory does not exist");
    }

    @Test
    void folderWithoutManifestIsNotAModel() throws IOException {
        Files.createDirectories(temp.resolve("photos"));
        assertThatThrownBy(() -> ModelDirectory.readManifest(temp.resolve("photos")))
                .hasMessageContaining("is not a cxr4j model directory")
                .hasMessageContaining("model.json");
    }

    @Test
    void aTrainRunsFolderOrTheManifestItselfPointsToTheModelFolder() throws IOException {
        Path run = temp.resolve("run");
        Path model = writeModel(run.resolve("model"), "w");

        assertThatThrownBy(() -> ModelDirectory.readManifest(run))
                .hasMessageContaining("It holds a model in " + model + "; pass that folder.");
        Path crossValidation = temp.resolve("cv");
        Path foldModel = writeModel(crossValidation.resolve("fold-1/model"), "w");
        assertThatThrownBy(() -> ModelDirectory.readManifest(crossValidation))
                .hasMessageContaining("It holds a model in " + foldModel + "; pass that folder.");
        assertThatThrownBy(() -> ModelDirectory.readManifest(model.resolve("model.json")))
                .hasMessageContaining("is a file; pass the model folder that holds it, " + model + ".");
    }

    @Test
    void damagedManifestIsReportedWithTheFile() throws IOException {
        Path model = writeModel(temp.resolve("model"), "w");
        Files.writeString(model.resolve("model.json"), "{ \"formatVersion\": 1, \"engine\": ");
        assertThatThrownBy(() -> ModelDirectory.readManifest(model))
                .hasMessageContaining("model.json")
                .hasMessageContaining("damaged");
    }

    @Test
    void manifestWrittenBeforeThePrecisionSettingReadsAsFloat32() throws IOException {
        Path target = temp.resolve("model");
        Path staging = ModelStaging.stage(target);
        Files.writeString(staging.resolve("darkcovidnet-0003.params"), "w");
        ManifestFormat.write(staging, manifest("darkcovidnet-0003.params"));
        String json = Files.readString(staging.resolve("model.json"));
        String withoutPrecision = version1(json).replaceAll(",\\s*\"precision\":\\s*\"FLOAT32\"", "");
        assertThat(withoutPrecision).isNotEqualTo(json).doesNotContain("precision");
        Files.writeString(staging.resolve("model.json"), withoutPrecision);
        ModelStaging.commit(staging, target);
        assertThat(ModelDirectory.readManifest(target).training().precision()).isEqualTo(Precision.FLOAT32);
    }

    @Test
    void manifestWrittenBeforeHorizontalFlipsReadsAsNoFlips() throws IOException {
        Path target = temp.resolve("model");
        Path staging = ModelStaging.stage(target);
        Files.writeString(staging.resolve("darkcovidnet-0003.params"), "w");
        ModelManifest written = manifest("darkcovidnet-0003.params");
        ManifestFormat.write(staging, written);
        String json = Files.readString(staging.resolve("model.json"));
        String withoutFlip = version1(json).replaceAll(",\\s*\"horizontalFlip\":\\s*false", "");
        assertThat(withoutFlip).isNotEqualTo(json).doesNotContain("horizontalFlip");
        Files.writeString(staging.resolve("model.json"), withoutFlip);
        ModelStaging.commit(staging, target);
        assertThat(ModelDirectory.readManifest(target).training().augmentation())
                .isEqualTo(written.training().augmentation());
    }

    @Test
    void theWarpsFillAndInterpolationAreWrittenOnlyWhenNotTheBlackNearestOfEarlierModels() throws IOException {
        Path staging = ModelStaging.stage(temp.resolve("default"));
        ModelManifest usual = manifest("darkcovidnet-0003.params");
        ManifestFormat.write(staging, usual);
        String json = Files.readString(staging.resolve("model.json"));
        // As every model.json before the setting existed: no such fields, read as black, nearest.
        assertThat(json).contains("\"maxContrast\"").doesNotContain("\"fill\"").doesNotContain("\"interpolation\"");
        assertThat(ManifestFormat.read(staging.resolve("model.json")).training().augmentation())
                .isEqualTo(AugmentationSpec.defaults()).extracting(AugmentationSpec::fill).isEqualTo(WarpFill.BLACK);

        Path seedStaging = ModelStaging.stage(temp.resolve("seed"));
        ModelManifest seed = new ModelManifest(usual.formatVersion(), usual.engine(), usual.architecture(),
                usual.classNames(), usual.preprocessing(),
                usual.training().toBuilder().optAugmentation(AugmentationSpec.seedProject()).build(),
                usual.provenance(), usual.weightsFile());
        ManifestFormat.write(seedStaging, seed);
        assertThat(Files.readString(seedStaging.resolve("model.json")))
                .contains("\"fill\": \"NEAREST_EDGE\"").contains("\"interpolation\": \"BILINEAR\"");
        assertThat(ManifestFormat.read(seedStaging.resolve("model.json")).training().augmentation())
                .isEqualTo(AugmentationSpec.seedProject());
    }

    /** The same manifest as a version-1 file, which could lack settings added later. */
    private static String version1(String json) {
        String labelled = json.replace("\"formatVersion\": " + ModelManifest.FORMAT_VERSION + ",", "\"formatVersion\": 1,");
        assertThat(labelled).isNotEqualTo(json);
        return labelled;
    }

    @Test
    void manifestFromANewerFormatVersionIsRefused() throws IOException {
        Path model = writeModel(temp.resolve("model"), "w");
        String json = Files.readString(model.resolve("model.json"))
                .replace("\"formatVersion\": " + ModelManifest.FORMAT_VERSION, "\"formatVersion\": 99");
        Files.writeString(model.resolve("model.json"), json);
        assertThatThrownBy(() -> ModelDirectory.readManifest(model))
                .hasMessageContaining("format version 99")
                .hasMessageContaining("reads (versions 1 to " + ModelManifest.FORMAT_VERSION + ")");
    }

    @Test
    void missingOrEscapingWeightsFileIsRefused() throws IOException {
        Path model = writeModel(temp.resolve("model"), "w");
        Files.delete(model.resolve("darkcovidnet-0003.params"));
        assertThatThrownBy(() -> ModelDirectory.readManifest(model)).hasMessageContaining("missing");

        Path other = temp.resolve("other");
        Files.createDirectories(other);
        Files.writeString(temp.resolve("outside.params"), "x");
        ManifestFormat.write(other, manifest("../outside.params"));
        assertThatThrownBy(() -> ModelDirectory.readManifest(other)).hasMessageContaining("../outside.params");
    }

    @Test
    void alteredWeightsAreRefusedBeforeAnyEngineSeesThem() throws IOException {
        Path model = writeModel(temp.resolve("model"), "weights");
        Files.writeString(model.resolve("darkcovidnet-0003.params"), "weightz");
        assertThatThrownBy(() -> ModelDirectory.readManifest(model))
                .hasMessageContaining("darkcovidnet-0003.params")
                .hasMessageContaining("modified or damaged");
    }

    @Test
    void filesCxr4jDidNotWriteAreRefused() throws IOException {
        Path model = writeModel(temp.resolve("model"), "weights");
        Files.createDirectories(model.resolve("libs"));
        Files.writeString(model.resolve("libs/translator.jar"), "code");
        assertThatThrownBy(() -> ModelDirectory.readManifest(model))
                .hasMessageContaining("libs/translator.jar")
                .hasMessageContaining("did not write");
    }

    @Test
    void aForgedChecksumListCannotSmuggleInOtherFiles() throws Exception {
        Path model = writeModel(temp.resolve("model"), "weights");
        Files.writeString(model.resolve("serving.properties"), "translatorFactory=evil.Factory");
        Path list = model.resolve("checksums.sha256");
        String realHash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(model.resolve("serving.properties"))));
        Files.writeString(list, Files.readString(list) + realHash + "  serving.properties\n");
        assertThatThrownBy(() -> ModelDirectory.readManifest(model))
                .hasMessageContaining("serving.properties")
                .hasMessageContaining("not part of the model");
    }

    @Test
    void anUnsealedDirectoryIsRefused() throws IOException {
        Path model = writeModel(temp.resolve("model"), "weights");
        Files.delete(model.resolve("checksums.sha256"));
        assertThatThrownBy(() -> ModelDirectory.readManifest(model)).hasMessageContaining("checksums.sha256");
    }
}
