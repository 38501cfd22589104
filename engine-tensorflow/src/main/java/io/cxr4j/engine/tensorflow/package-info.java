/**
 * The TensorFlow engine, {@code tensorflow}: trains in
 * TensorFlow Java graph mode, since DJL's TensorFlow engine cannot train, exports the trained
 * network as a SavedModel and serves it with DJL's {@code Predictor}; Grad-CAM uses {@code
 * tf.gradients} on a graph of its own. {@link io.cxr4j.engine.tensorflow.Architectures} builds the
 * same networks, layer for layer, as the PyTorch engine, so that a model converts between the two.
 *
 * <p>Applications do not call this package: with the module on the classpath, {@link
 * io.cxr4j.core.engine.Engines} finds {@link io.cxr4j.engine.tensorflow.TensorFlowEngineProvider} through
 * {@link java.util.ServiceLoader}.
 */
package io.cxr4j.engine.tensorflow;
