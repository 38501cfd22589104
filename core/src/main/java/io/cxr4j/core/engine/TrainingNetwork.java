package io.cxr4j.core.engine;

import ai.djl.modality.Classifications;
import io.cxr4j.core.training.PreparedImages;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The network of one training run, built by an engine ({@link EngineBackend#startTraining}) and
 * driven by core epoch by epoch: core times and logs each epoch, stops a run whose loss or weights
 * are not finite, writes the checkpoint record and deletes the previous epoch's files, and writes
 * the model directory.
 *
 * <p>Not thread-safe: one thread drives it.
 */
public interface TrainingNetwork extends AutoCloseable {

    /**
     * Trains one epoch on the plan's training images, in its seeded shuffle and augmentation and
     * at its learning-rate schedule, then scores the validation images without augmentation.
     *
     * @param epoch the epoch, from 1; epochs come in order, starting after the plan's checkpoint
     * @return the epoch's mean batch loss and accuracy, as DJL's loss and accuracy evaluators
     *     count them; NaN for validation without validation images
     * @throws IOException when a batch cannot be made
     * @throws io.cxr4j.core.training.TrainingDivergedException ({@link TrainingPlan#diverged}) when
     *     the engine stops the epoch at a batch whose loss is not finite
     */
    EpochScores trainEpoch(int epoch) throws IOException;

    /**
     * Names a weight or batch-norm statistic that holds values that are not finite, which no
     * checkpoint may keep.
     *
     * @return what is not finite, or empty
     */
    Optional<String> nonFiniteParameter();

    /**
     * Saves the state a resumed run continues from (weights, batch-norm statistics, optimizer
     * state) into the checkpoint folder, in files whose names start with {@link
     * TrainingPlan#stateName}{@code (epoch)} and a dot, so that core can delete them once a later
     * epoch is saved.
     *
     * @param folder the checkpoint folder, which exists
     * @param epoch the epoch just trained
     * @return the files a checkpoint record names
     * @throws IOException when the files cannot be written
     */
    StateFiles saveState(Path folder, int epoch) throws IOException;

    /**
     * The trained network's class probabilities for images, without augmentation, in batches of
     * the run's batch size.
     *
     * @param images the images
     * @return one result per image, in order, with probabilities in class order
     * @throws IOException when the engine fails to run the network
     */
    List<Classifications> predict(PreparedImages images) throws IOException;

    /**
     * Writes the trained network as the model's weights, without optimizer state, into a staged
     * model directory. The network is not trained after this.
     *
     * @param staging the staged model directory
     * @return the weights file's name, as the manifest names it
     * @throws IOException when writing fails
     */
    String save(Path staging) throws IOException;

    /** Releases the network, its optimizer state and all native memory. */
    @Override
    void close();

    /**
     * Loss and accuracy of one epoch.
     *
     * @param trainLoss mean training loss over the epoch's batches
     * @param trainAccuracy training accuracy over the epoch (with augmentation, as trained)
     * @param validationLoss mean loss over the validation batches, or NaN without validation images
     * @param validationAccuracy validation accuracy, or NaN without validation images
     */
    record EpochScores(double trainLoss, double trainAccuracy, double validationLoss, double validationAccuracy) {}

    /**
     * The files of one epoch's saved state that a checkpoint record names.
     *
     * @param weightsFile the file that restores the weights, in the checkpoint folder
     * @param optimizerFile the optimizer's state, for engines that keep it apart from the weights;
     *     null when the weights file restores it too
     */
    record StateFiles(String weightsFile, String optimizerFile) {}
}
