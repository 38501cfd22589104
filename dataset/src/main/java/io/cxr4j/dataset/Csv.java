package io.cxr4j.dataset;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A comma-separated file read by RFC 4180 rules (quoted fields may hold commas, line breaks and
 * doubled quotes; CRLF, LF or CR line ends; a UTF-8 byte order mark is ignored), with the line
 * each record starts on, so that every error can name file and line.
 *
 * @param file the file read
 * @param header the header fields, stripped
 * @param rows the records after the header, blank lines left out
 */
record Csv(Path file, List<String> header, List<Csv.Row> rows) {

    /**
     * One record.
     *
     * @param line the line of the file the record starts on, from 1
     * @param fields the fields as written, unstripped
     */
    record Row(int line, List<String> fields) {}

    /**
     * Reads a CSV file with a header line.
     *
     * @param file the file
     * @return its header and rows; both empty for an empty file
     * @throws DatasetException if the file is not UTF-8 or ends inside a quoted field
     * @throws IOException if the file cannot be read
     */
    static Csv read(Path file) throws IOException {
        List<Row> records = parse(TextFiles.readUtf8(file), file);
        if (records.isEmpty()) {
            return new Csv(file, List.of(), List.of());
        }
        List<String> header = records.get(0).fields().stream().map(String::strip).toList();
        return new Csv(file, header, List.copyOf(records.subList(1, records.size())));
    }

    /**
     * The index of the first of the given columns the header has, ignoring case and surrounding
     * spaces.
     *
     * @param names the column's accepted names
     * @return its index, or -1 when the header has none of them
     */
    int column(String... names) {
        for (String name : names) {
            for (int i = 0; i < header.size(); i++) {
                if (header.get(i).equalsIgnoreCase(name)) {
                    return i;
                }
            }
        }
        return -1;
    }

    /**
     * The index of a column the file must have.
     *
     * @param what the file's format, for the message, such as {@code a CSV manifest}
     * @param expected the header a file of that format has, for the message
     * @param names the column's accepted names
     * @return its index
     * @throws DatasetException naming the file, the missing column and the header found
     */
    int requireColumn(String what, String expected, String... names) throws DatasetException {
        int index = column(names);
        if (index < 0) {
            throw new DatasetException("File " + file + " has no column '" + names[0] + "'"
                    + (names.length > 1 ? " (or " + String.join(", ", Arrays.asList(names).subList(
                            1, names.length)) + ")" : "")
                    + " in its header (line 1: " + String.join(",", header) + "). As " + what
                    + " it needs the header " + expected + ".");
        }
        return index;
    }

    /**
     * A field's value.
     *
     * @param row a row of this file
     * @param column a column index, or -1
     * @return the stripped value, or {@code null} when the column is absent or the field empty
     */
    static String value(Row row, int column) {
        if (column < 0 || column >= row.fields().size()) {
            return null;
        }
        String value = row.fields().get(column).strip();
        return value.isEmpty() ? null : value;
    }

    /**
     * The values of a row by lower-case column name, for messages.
     *
     * @param row a row of this file
     * @return the non-empty values keyed by header name
     */
    Map<String, String> describe(Row row) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String value = value(row, i);
            if (value != null) {
                values.put(header.get(i).toLowerCase(Locale.ROOT), value);
            }
        }
        return values;
    }

    private static List<Row> parse(String text, Path file) throws DatasetException {
        List<Row> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int line = 1;
        int recordLine = 1;
        int quoteLine = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean lineEnd = c == '\n' || c == '\r';
            if (lineEnd && c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                i++;
            }
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(lineEnd ? '\n' : c);
                }
            } else if (c == '"') {
                quoted = true;
                quoteLine = line;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (lineEnd) {
                endRecord(records, record, field, recordLine);
                record = new ArrayList<>();
                recordLine = line + 1;
            } else {
                field.append(c);
            }
            if (lineEnd) {
                line++;
            }
        }
        if (quoted) {
            throw new DatasetException("File " + file + " ends inside a quoted field opened on line "
                    + quoteLine + "; close the quote (a quote inside a quoted field is written \"\").");
        }
        endRecord(records, record, field, recordLine);
        return records;
    }

    private static void endRecord(List<Row> records, List<String> record, StringBuilder field, int line) {
        record.add(field.toString());
        field.setLength(0);
        boolean blankLine = record.size() == 1 && record.get(0).isBlank();
        if (!blankLine) {
            records.add(new Row(line, List.copyOf(record)));
        }
    }
}
