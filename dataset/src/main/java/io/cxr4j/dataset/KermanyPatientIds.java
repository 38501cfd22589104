package io.cxr4j.dataset;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Patient ids encoded in the file names of the Kermany et al. chest X-ray (pneumonia) set, in
 * the same form as the seed set's {@code metadata.csv}, so that derived and recorded ids of one
 * patient are equal.
 */
final class KermanyPatientIds {

    /** {@code person1102_bacteria_3043.jpeg}: patient 1102, image 3043. */
    private static final Pattern PNEUMONIA =
            Pattern.compile("(person\\d+)_(?:bacteria|virus)_\\d+\\.(?:jpe?g|png)",
                    Pattern.CASE_INSENSITIVE);

    /** {@code IM-0033-0001-0001.jpeg}, {@code NORMAL2-IM-0315-0001.jpeg}: patient IM-0033 etc. */
    private static final Pattern NORMAL =
            Pattern.compile("((?:NORMAL2-)?IM-\\d+)(?:-\\d+)+\\.(?:jpe?g|png)",
                    Pattern.CASE_INSENSITIVE);

    private KermanyPatientIds() {}

    /**
     * The patient id a Kermany file name encodes.
     *
     * @param fileName a file name without folders
     * @return {@code kermany-person1102}, {@code kermany-IM-0033}, ... or empty when the name
     *     does not follow the Kermany conventions
     */
    static Optional<String> fromFileName(String fileName) {
        for (Pattern pattern : new Pattern[] {PNEUMONIA, NORMAL}) {
            Matcher matcher = pattern.matcher(fileName);
            if (matcher.matches()) {
                return Optional.of("kermany-" + matcher.group(1));
            }
        }
        return Optional.empty();
    }
}
