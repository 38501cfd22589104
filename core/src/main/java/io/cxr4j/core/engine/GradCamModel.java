package io.cxr4j.core.engine;

import ai.djl.translate.TranslateException;
import io.cxr4j.core.explain.ClassActivationMap;

/**
 * An optional capability of an {@link InferenceModel}: Grad-CAM (Selvaraju et al. 2017), the
 * gradients of one class score with respect to the network's last convolutional feature maps.
 * An engine's inference model implements this interface as well when its engine can compute
 * those gradients; {@link io.cxr4j.core.inference.XrayClassifier#explain} checks for it.
 *
 * <p>Every engine must compute the gradients with its own automatic differentiation (DJL's
 * gradient collector on PyTorch, graph gradients on TensorFlow) on the very network it serves;
 * no engine may fall back to another engine's autograd or weights. The steps are the same on
 * every engine, so that heat maps of converted models agree:
 *
 * <ol>
 *   <li>run the network on one image in inference mode (batch norm on running statistics,
 *       dropout off) up to and including the last convolution block, giving feature maps
 *       {@code A} of K channels at h x w;
 *   <li>continue from {@code A} to the class scores, the logits before softmax, and take the
 *       gradient of the score {@code y_c} of the requested class with respect to {@code A};
 *   <li>weight each channel by the spatial mean of its gradient, {@code a_k = mean(dy_c/dA_k)};
 *   <li>return {@code ReLU(sum_k a_k A_k)} at h x w, without normalisation or upsampling.
 * </ol>
 *
 * <p>Implementations must be safe for concurrent use by several threads.
 */
public interface GradCamModel {

    /**
     * Computes the Grad-CAM map of one preprocessed image for one class.
     *
     * @param tensor one channel-first image as laid out by the model's preprocessing spec
     * @param classIndex the class whose score is explained, in the model's class order
     * @return the map at the last convolution block's resolution, and that block's name
     * @throws TranslateException when the engine fails to run the network or its gradients
     */
    ClassActivationMap gradCam(float[] tensor, int classIndex) throws TranslateException;
}
