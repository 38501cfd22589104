package io.cxr4j.dataset.download;

import ai.djl.util.Progress;
import io.cxr4j.dataset.DataDirectory;
import io.cxr4j.dataset.DatasetException;
import io.cxr4j.dataset.DatasetRegistry;

/** What the data set downloaders share: the message for a failed download, and silent progress. */
final class Messages {

    /** Progress that reports nothing, for files whose bytes are not worth a bar of their own. */
    static final Progress SILENT = new Progress() {
        @Override
        public void reset(String message, long max, String trailingMessage) {}

        @Override
        public void start(long initialProgress) {}

        @Override
        public void end() {}

        @Override
        public void increment(long increment) {}

        @Override
        public void update(long progress, String message) {}
    };

    private Messages() {}

    /**
     * The error for a data set that is missing and could not be downloaded.
     *
     * @param dataRoot the data root
     * @param name the data set's name
     * @param layoutHint what a local copy must contain, such as {@code seed/covid and seed/normal}
     * @param failure why the download failed, with the URL
     * @return the exception, with the failure as its cause
     */
    static DatasetException unavailable(
            DataDirectory dataRoot, String name, String layoutHint, DownloadException failure) {
        return new DatasetException("Data set '" + name + "' is not in the data root "
                + dataRoot + ": expected the folder " + dataRoot.folder(name) + ". Downloading it"
                + " failed: " + failure.getMessage() + ". To use a local copy, point "
                + DataDirectory.ENV + " (or -D" + DataDirectory.PROPERTY + ", or "
                + DatasetRegistry.DATA_ROOT_CALL + ") at a folder that holds " + layoutHint + ".", failure);
    }
}
