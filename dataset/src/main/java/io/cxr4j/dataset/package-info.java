/**
 * Loading labelled chest X-ray data sets from disk into {@link io.cxr4j.core.data.XrayDataset}s.
 * {@link io.cxr4j.dataset.DatasetRegistry} finds the named public sets under a {@link
 * io.cxr4j.dataset.DataDirectory data root}, downloading a missing one on first use unless
 * downloads are turned off.
 * Folder-per-class layouts are read by {@link io.cxr4j.dataset.FolderDataset}, with a {@link
 * io.cxr4j.dataset.LabelMap} that decides which folder becomes which class; list-based layouts by
 * {@link io.cxr4j.dataset.CovidChestXray} (ieee8023/covid-chestxray-dataset's {@code metadata.csv}),
 * {@link io.cxr4j.dataset.CovidxSplitFile} (COVIDx split files) and {@link
 * io.cxr4j.dataset.CsvManifest} (a user's own CSV).
 *
 * <p>What the loaders leave out is returned with the reason rather than dropped silently ({@link
 * io.cxr4j.dataset.SkippedFile}, {@link io.cxr4j.dataset.IgnoredFolder}), and what cannot be loaded
 * at all fails with a {@link io.cxr4j.dataset.DatasetException} that says what to do.
 */
package io.cxr4j.dataset;
