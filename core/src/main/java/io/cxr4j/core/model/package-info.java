/**
 * What a trained model is on disk. A model directory holds a {@link
 * io.cxr4j.core.model.ModelManifest} (engine, architecture, classes in output order, preprocessing,
 * training settings and {@link io.cxr4j.core.model.Provenance}), the engine's weights file and a
 * SHA-256 list of its files that is checked before anything is loaded. {@link
 * io.cxr4j.core.model.ModelDirectory} reads these directories; {@link
 * io.cxr4j.core.model.ModelStaging} writes them, staging a new model beside its target so that a
 * failed run never leaves half a model behind.
 *
 * <p>{@link io.cxr4j.core.model.NeutralWeights} is an engine-independent layout of a network's
 * weights, through which {@link io.cxr4j.core.engine.ModelConverter} rewrites a model for another
 * engine.
 */
package io.cxr4j.core.model;

