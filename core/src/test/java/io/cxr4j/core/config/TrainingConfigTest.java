package io.cxr4j.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxr4j.core.image.AugmentationSpec;
import io.cxr4j.core.image.PreprocessingSpec;
import io.cxr4j.core.image.ResizeMode;
import io.cxr4j.core.io.Json;
import org.junit.jupiter.api.Test;

class TrainingConfigTest {

    @Test
    void summaryNamesEverySettingThatChangesWhatIsLearned() {
        TrainingConfig config = TrainingConfig.builder()
                .optEpochs(60)
                .optBatchSize(32)
                .optLearningRate(0.003)
                .optSchedule(LearningRateSchedule.COSINE)
                .optWeightDecay(5e-4)
                .optPreprocessing(new PreprocessingSpec(128, 1, ResizeMode.PAD, 0f, 1f))
                .optAugmentation(AugmentationSpec.defaults().withHorizontalFlip(true))
                .optPrecision(Precision.BFLOAT16)
                .optSeed(7)
                .build();

        assertThat(config.summary()).isEqualTo("darkcovidnet, 60 epochs, batch 32, Adam 0.003 cosine,"
                + " weight decay 0.0005, balanced class weights, 128 px pad, 1 channel(s), rotation 10 deg,"
                + " zoom 0.1, shift 0.1, brightness 0.1, contrast 0.1, horizontal flips, bfloat16, seed 7");
    }

    @Test
    void summarySaysWhenThereIsNoAugmentation() {
        TrainingConfig config = TrainingConfig.builder().optAugmentation(AugmentationSpec.none()).build();

        assertThat(config.summary()).contains("weight decay 0,").contains(", no augmentation, float32, seed 42");
    }

    @Test
    void summaryNamesSourceBalancedSamplingAndUniformIsTheDefault() {
        assertThat(TrainingConfig.builder().build().sampling()).isEqualTo(Sampling.UNIFORM);
        TrainingConfig balanced = TrainingConfig.builder().optSampling(Sampling.SOURCE_BALANCED).build();

        assertThat(balanced.summary()).contains("contrast 0.1, source-balanced sampling, float32, seed 42");
        assertThat(balanced.toBuilder().build()).isEqualTo(balanced);
        assertThat(TrainingConfig.builder().build().summary()).doesNotContain("sampling");
    }

    @Test
    void uniformSamplingIsWrittenAsAnAbsentFieldSoOlderFilesAndFingerprintsStayAsTheyWere() {
        String uniform = Json.gson().toJson(TrainingConfig.builder().build());
        String balanced = Json.gson().toJson(TrainingConfig.builder().optSampling(Sampling.SOURCE_BALANCED).build());

        assertThat(uniform).doesNotContain("sampling");
        assertThat(balanced).contains("\"sampling\": \"SOURCE_BALANCED\"");
        assertThat(Json.gson().fromJson(uniform, TrainingConfig.class)).isEqualTo(TrainingConfig.builder().build());
        assertThat(Json.gson().fromJson(balanced, TrainingConfig.class).sampling()).isEqualTo(Sampling.SOURCE_BALANCED);
    }
}
