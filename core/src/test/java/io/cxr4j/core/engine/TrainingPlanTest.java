package io.cxr4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxr4j.core.config.Precision;
import io.cxr4j.core.config.TrainingConfig;
import io.cxr4j.core.image.AugmentationSpec;
import io.cxr4j.core.image.Preprocessor;
import io.cxr4j.core.training.PreparedImages;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingPlanTest {

    private static final TrainingConfig SEED_RECIPE = TrainingConfig.builder()
            .optArchitecture(Networks.VGG16)
            .optFrozenBlocks(5)
            .optAugmentation(AugmentationSpec.none())
            .build();

    private static TrainingPlan plan(TrainingConfig config) {
        return new TrainingPlan(config, List.of("covid", "normal"), new int[] {1, 1},
                new Preprocessor(config.preprocessing()), new PreparedImages(List.of(), List.of()), null, null,
                Path.of("checkpoints"), null);
    }

    @Test
    void aBaseFrozenWholeWithoutAugmentationHasItsFeaturesCached() {
        assertThat(plan(SEED_RECIPE).cachesBaseFeatures()).isTrue();
    }

    @Test
    void augmentationAPartlyFrozenBaseBfloat16OrAnotherNetworkRunTheBaseEveryEpoch() {
        assertThat(plan(SEED_RECIPE.toBuilder().optAugmentation(AugmentationSpec.defaults()).build())
                .cachesBaseFeatures()).as("augmented").isFalse();
        assertThat(plan(SEED_RECIPE.toBuilder().optFrozenBlocks(4).build()).cachesBaseFeatures())
                .as("block 5 fine-tuned").isFalse();
        assertThat(plan(SEED_RECIPE.toBuilder().optPrecision(Precision.BFLOAT16).build()).cachesBaseFeatures())
                .as("bfloat16").isFalse();
        assertThat(plan(SEED_RECIPE.toBuilder().optArchitecture(Networks.SEED_VGG).optFrozenBlocks(0).build())
                .cachesBaseFeatures()).as("no frozen blocks").isFalse();
    }

    @Test
    void theSystemPropertyTurnsTheCacheOff() {
        System.setProperty(TrainingPlan.BASE_FEATURE_CACHE_PROPERTY, "false");
        try {
            assertThat(plan(SEED_RECIPE).cachesBaseFeatures()).isFalse();
        } finally {
            System.clearProperty(TrainingPlan.BASE_FEATURE_CACHE_PROPERTY);
        }
    }
}
