/**
 * An HTTP service and web page for cxr4j models: {@link io.cxr4j.serve.XrayServer} batches
 * concurrent predictions into engine calls, explains them with Grad-CAM, and shows each answer with
 * its model card and warnings; {@link io.cxr4j.serve.ServeCommand} runs it from the command line.
 */
package io.cxr4j.serve;
