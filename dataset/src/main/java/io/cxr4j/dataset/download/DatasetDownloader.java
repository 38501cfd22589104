package io.cxr4j.dataset.download;

import io.cxr4j.dataset.DataDirectory;
import java.io.IOException;
import java.nio.file.Path;

/** Obtains one named data set from its source and puts it, complete and checked, under a data root. */
public interface DatasetDownloader {

    /** @return the data set's name, which is also its folder name under the data root */
    String name();

    /**
     * Downloads the data set into {@code dataRoot/name()}, which must not exist yet. An attempt
     * interrupted by the network is continued by the next call.
     *
     * @param dataRoot the data root; created if missing
     * @return the data set folder
     * @throws IOException if the data set cannot be obtained; the message says what failed, where
     *     the data set was expected, and how to use a local copy instead
     */
    Path download(DataDirectory dataRoot) throws IOException;
}
