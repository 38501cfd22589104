package io.cxr4j.core.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.modality.Classifications;
import io.cxr4j.core.engine.GradCamModel;
import io.cxr4j.core.engine.InferenceModel;
import io.cxr4j.core.image.ResizeMode;
import io.cxr4j.core.inference.XrayClassifier;
import io.cxr4j.core.testing.FakeModels;
import io.cxr4j.core.testing.SyntheticImages;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link XrayClassifier#explain} on engines that do and do not support Grad-CAM. */
class XrayClassifierExplainTest {

    @TempDir
    Path temp;

    /** Probabilities 0.2/0.8; the map is hot in the top-left cell for class 0, bottom-right for 1. */
    static class ExplainingModel implements InferenceModel, GradCamModel {
        final List<Integer> explainedClasses = new ArrayList<>();

        @Override
        public List<Classifications> classify(List<float[]> tensors) {
            return tensors.stream().map(t -> new Classifications(List.of("covid", "normal"), List.of(0.2, 0.8)))
                    .toList();
        }

        @Override
        public ClassActivationMap gradCam(float[] tensor, int classIndex) {
            explainedClasses.add(classIndex);
            float[] cells = new float[4];
            cells[classIndex == 0 ? 0 : 3] = 3f;
            return new ClassActivationMap(new HeatMap(2, 2, cells), "fake block");
        }

        @Override
        public void close() {}
    }

    /** An inference-only model. */
    static class PlainModel implements InferenceModel {
        @Override
        public List<Classifications> classify(List<float[]> tensors) {
            return new ExplainingModel().classify(tensors);
        }

        @Override
        public void close() {}
    }

    private Path model(ResizeMode mode) throws IOException {
        return FakeModels.directory(temp.resolve("model-" + mode), mode);
    }

    @Test
    void explainsThePredictedClassByDefaultAtBothResolutions() throws IOException {
        Path image = SyntheticImages.writeGrayPng(temp.resolve("wide.png"), 80, 40);
        ExplainingModel engineModel = new ExplainingModel();
        try (XrayClassifier classifier = XrayClassifier.load(model(ResizeMode.PAD), FakeModels.engine(engineModel))) {
            assertThat(classifier.canExplain()).isTrue();
            Explanation e = classifier.explain(image);

            assertThat(engineModel.explainedClasses).containsExactly(1);
            assertThat(e.className()).isEqualTo("normal");
            assertThat(e.explainsPrediction()).isTrue();
            assertThat(e.prediction().probability("covid")).isEqualTo(0.2);
            assertThat(e.inputHeatMap().width()).isEqualTo(32);
            assertThat(e.inputHeatMap().height()).isEqualTo(32);
            assertThat(e.heatMap().width()).isEqualTo(80);
            assertThat(e.heatMap().height()).isEqualTo(40);
            assertThat(e.max()).isEqualTo(3f);
            assertThat(e.min()).isZero();
            // Hot in the bottom-right of the square input, so in the bottom-right of the original.
            assertThat(e.heatMap().get(75, 35)).isGreaterThan(e.heatMap().get(5, 5));
            assertThat(e.metadata()).isEqualTo(new ExplanationMetadata("Grad-CAM", "fake", "tiny", "fake block", 2, 2,
                    ResizeMode.PAD));
        }
    }

    @Test
    void explainsANamedClassAndRefusesAnUnknownOne() throws IOException {
        Path image = SyntheticImages.writeGrayPng(temp.resolve("square.png"), 40, 40);
        ExplainingModel engineModel = new ExplainingModel();
        try (XrayClassifier classifier = XrayClassifier.load(model(ResizeMode.STRETCH), FakeModels.engine(engineModel))) {
            Explanation e = classifier.explain(image, "covid");
            assertThat(e.classIndex()).isZero();
            assertThat(e.explainsPrediction()).isFalse();
            assertThat(e.heatMap().get(2, 2)).isGreaterThan(e.heatMap().get(37, 37));
            assertThatThrownBy(() -> classifier.explain(image, "pneumonia"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'pneumonia'").hasMessageContaining("[covid, normal]");
        }
    }

    @Test
    void anEngineWithoutGradCamSaysSoAndNeverFallsBack() throws IOException {
        Path image = SyntheticImages.writeGrayPng(temp.resolve("square.png"), 40, 40);
        try (XrayClassifier classifier = XrayClassifier.load(model(ResizeMode.STRETCH), FakeModels.engine(new PlainModel()))) {
            assertThat(classifier.canExplain()).isFalse();
            assertThatThrownBy(() -> classifier.explain(image))
                    .isInstanceOf(ExplanationUnsupportedException.class)
                    .hasMessageContaining("'fake' engine cannot explain")
                    .hasMessageContaining("GradCamModel");
        }
    }
}
