package io.cxr4j.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LabelMapTest {

    @Test
    void binaryPutsCovidFirstAndDropsPneumonia() {
        LabelMap map = LabelMap.binary();

        assertThat(map.classNames()).containsExactly("covid", "normal");
        assertThat(map.labelOf("Covid-19")).hasValue("covid");
        assertThat(map.labelOf("covid")).hasValue("covid");
        assertThat(map.labelOf("No_findings")).hasValue("normal");
        assertThat(map.labelOf("normal")).hasValue("normal");
        assertThat(map.labelOf("Pneumonia")).isEmpty();
        assertThat(map.drops("Pneumonia")).isTrue();
        assertThat(map.drops("Other")).isFalse();
    }

    @Test
    void threeClassKeepsPneumonia() {
        LabelMap map = LabelMap.threeClass();

        assertThat(map.classNames()).containsExactly("covid", "normal", "pneumonia");
        assertThat(map.labelOf("Pneumonia")).hasValue("pneumonia");
        assertThat(map.drops("Pneumonia")).isFalse();
    }

    @Test
    void foldersMatchIgnoringCase() {
        LabelMap map = LabelMap.threeClass();

        assertThat(map.labelOf("COVID-19")).hasValue("covid");
        assertThat(map.labelOf("NO_FINDINGS")).hasValue("normal");
        assertThat(map.labelOf("PNEUMONIA")).hasValue("pneumonia");
        assertThat(map.labelOf("NORMAL")).hasValue("normal");
    }

    @Test
    void identityTakesFoldersAsTheyAreInAlphabeticalOrder() {
        LabelMap map = LabelMap.identity();

        assertThat(map.isIdentity()).isTrue();
        assertThat(map.classNames()).isEmpty();
        assertThat(map.labelOf("No_findings")).hasValue("No_findings");
        assertThat(map.classNamesFor(List.of("Pneumonia", "covid", "No_findings")))
                .containsExactly("covid", "No_findings", "Pneumonia");
    }

    @Test
    void customMapKeepsDeclarationOrder() {
        LabelMap map = LabelMap.builder()
                .addClass("sick", "bacteria", "virus")
                .addClass("healthy", "NORMAL")
                .optDrop("unsure")
                .build();

        assertThat(map.classNames()).containsExactly("sick", "healthy");
        assertThat(map.labelOf("Virus")).hasValue("sick");
        assertThat(map.labelOf("sick")).hasValue("sick");
        assertThat(map.labelOf("normal")).hasValue("healthy");
        assertThat(map.drops("UNSURE")).isTrue();
        assertThat(map.isIdentity()).isFalse();
    }

    @Test
    void customMapRejectsContradictions() {
        assertThatThrownBy(() -> LabelMap.builder().addClass("a", "x").addClass("b", "X"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'X' is mapped to both 'a' and 'b'");
        assertThatThrownBy(() -> LabelMap.builder().addClass("a").optDrop("A"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot be dropped");
        assertThatThrownBy(() -> LabelMap.builder().addClass("a").addClass("a"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("declared twice");
        assertThatThrownBy(() -> LabelMap.builder().addClass(" "))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LabelMap.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("LabelMap.identity()");
    }
}
