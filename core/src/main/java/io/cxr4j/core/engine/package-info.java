/**
 * The service-provider interface between cxr4j and a deep-learning backend. An engine module
 * implements {@link io.cxr4j.core.engine.CxrEngine} and registers it for {@link
 * java.util.ServiceLoader}; {@link io.cxr4j.core.engine.Engines} finds the engines on the classpath
 * and picks one, so that switching engines changes only the classpath. An engine trains models,
 * loads them as {@link io.cxr4j.core.engine.InferenceModel}s (with Grad-CAM where it can, {@link
 * io.cxr4j.core.engine.GradCamModel}), and moves weights to and from the engine-independent layout
 * that model conversion uses.
 *
 * <p>Engines receive tensors that cxr4j has already decoded and preprocessed in plain Java, so that
 * every engine sees the same pixels. Applications rarely call this package directly: {@link
 * io.cxr4j.core.inference.XrayClassifier} loads a model with the engine that wrote it.
 */
package io.cxr4j.core.engine;
