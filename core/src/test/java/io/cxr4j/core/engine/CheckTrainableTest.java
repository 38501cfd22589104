package io.cxr4j.core.engine;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxr4j.core.image.PreprocessingSpec;
import io.cxr4j.core.image.ResizeMode;
import io.cxr4j.core.config.TrainingConfig;
import org.junit.jupiter.api.Test;

class CheckTrainableTest {

    private final CxrEngine engine = CxrEngine.of(new FakeEngine());

    private static TrainingConfig config(String architecture, int imageSize) {
        return TrainingConfig.builder()
                .optArchitecture(architecture)
                .optPreprocessing(new PreprocessingSpec(imageSize, 1, ResizeMode.CENTER_CROP, 0f, 1f))
                .build();
    }

    @Test
    void acceptsAKnownArchitectureAtItsMinimumSize() {
        assertThatCode(() -> engine.checkTrainable(config("darkcovidnet", 32))).doesNotThrowAnyException();
    }

    @Test
    void unknownArchitectureNamesWhatTheEngineBuilds() {
        assertThatThrownBy(() -> engine.checkTrainable(config("resnet", 224)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown architecture 'resnet'")
                .hasMessageContaining("the fake engine builds [darkcovidnet, darkcovidnet-gap, seed-vgg, vgg16]");
    }

    @Test
    void inputBelowTheArchitecturesMinimumIsRefusedWithTheSizeToUse() {
        assertThatThrownBy(() -> engine.checkTrainable(config("darkcovidnet", 31)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Image size 31 is too small for darkcovidnet")
                .hasMessageContaining("at least 32");
    }
}
