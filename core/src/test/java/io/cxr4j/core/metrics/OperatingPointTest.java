package io.cxr4j.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class OperatingPointTest {

    private static OperatingPoint point(String positive, double threshold, long tp, long fn, long tn, long fp) {
        return new OperatingPoint(positive, threshold, new Proportion(tp, tp + fn), new Proportion(tn, tn + fp),
                new Proportion(tp, tp + fp), new Proportion(tp + tn, tp + fn + tn + fp));
    }

    @Test
    void poolingAddsTheCountsOfEveryPartAndKeepsNoThreshold() {
        OperatingPoint pooled = OperatingPoint.pooled(List.of(point("covid", 0.3, 8, 2, 40, 5),
                point("covid", 0.6, 9, 1, 43, 2)));

        assertThat(pooled).isEqualTo(new OperatingPoint("covid", Double.NaN, new Proportion(17, 20),
                new Proportion(83, 90), new Proportion(17, 24), new Proportion(100, 110)));
    }

    @Test
    void refusesToPoolNothingOrDifferentClasses() {
        assertThatThrownBy(() -> OperatingPoint.pooled(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OperatingPoint.pooled(List.of(point("covid", 0.5, 1, 0, 1, 0),
                point("normal", 0.5, 1, 0, 1, 0)))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'covid' and 'normal'");
    }
}
