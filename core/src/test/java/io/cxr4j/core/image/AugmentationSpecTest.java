package io.cxr4j.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AugmentationSpecTest {

    @Test
    void defaultsMatchTheSeedProjectRotation() {
        assertThat(AugmentationSpec.defaults())
                .isEqualTo(new AugmentationSpec(10, 0.1, 0.1, 0.1, 0.1));
        assertThat(AugmentationSpec.none()).isEqualTo(new AugmentationSpec(0, 0, 0, 0, 0));
        assertThat(AugmentationSpec.defaults().horizontalFlip()).isFalse();
    }

    @Test
    void withHorizontalFlipKeepsTheRanges() {
        AugmentationSpec flipped = AugmentationSpec.defaults().withHorizontalFlip(true);

        assertThat(flipped).isEqualTo(new AugmentationSpec(10, 0.1, 0.1, 0.1, 0.1, true));
        assertThat(flipped.withHorizontalFlip(false)).isEqualTo(AugmentationSpec.defaults());
    }

    @Test
    void theSeedProjectRotatesOnlyWithKerasWarpAndOtherWarpsChangeNothingWithoutRanges() {
        AugmentationSpec seed = AugmentationSpec.seedProject();
        assertThat(seed).isEqualTo(new AugmentationSpec(10, 0, 0, 0, 0, false, WarpFill.NEAREST_EDGE,
                WarpInterpolation.BILINEAR));
        assertThat(seed.isNone()).isFalse();
        assertThat(seed.withHorizontalFlip(true).fill()).isEqualTo(WarpFill.NEAREST_EDGE);
        assertThat(seed.withHorizontalFlip(true).interpolation()).isEqualTo(WarpInterpolation.BILINEAR);
        assertThat(seed.summary()).isEqualTo("rotation 10 deg, zoom 0, shift 0, brightness 0, contrast 0, bilinear,"
                + " nearest-edge fill");
        assertThat(new AugmentationSpec(0, 0, 0, 0, 0, false, WarpFill.NEAREST_EDGE, WarpInterpolation.BILINEAR)
                .isNone()).isTrue();
        assertThat(new AugmentationSpec(10, 0.1, 0.1, 0.1, 0.1, false, null, null)).isEqualTo(AugmentationSpec.defaults());
        assertThat(AugmentationSpec.defaults().fill()).isEqualTo(WarpFill.BLACK);
        assertThat(AugmentationSpec.defaults().interpolation()).isEqualTo(WarpInterpolation.NEAREST);
    }

    @Test
    void acceptsRangeLimits() {
        assertThat(new AugmentationSpec(180, 0.99, 1, 1, 1).maxRotationDegrees()).isEqualTo(180);
    }

    @Test
    void refusesOutOfRangeValues() {
        assertThatThrownBy(() -> new AugmentationSpec(-1, 0, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxRotationDegrees is -1.0");
        assertThatThrownBy(() -> new AugmentationSpec(181, 0, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AugmentationSpec(0, 1, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxZoom");
        assertThatThrownBy(() -> new AugmentationSpec(0, 0, 1.5, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AugmentationSpec(0, 0, 0, Double.NaN, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AugmentationSpec(0, 0, 0, 0, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxContrast");
    }
}
