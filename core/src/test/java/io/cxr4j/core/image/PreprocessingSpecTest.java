package io.cxr4j.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxr4j.core.io.Json;
import org.junit.jupiter.api.Test;

class PreprocessingSpecTest {

    @Test
    void defaultsAre224GrayCentreCroppedUnitRange() {
        PreprocessingSpec spec = PreprocessingSpec.defaults();

        assertThat(spec).isEqualTo(new PreprocessingSpec(224, 1, ResizeMode.CENTER_CROP, 0f, 1f));
        assertThat(spec.tensorLength()).isEqualTo(224 * 224);
    }

    @Test
    void tensorLengthCountsEveryChannel() {
        assertThat(new PreprocessingSpec(256, 3, ResizeMode.PAD, -1f, 1f).tensorLength())
                .isEqualTo(3 * 256 * 256);
    }

    @Test
    void refusesInvalidValues() {
        assertThatThrownBy(() -> new PreprocessingSpec(15, 1, ResizeMode.PAD, 0f, 1f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Image size 15 is out of range").hasMessageContaining("16 to 2048");
        assertThatThrownBy(() -> new PreprocessingSpec(2049, 1, ResizeMode.PAD, 0f, 1f))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PreprocessingSpec(224, 2, ResizeMode.PAD, 0f, 1f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Input channels 2").hasMessageContaining("use 1 (gray) or 3");
        assertThatThrownBy(() -> new PreprocessingSpec(224, 1, null, 0f, 1f))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new PreprocessingSpec(224, 1, ResizeMode.PAD, 1f, 1f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the first below the second");
        assertThatThrownBy(() -> new PreprocessingSpec(224, 1, ResizeMode.PAD, 0f, Float.NaN))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void acceptsSizeLimits() {
        assertThat(new PreprocessingSpec(16, 1, ResizeMode.STRETCH, 0f, 1f).imageSize())
                .isEqualTo(16);
        assertThat(new PreprocessingSpec(2048, 3, ResizeMode.CENTER_CROP, 0f, 1f).imageSize())
                .isEqualTo(2048);
    }

    @Test
    void withMethodsChangeOneValueAndValidateIt() {
        PreprocessingSpec spec = PreprocessingSpec.defaults().withImageSize(64).withChannels(3)
                .withResizeMode(ResizeMode.PAD).withRange(-1f, 1f);
        assertThat(spec).isEqualTo(new PreprocessingSpec(64, 3, ResizeMode.PAD, -1f, 1f));
        assertThat(PreprocessingSpec.defaults().withImageSize(64))
                .isEqualTo(new PreprocessingSpec(64, 1, ResizeMode.CENTER_CROP, 0f, 1f));
        assertThatThrownBy(() -> PreprocessingSpec.defaults().withImageSize(8))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Image size 8");
    }

    @Test
    void intensityDefaultsToNoneAndAbsentMeansNone() {
        assertThat(PreprocessingSpec.defaults().intensity()).isEqualTo(IntensityTransform.NONE);
        assertThat(new PreprocessingSpec(64, 1, ResizeMode.PAD, 0f, 1f, null, null).intensity())
                .isEqualTo(IntensityTransform.NONE);
        // A model.json written before the setting existed has no intensity field.
        PreprocessingSpec read = Json.gson().fromJson(
                "{\"imageSize\": 64, \"channels\": 1, \"resizeMode\": \"CENTER_CROP\", \"rangeMin\": 0.0,"
                        + " \"rangeMax\": 1.0}", PreprocessingSpec.class);
        assertThat(read).isEqualTo(new PreprocessingSpec(64, 1, ResizeMode.CENTER_CROP, 0f, 1f));
        assertThat(Json.gson().toJson(read)).doesNotContain("intensity");
        assertThat(Json.gson().newBuilder().serializeNulls().create().toJson(read)).doesNotContain("intensity");
        assertThat(Json.gson().newBuilder().serializeNulls().create().toJsonTree(read).getAsJsonObject().has("intensity"))
                .isFalse();
    }

    @Test
    void withIntensityChangesOnlyTheTransformAndSurvivesJson() {
        PreprocessingSpec spec = new PreprocessingSpec(64, 3, ResizeMode.PAD, -1f, 1f)
                .withIntensity(IntensityTransform.CLAHE);

        assertThat(spec).isEqualTo(new PreprocessingSpec(64, 3, ResizeMode.PAD, -1f, 1f, PixelNormalization.RANGE, IntensityTransform.CLAHE));
        assertThat(spec.withImageSize(32).intensity()).isEqualTo(IntensityTransform.CLAHE);
        assertThat(Json.gson().toJson(spec)).contains("\"intensity\": \"CLAHE\"");
        assertThat(Json.gson().fromJson(Json.gson().toJson(spec), PreprocessingSpec.class)).isEqualTo(spec);
        assertThatThrownBy(() -> spec.withIntensity(null)).isInstanceOf(NullPointerException.class);
    }
}
