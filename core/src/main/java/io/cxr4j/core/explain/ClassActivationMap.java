package io.cxr4j.core.explain;

import java.util.Objects;

/**
 * What an engine's Grad-CAM returns for one image and one class: the gradient-weighted activation
 * map of the network's last convolutional block, at that block's spatial resolution (for
 * DarkCovidNet on a 128-pixel input, 4 x 4), before any upsampling.
 *
 * @param map ReLU of the channel-weighted sum of the block's feature maps, one cell per feature
 *     map position, row by row from the top left of the model input
 * @param targetLayer a human-readable name of the block the map was taken from
 */
public record ClassActivationMap(HeatMap map, String targetLayer) {

    /**
     * Checks that both fields are present.
     *
     * @param map the gradient-weighted activation map at the block's resolution; not null
     * @param targetLayer a human-readable name of the block the map was taken from; not null
     */
    public ClassActivationMap {
        Objects.requireNonNull(map, "map");
        Objects.requireNonNull(targetLayer, "targetLayer");
    }
}
