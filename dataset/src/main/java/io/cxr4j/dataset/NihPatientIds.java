package io.cxr4j.dataset;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Patient ids encoded in the file names of the NIH ChestX-ray8 / ChestX-ray14 set (Wang et al.
 * 2017), whose images DarkCovidNet's {@code No_findings} and {@code Pneumonia} folders hold.
 */
final class NihPatientIds {

    /** {@code 00000061_012.png}: patient 00000061, follow-up 012. */
    private static final Pattern NIH =
            Pattern.compile("(\\d{8})_\\d{3}\\.(?:jpe?g|png)", Pattern.CASE_INSENSITIVE);

    private NihPatientIds() {}

    /**
     * The patient id a ChestX-ray8 file name encodes.
     *
     * @param fileName a file name without folders
     * @return {@code nih-00000061} for {@code 00000061_012.jpg}, or empty when the name does not
     *     follow the ChestX-ray8 convention
     */
    static Optional<String> fromFileName(String fileName) {
        Matcher matcher = NIH.matcher(fileName);
        return matcher.matches() ? Optional.of("nih-" + matcher.group(1)) : Optional.empty();
    }
}
