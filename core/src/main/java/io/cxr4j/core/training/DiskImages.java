package io.cxr4j.core.training;

import io.cxr4j.core.data.Sample;
import io.cxr4j.core.image.GrayImage;
import io.cxr4j.core.training.PreparedImages.LabelledImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Square images in a memory-mapped file of 32-bit floats, one fixed-size slot per image. The
 * operating system pages them in and out, so the heap holds only the images in use. Slots are
 * written once, by any number of threads at distinct slots, then only read.
 */
final class DiskImages {

    private static final Logger LOG = LoggerFactory.getLogger(DiskImages.class);

    private final int side;
    private final int slotBytes;
    private final int slotsPerChunk;
    // A single mapping is limited to 2 GiB, so large caches are split into several.
    private final MappedByteBuffer[] chunks;

    private DiskImages(int side, int slotsPerChunk, MappedByteBuffer[] chunks) {
        this.side = side;
        this.slotBytes = side * side * Float.BYTES;
        this.slotsPerChunk = slotsPerChunk;
        this.chunks = chunks;
    }

    /**
     * Creates and maps a cache file for a number of images, then unlinks it: the mapping keeps the
     * space until it is garbage collected, and no file outlives the process.
     */
    static DiskImages create(ImageCache cache, int slots, int side) throws IOException {
        long slotBytes = (long) side * side * Float.BYTES;
        int slotsPerChunk = (int) Math.max(1, Integer.MAX_VALUE / slotBytes);
        int chunkCount = Math.max(1, (slots + slotsPerChunk - 1) / slotsPerChunk);
        MappedByteBuffer[] chunks = new MappedByteBuffer[chunkCount];
        Path file = cache.createFile();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            for (int c = 0; c < chunkCount; c++) {
                long first = (long) c * slotsPerChunk;
                long count = Math.min(slotsPerChunk, slots - first);
                chunks[c] = channel.map(FileChannel.MapMode.READ_WRITE, first * slotBytes,
                        Math.max(1, count) * slotBytes);
            }
        } finally {
            try {
                Files.delete(file);
            } catch (IOException e) {
                // Some systems refuse to delete a mapped file; remove it when the JVM exits instead.
                LOG.debug("Cannot unlink mapped cache file {} now: {}", file, e.getMessage());
                file.toFile().deleteOnExit();
            }
        }
        LOG.info("Caching {} decoded images of {}x{} on disk ({} MiB, memory-mapped, in {})",
                slots, side, side, (long) slots * slotBytes >> 20, cache.directory());
        return new DiskImages(side, slotsPerChunk, chunks);
    }

    void write(int slot, GrayImage image) {
        if (image.width() != side || image.height() != side) {
            throw new IllegalArgumentException("The cache holds " + side + "x" + side + " images, not "
                    + image.width() + "x" + image.height());
        }
        slice(slot).asFloatBuffer().put(image.pixels());
    }

    GrayImage read(int slot) {
        float[] pixels = new float[side * side];
        slice(slot).asFloatBuffer().get(pixels);
        return new GrayImage(side, side, pixels);
    }

    /**
     * A read-only list view of images stored in this cache.
     *
     * @param samples where each image came from
     * @param classIndices the class of each image
     * @param slots the slot of each image
     */
    List<LabelledImage> view(List<Sample> samples, int[] classIndices, int[] slots) {
        return new View(List.copyOf(samples), classIndices.clone(), slots.clone());
    }

    // An independent view per call, so concurrent readers and writers never share a position.
    private ByteBuffer slice(int slot) {
        return chunks[slot / slotsPerChunk].slice((slot % slotsPerChunk) * slotBytes, slotBytes)
                .order(ByteOrder.nativeOrder());
    }

    /** The images of a {@link PreparedImages}, read from the file on every access. */
    final class View extends AbstractList<LabelledImage> implements RandomAccess {
        private final List<Sample> samples;
        private final int[] classIndices;
        private final int[] slots;

        private View(List<Sample> samples, int[] classIndices, int[] slots) {
            this.samples = samples;
            this.classIndices = classIndices;
            this.slots = slots;
        }

        @Override
        public LabelledImage get(int index) {
            return new LabelledImage(samples.get(index), read(slots[index]), classIndices[index]);
        }

        @Override
        public int size() {
            return samples.size();
        }
    }
}
