/**
 * Published pretrained weights for cxr4j's networks: Keras's VGG16 ImageNet file, downloaded on
 * first use into the per-user cache and verified against the checksum Keras publishes ({@link
 * io.cxr4j.pretrained.PretrainedCache}), read with a pure-Java HDF5 reader ({@link
 * io.cxr4j.pretrained.KerasWeights}) into {@link io.cxr4j.core.model.NeutralWeights}, from which
 * every engine imports. {@link io.cxr4j.pretrained.VggTopology} describes the network the weights
 * belong to.
 */
package io.cxr4j.pretrained;
