package io.cxr4j.core.model;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * How and from what a model was made.
 *
 * @param createdAt ISO-8601 instant the model was trained
 * @param cxr4jVersion the cxr4j version that trained it
 * @param djlVersion the DJL version used
 * @param engineVersion the native engine's version the weights are written for, such as PyTorch 2.7.1
 * @param datasetName the training data set's name
 * @param trainingImages how many images were trained on
 * @param trainingClassCounts training images per class
 * @param trainingSeconds wall-clock training time
 * @param javaVersion the JVM version
 * @param platform operating system, architecture and processor ({@link io.cxr4j.core.platform.CpuInfo#platform()}); older models name only the first two
 * @param trainingImageDigests the training images' content fingerprints ({@link ImageDigests#encode()}),
 *     so that evaluations can find them again; null for models trained before they were recorded
 * @param conversions the conversions from the engine that trained the model to the one whose
 *     weights the directory holds ({@link ModelManifest#engine()}), oldest first; empty for a model
 *     its engine trained
 * @param trainingSources the training images per source and class ({@link SourceImages#of}); null
 *     for models trained before they were recorded (format version 2 and older)
 * @param baseWeights the file of weights the network's first layers started from (see {@link
 *     BaseWeights}); null for a model trained from scratch
 */
public record Provenance(
        String createdAt,
        String cxr4jVersion,
        String djlVersion,
        String engineVersion,
        String datasetName,
        int trainingImages,
        Map<String, Integer> trainingClassCounts,
        double trainingSeconds,
        String javaVersion,
        String platform,
        String trainingImageDigests,
        List<Conversion> conversions,
        List<SourceImages> trainingSources,
        WeightsFile baseWeights) {

    /**
     * Freezes the map and the lists.
     *
     * @param createdAt ISO-8601 instant the model was trained
     * @param cxr4jVersion the cxr4j version that trained it
     * @param djlVersion the DJL version used
     * @param engineVersion the native engine's version the weights are written for
     * @param datasetName the training data set's name
     * @param trainingImages how many images were trained on
     * @param trainingClassCounts training images per class; copied
     * @param trainingSeconds wall-clock training time in seconds
     * @param javaVersion the JVM version
     * @param platform operating system, architecture and processor ({@link io.cxr4j.core.platform.CpuInfo#platform()}); older models name only the first two
     * @param trainingImageDigests the training images' content fingerprints, or null
     * @param conversions the conversions the weights went through, oldest first; copied
     * @param trainingSources the training images per source and class, or null; copied
     * @param baseWeights the file the first layers started from, or null for a model trained from scratch
     */
    public Provenance {
        trainingClassCounts = Map.copyOf(trainingClassCounts);
        conversions = List.copyOf(conversions);
        trainingSources = trainingSources == null ? null : List.copyOf(trainingSources);
    }

    /**
     * The provenance of a model trained from scratch (without {@link #baseWeights()}) whose sources were
     * not recorded (see {@link #withTrainingSources}).
     *
     * @param createdAt ISO-8601 instant the model was trained
     * @param cxr4jVersion the cxr4j version that trained it
     * @param djlVersion the DJL version used
     * @param engineVersion the native engine's version the weights are written for
     * @param datasetName the training data set's name
     * @param trainingImages how many images were trained on
     * @param trainingClassCounts training images per class; copied
     * @param trainingSeconds wall-clock training time in seconds
     * @param javaVersion the JVM version
     * @param platform operating system, architecture and processor
     * @param trainingImageDigests the training images' content fingerprints, or null
     * @param conversions the conversions the weights went through, oldest first; copied
     */
    public Provenance(String createdAt, String cxr4jVersion, String djlVersion, String engineVersion,
            String datasetName, int trainingImages, Map<String, Integer> trainingClassCounts,
            double trainingSeconds, String javaVersion, String platform, String trainingImageDigests,
            List<Conversion> conversions) {
        this(createdAt, cxr4jVersion, djlVersion, engineVersion, datasetName, trainingImages, trainingClassCounts,
                trainingSeconds, javaVersion, platform, trainingImageDigests, conversions, null, null);
    }

    /**
     * The provenance of a model its engine trained, without conversions or sources (see {@link
     * #withTrainingSources}).
     *
     * @param createdAt ISO-8601 instant the model was trained
     * @param cxr4jVersion the cxr4j version that trained it
     * @param djlVersion the DJL version used
     * @param engineVersion the native engine's version, such as PyTorch 2.7.1
     * @param datasetName the training data set's name
     * @param trainingImages how many images were trained on
     * @param trainingClassCounts training images per class
     * @param trainingSeconds wall-clock training time
     * @param javaVersion the JVM version
     * @param platform operating system, architecture and processor ({@link io.cxr4j.core.platform.CpuInfo#platform()}); older models name only the first two
     * @param trainingImageDigests the training images' content fingerprints, or null
     */
    public Provenance(String createdAt, String cxr4jVersion, String djlVersion, String engineVersion,
            String datasetName, int trainingImages, Map<String, Integer> trainingClassCounts,
            double trainingSeconds, String javaVersion, String platform, ImageDigests trainingImageDigests) {
        this(createdAt, cxr4jVersion, djlVersion, engineVersion, datasetName, trainingImages, trainingClassCounts,
                trainingSeconds, javaVersion, platform,
                trainingImageDigests == null ? null : trainingImageDigests.encode(), List.of(), null, null);
    }

    /**
     * This provenance with the training images counted per source.
     *
     * @param sources the training images per source and class ({@link SourceImages#of})
     * @return the provenance with {@link #trainingSources()} set
     */
    public Provenance withTrainingSources(List<SourceImages> sources) {
        return new Provenance(createdAt, cxr4jVersion, djlVersion, engineVersion, datasetName, trainingImages,
                trainingClassCounts, trainingSeconds, javaVersion, platform, trainingImageDigests, conversions, sources,
                baseWeights);
    }

    /**
     * This provenance for a model whose first layers started from a file of weights.
     *
     * @param file the weights file, or null for a model trained from scratch
     * @return the provenance with {@link #baseWeights()} set
     */
    public Provenance withBaseWeights(WeightsFile file) {
        return new Provenance(createdAt, cxr4jVersion, djlVersion, engineVersion, datasetName, trainingImages,
                trainingClassCounts, trainingSeconds, javaVersion, platform, trainingImageDigests, conversions,
                trainingSources, file);
    }

    /**
     * This provenance after one more conversion.
     *
     * @param conversion where the weights came from
     * @param newEngineVersion the version of the engine the weights are now written for
     * @return the provenance with the conversion appended and the new engine version
     */
    public Provenance convertedBy(Conversion conversion, String newEngineVersion) {
        List<Conversion> all = new ArrayList<>(conversions);
        all.add(conversion);
        return new Provenance(createdAt, cxr4jVersion, djlVersion, newEngineVersion, datasetName,
                trainingImages, trainingClassCounts, trainingSeconds, javaVersion, platform, trainingImageDigests, all,
                trainingSources, baseWeights);
    }

    /**
     * The evaluated images that were among this model's training images, by file content.
     *
     * @param images images about to be scored
     * @return those the model was trained on, in input order; empty also when the model records no
     *     training images (see {@link #trainingImageDigests()})
     */
    public List<Path> trainedOn(Collection<Path> images) {
        return trainingImageDigests == null ? List.of() : ImageDigests.decode(trainingImageDigests).among(images);
    }

    /**
     * One rewrite of a model's weights for another engine by {@link io.cxr4j.core.engine.ModelConverter}.
     *
     * @param convertedAt ISO-8601 instant of the conversion
     * @param cxr4jVersion the cxr4j version that converted
     * @param fromEngine the engine of the source model, such as {@code pytorch}
     * @param fromEngineVersion the source model's engine version
     * @param fromModel the source model directory
     * @param fromModelSha256 SHA-256 of the source model's checksum list, which identifies every
     *     file of it
     */
    public record Conversion(
            String convertedAt,
            String cxr4jVersion,
            String fromEngine,
            String fromEngineVersion,
            String fromModel,
            String fromModelSha256) {

        /**
         * The record of a conversion starting now from a sealed model directory.
         *
         * @param source the source model directory
         * @param manifest its manifest, with provenance
         * @return the conversion, naming the source by its absolute path and checksum list
         * @throws IOException when the source's checksum list cannot be read
         */
        public static Conversion from(Path source, ModelManifest manifest) throws IOException {
            return new Conversion(Instant.now().toString(), Versions.cxr4j(), manifest.engine(),
                    manifest.provenance().engineVersion(), source.toAbsolutePath().normalize().toString(),
                    ModelChecksums.listDigest(source));
        }
    }
}
