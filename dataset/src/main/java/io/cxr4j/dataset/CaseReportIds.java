package io.cxr4j.dataset;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Groups the images of ieee8023/covid-chestxray-dataset by the publication or case report their
 * file names come from, for copies (such as DarkCovidNet's {@code Covid-19/}) that lost the
 * collection's {@code metadata.csv}. The collection names images after the figures of published
 * case reports: {@code jkms-35-e79-g001-l-a.jpg} and {@code -l-b.jpg} are two days of one patient,
 * {@code covid-19-pneumonia-24-day6.jpg} and {@code -day12.jpg} two films of one Radiopaedia case,
 * {@code nejmoa2001191_f1-PA.jpg} and {@code _f5-PA.jpg} two figures of one patient's report.
 *
 * <p>The id is the publication (figure, panel, page, day and view suffixes removed) or, for
 * Radiopaedia-style names, the case. It over-approximates a patient: different patients of one
 * report share an id and stay on one side of a split, which costs a little split freedom but
 * never puts one patient on both sides. Names without such structure (the collection's UUID-named
 * uploads) are not recognised, and such images remain their own group.
 */
final class CaseReportIds {

    private static final Pattern UUID_NAME =
            Pattern.compile("[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}.*", Pattern.CASE_INSENSITIVE);

    private static final Pattern EXTENSION = Pattern.compile("\\.(?:jpe?g|png)$", Pattern.CASE_INSENSITIVE);

    /** {@code auntminnie-a-2020_01_28_...}: the panel letter sits after the site's name. */
    private static final Pattern AUNTMINNIE_PANEL = Pattern.compile("^auntminnie-[a-z]-");

    /** Stripped from the end, repeatedly: view, day, time, side and panel suffixes. */
    private static final List<Pattern> SUFFIXES = List.of(
            Pattern.compile("[-_](?:PA|AP|L)$"),
            Pattern.compile("-day-?\\d+$"),
            Pattern.compile("-\\d+-(?:hours|days)$"),
            Pattern.compile("-admission$"),
            Pattern.compile("-(?:left|right)$"),
            Pattern.compile("-[a-z]\\d?$"),
            Pattern.compile("(?<=case\\d{1,3})[a-z]$"));

    /** A figure, panel or page token and everything after it: {@code _f1}, {@code .fig5}, {@code -g001}, {@code -002}. */
    private static final List<Pattern> FIGURES = List.of(
            Pattern.compile("(?<=.)[-_.](?:fig|f|g|gr)[-_]?\\d+.*$", Pattern.CASE_INSENSITIVE),
            Pattern.compile("-\\d{3}$"));

    private CaseReportIds() {}

    /**
     * The publication or case an ieee8023 file name belongs to.
     *
     * @param fileName a file name without folders
     * @return {@code ieee8023-report-jkms-35-e79} for {@code jkms-35-e79-g001-l-a.jpg}, or empty
     *     for names that carry no report (UUIDs, or no image extension)
     */
    static Optional<String> fromFileName(String fileName) {
        if (!EXTENSION.matcher(fileName).find() || UUID_NAME.matcher(fileName).matches()) {
            return Optional.empty();
        }
        String stem = EXTENSION.matcher(fileName).replaceFirst("");
        stem = AUNTMINNIE_PANEL.matcher(stem).replaceFirst("auntminnie-");
        String before;
        do {
            before = stem;
            for (Pattern suffix : SUFFIXES) {
                stem = suffix.matcher(stem).replaceFirst("");
            }
        } while (!stem.equals(before));
        for (Pattern figure : FIGURES) {
            stem = figure.matcher(stem).replaceFirst("");
        }
        return stem.isEmpty() ? Optional.empty()
                : Optional.of("ieee8023-report-" + stem.toLowerCase(Locale.ROOT));
    }
}
