/**
 * The PyTorch engine, {@code pytorch}: trains with DJL's
 * {@code Trainer} and serves with DJL's {@code Predictor} on libtorch, and computes Grad-CAM with
 * PyTorch's autograd. Training can run convolutions in bfloat16 mixed precision. {@link
 * io.cxr4j.engine.pytorch.Architectures} builds the networks from DJL blocks, with the same layers
 * and parameters as the TensorFlow engine's, so that a model converts between the two.
 *
 * <p>Applications do not call this package: with the module on the classpath, {@link
 * io.cxr4j.core.engine.Engines} finds {@link io.cxr4j.engine.pytorch.PyTorchEngineProvider} through
 * {@link java.util.ServiceLoader}.
 */
package io.cxr4j.engine.pytorch;
