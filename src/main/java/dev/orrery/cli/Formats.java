package dev.orrery.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** How times, durations and tables look on the command line. */
final class Formats {
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private Formats() {
    }

    static String dateTime(Instant at) {
        return at == null ? "" : DATE_TIME.format(at);
    }

    static String time(Instant at) {
        return at == null ? "" : TIME.format(at);
    }

    /** {@code 0.42s}, {@code 12.3s}, {@code 2m05s}, {@code 1h02m}. */
    static String duration(Duration d) {
        long millis = d.toMillis();
        if (millis < 10_000) {
            return String.format("%.2fs", millis / 1000.0);
        }
        if (millis < 60_000) {
            return String.format("%.1fs", millis / 1000.0);
        }
        long seconds = d.toSeconds();
        if (seconds < 3600) {
            return String.format("%dm%02ds", seconds / 60, seconds % 60);
        }
        return String.format("%dh%02dm", seconds / 3600, (seconds % 3600) / 60);
    }

    /** The first 8 characters of a uid, as git shows short hashes. */
    static String shortUid(String uid) {
        return uid.length() > 8 ? uid.substring(0, 8) : uid;
    }

    /** Left-aligned columns separated by two spaces; the last column is not padded. */
    static final class Table {
        private final List<String[]> rows = new ArrayList<>();

        Table(String... header) {
            rows.add(header);
        }

        Table row(Object... cells) {
            String[] row = new String[cells.length];
            for (int i = 0; i < cells.length; i++) {
                row[i] = cells[i] == null ? "" : cells[i].toString();
            }
            rows.add(row);
            return this;
        }

        boolean isEmpty() {
            return rows.size() == 1;
        }

        List<String> lines() {
            int columns = rows.stream().mapToInt(r -> r.length).max().orElse(0);
            int[] widths = new int[columns];
            for (String[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    widths[i] = Math.max(widths[i], row[i].codePointCount(0, row[i].length()));
                }
            }
            List<String> lines = new ArrayList<>();
            for (String[] row : rows) {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < row.length; i++) {
                    line.append(row[i]);
                    if (i < row.length - 1) {
                        line.append(" ".repeat(widths[i] - row[i].codePointCount(0, row[i].length()) + 2));
                    }
                }
                lines.add(line.toString().stripTrailing());
            }
            return lines;
        }

        void print(java.io.PrintWriter out) {
            lines().forEach(out::println);
        }
    }
}
