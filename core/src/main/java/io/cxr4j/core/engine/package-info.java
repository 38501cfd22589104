/**
 * The engines that train and serve cxr4j models, and the service-provider interface between cxr4j
 * and a deep-learning backend. {@link io.cxr4j.core.engine.Engines} finds the engines on the
 * classpath through {@link java.util.ServiceLoader} and picks one, so that switching engines changes
 * only the classpath; it returns a {@link io.cxr4j.core.engine.CxrEngine}, which trains, loads and
 * converts models ({@link io.cxr4j.core.engine.ModelConverter}).
 *
 * <p>An engine module implements two halves, as DJL separates its {@code EngineProvider} from its
 * {@code Engine}: discovery, an {@link io.cxr4j.core.engine.EngineProvider} (name, artifact, rank,
 * availability; usually a {@link io.cxr4j.core.engine.ClasspathEngineProvider}), and behaviour, a
 * narrow {@link io.cxr4j.core.engine.EngineBackend}: build and step a network for a training run
 * ({@link io.cxr4j.core.engine.TrainingNetwork}), load one for inference ({@link
 * io.cxr4j.core.engine.InferenceModel}, with Grad-CAM through {@link
 * io.cxr4j.core.engine.GradCamModel}, usually a {@link io.cxr4j.core.engine.ServedModel}), and move
 * weights to and from the engine-independent layout. Everything else a training run does is written
 * once here, for every engine. The architectures every engine builds are named in {@link
 * io.cxr4j.core.engine.Networks}.
 *
 * <p>Engines receive tensors that cxr4j has already decoded and preprocessed in plain Java, so that
 * every engine sees the same pixels. Applications rarely call this package directly: {@link
 * io.cxr4j.core.inference.XrayClassifier} loads a model with the engine that wrote it.
 */
package io.cxr4j.core.engine;
