package io.cxr4j.dataset.audit;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a file name or a recorded source says about an image's class, compared with the class it
 * is filed under. Classes are recognised by name: a class whose name contains {@code covid} is
 * COVID-19, {@code normal}, {@code no_finding} or {@code healthy} means no finding, {@code
 * pneumonia} means (other) pneumonia; classes with other names are not checked.
 */
final class LabelEvidence {

    private static final String COVID = "covid";
    private static final String NORMAL = "normal";
    private static final String PNEUMONIA = "pneumonia";

    private static final Pattern KERMANY_PNEUMONIA =
            Pattern.compile("person\\d+_(bacteria|virus)_\\d+.*", Pattern.CASE_INSENSITIVE);
    private static final Pattern KERMANY_NORMAL =
            Pattern.compile("(normal2-)?im-\\d+(-\\d+)+\\..*", Pattern.CASE_INSENSITIVE);
    private static final Pattern COVID_WORDS = Pattern.compile("covid|sars-cov-2|ncov|coronavirus");
    private static final Pattern PNEUMONIA_WORDS =
            Pattern.compile("pneumonia|bacteria|virus|viral|streptococcus|pneumocystis|legionella");

    private LabelEvidence() {}

    /**
     * The category a class name stands for.
     *
     * @param label a class name
     * @return {@code covid}, {@code normal} or {@code pneumonia}; empty for other names
     */
    static Optional<String> categoryOfClass(String label) {
        String l = label.toLowerCase(Locale.ROOT);
        if (l.contains(COVID)) {
            return Optional.of(COVID);
        }
        if (l.contains(NORMAL) || l.contains("no_finding") || l.contains("no finding")
                || l.contains("healthy")) {
            return Optional.of(NORMAL);
        }
        if (l.contains(PNEUMONIA)) {
            return Optional.of(PNEUMONIA);
        }
        return Optional.empty();
    }

    /**
     * Why an image's name or source contradicts its class.
     *
     * @param fileName the image's file name
     * @param source the recorded source, or {@code null}
     * @param label the class it is filed under
     * @return the contradiction in words, or empty when nothing contradicts the class
     */
    static Optional<String> contradiction(String fileName, String source, String label) {
        Optional<String> filed = categoryOfClass(label);
        if (filed.isEmpty()) {
            return Optional.empty();
        }
        String name = fileName.toLowerCase(Locale.ROOT);
        String implied;
        String why;
        if (KERMANY_PNEUMONIA.matcher(fileName).matches()) {
            implied = PNEUMONIA;
            why = "the name follows the Kermany et al. pneumonia convention person*_"
                    + KERMANY_PNEUMONIA.matcher(fileName).replaceFirst("$1") + "_*";
        } else if (KERMANY_NORMAL.matcher(fileName).matches()) {
            implied = NORMAL;
            why = "the name follows the Kermany et al. normal convention IM-*";
        } else if (COVID_WORDS.matcher(name).find()) {
            implied = COVID;
            why = "the name mentions COVID-19";
        } else if (PNEUMONIA_WORDS.matcher(name).find()) {
            implied = PNEUMONIA;
            why = "the name mentions a (non-COVID) pneumonia";
        } else if (name.contains(NORMAL)) {
            implied = NORMAL;
            why = "the name says normal";
        } else if (source != null && filed.get().equals(COVID)
                && source.toLowerCase(Locale.ROOT).contains("kermany")) {
            return Optional.of("its recorded source (" + source + ") has no COVID-19 images");
        } else {
            return Optional.empty();
        }
        if (implied.equals(filed.get())) {
            return Optional.empty();
        }
        return Optional.of(why + ", i.e. " + implied + ", but it is filed under " + label);
    }
}
