/**
 * Verified, resumable downloads of data sets: an HTTP client that continues a {@code .part} file
 * with a Range request ({@link io.cxr4j.dataset.download.HttpDownloader}), checksums ({@link
 * io.cxr4j.dataset.download.Checksum}), safe zip extraction ({@link
 * io.cxr4j.dataset.download.ZipExtractor}) and data set downloaders that build the data set in a
 * hidden staging folder and move it into place only when it is complete ({@link
 * io.cxr4j.dataset.download.FileSetDownloader}, {@link
 * io.cxr4j.dataset.download.ArchiveDownloader}).
 */
package io.cxr4j.dataset.download;
