package io.cxr4j.engine.pytorch;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Trains a network in bfloat16 mixed precision ({@link io.cxr4j.core.config.Precision#BFLOAT16}):
 * training forward passes run under {@link CpuAutocast}, inference passes in float32. The wrapper
 * saves and loads exactly the wrapped network's parameters, so its checkpoints and models are the
 * very files a float32 run writes, and every model loader reads them unchanged.
 */
final class AutocastBlock extends AbstractBlock {

    private final Block network;

    AutocastBlock(Block network) {
        this.network = addChildBlock("network", network);
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        if (!training) {
            return network.forward(parameterStore, inputs, false, params);
        }
        NDList outputs;
        try (CpuAutocast.Scope autocast = CpuAutocast.open()) {
            outputs = network.forward(parameterStore, inputs, true, params);
        }
        // Autocast leaves the logits in bfloat16. The loss needs float32, and DJL's toType records no
        // gradient, so type promotion does the cast: bfloat16 times a float32 array is float32.
        NDArray logits = outputs.singletonOrThrow();
        return new NDList(logits.mul(logits.getManager().ones(new Shape(1), DataType.FLOAT32)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return network.getOutputShapes(inputShapes);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        network.initialize(manager, dataType, inputShapes);
    }

    @Override
    public void saveParameters(DataOutputStream os) throws IOException {
        network.saveParameters(os);
    }

    @Override
    public void loadParameters(NDManager manager, DataInputStream is) throws IOException, MalformedModelException {
        network.loadParameters(manager, is);
    }
}
