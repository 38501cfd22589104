package io.cxr4j.dataset;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a data set's optional {@code metadata.csv}: a header {@code
 * path,label,patient_id,view,source,note} and one row per image, paths relative to the data set
 * folder with {@code /} separators. Only {@code path}, {@code patient_id}, {@code view} and {@code
 * source} are used; the folder, not the {@code label} column, decides an image's class.
 */
final class MetadataCsv {

    /** The file name the loader looks for in a data set folder. */
    static final String FILE_NAME = "metadata.csv";

    private static final List<String> REQUIRED = List.of("path", "patient_id", "view", "source");

    /**
     * What a row records about one image; {@code null} fields are unknown.
     *
     * @param patientId the patient id
     * @param view the projection
     * @param source where the image comes from
     */
    record Row(String patientId, String view, String source) {}

    private MetadataCsv() {}

    /**
     * Reads a metadata file.
     *
     * @param file the {@code metadata.csv}
     * @return the rows by relative image path
     * @throws DatasetException if the file lacks a required column or is malformed
     * @throws IOException if the file cannot be read
     */
    static Map<String, Row> read(Path file) throws IOException {
        List<List<String>> records = parse(Files.readString(file, StandardCharsets.UTF_8), file);
        if (records.isEmpty()) {
            return Map.of();
        }
        Map<String, Integer> column = new HashMap<>();
        List<String> header = records.get(0);
        for (int i = 0; i < header.size(); i++) {
            column.put(header.get(i).strip().toLowerCase(Locale.ROOT), i);
        }
        for (String name : REQUIRED) {
            if (!column.containsKey(name)) {
                throw new DatasetException("Metadata file " + file + " has no column '" + name
                        + "' (header: " + header + "). Use the header"
                        + " path,label,patient_id,view,source,note, or remove the file to load"
                        + " the images without metadata.");
            }
        }
        Map<String, Row> rows = new LinkedHashMap<>();
        for (List<String> record : records.subList(1, records.size())) {
            String path = field(record, column.get("path"));
            if (path == null) {
                continue;
            }
            rows.putIfAbsent(path.replace('\\', '/'), new Row(
                    field(record, column.get("patient_id")),
                    field(record, column.get("view")),
                    field(record, column.get("source"))));
        }
        return rows;
    }

    private static String field(List<String> record, int index) {
        if (index >= record.size()) {
            return null;
        }
        String value = record.get(index).strip();
        return value.isEmpty() ? null : value;
    }

    /** RFC 4180: quoted fields may hold commas, line breaks and doubled quotes. */
    private static List<List<String>> parse(String text, Path file) throws DatasetException {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int start = text.startsWith("\uFEFF") ? 1 : 0;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                endRecord(records, record, field);
                record = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new DatasetException("Metadata file " + file + " ends inside a quoted field;"
                    + " close the quote or remove the file to load the images without metadata.");
        }
        endRecord(records, record, field);
        return records;
    }

    private static void endRecord(List<List<String>> records, List<String> record, StringBuilder field) {
        record.add(field.toString());
        field.setLength(0);
        boolean blankLine = record.size() == 1 && record.get(0).isBlank();
        if (!blankLine) {
            records.add(record);
        }
    }
}
