package io.cxr4j.engine.pytorch;

import ai.djl.nn.Block;
import io.cxr4j.core.training.Precision;

/** Readies a network for training in a precision, the same way for full runs and step sessions. */
final class TrainingNetworks {

    private TrainingNetworks() {}

    /**
     * Prepares an uninitialized network for training: channels-last weights for float32 (steps
     * about 1.3x faster), autocast for bfloat16 (where channels-last measured no faster).
     *
     * @param network the network to train, not initialized yet
     * @param precision the training run's precision
     * @return the network itself for float32, wrapped in autocast for bfloat16
     */
    static Block prepare(Block network, Precision precision) {
        return switch (precision) {
            case FLOAT32 -> {
                ChannelsLast.apply(network);
                yield network;
            }
            case BFLOAT16 -> new AutocastBlock(network);
        };
    }
}
