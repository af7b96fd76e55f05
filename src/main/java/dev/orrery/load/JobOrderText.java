package dev.orrery.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reorders the jobs of one entry of an orchestration file by moving whole lines: each job takes along the
 * comment lines right above it and the continuation lines of its value; nothing else changes. The jobs list
 * must be a block list ({@code - VERB: value} lines). Stateless.
 */
final class JobOrderText {
    private JobOrderText() {
    }

    /** {@code order} lists the 0-based positions of the current jobs in their new order. */
    static String reorder(String text, Path file, int entry, List<Integer> order) {
        TextIndex index = new TextIndex(text);
        YamlNode.Sequence jobs = jobs(text, file, entry);
        int n = jobs.items().size();
        if (order.size() != n || order.stream().distinct().count() != n) {
            throw new IllegalArgumentException("the new order must name each of the " + n + " jobs once");
        }
        List<int[]> segments = segments(index, jobs);
        String eol = index.lineEnding();
        List<String> pieces = new ArrayList<>();
        for (int[] s : segments) {
            pieces.add(text.substring(s[0], s[1]));
        }
        boolean missingFinalBreak = !pieces.get(n - 1).endsWith("\n") && !pieces.get(n - 1).endsWith("\r");
        if (missingFinalBreak) {
            pieces.set(n - 1, pieces.get(n - 1) + eol);
        }
        StringBuilder out = new StringBuilder(text.substring(0, segments.get(0)[0]));
        for (int i = 0; i < n; i++) {
            String piece = pieces.get(order.get(i));
            if (missingFinalBreak && i == n - 1) {
                piece = piece.substring(0, piece.length() - eol.length());
            }
            out.append(piece);
        }
        out.append(text.substring(segments.get(n - 1)[1]));
        return out.toString();
    }

    /** "VERB value" of each job of the entry, for checking an edit's result. */
    static List<String> read(String text, Path file, int entry) {
        List<String> jobs = new ArrayList<>();
        for (YamlNode item : jobs(text, file, entry).items()) {
            if (item instanceof YamlNode.Mapping m && m.entries().size() == 1
                    && m.entries().get(0).value() instanceof YamlNode.Scalar s) {
                jobs.add(m.entries().get(0).key() + " " + s.text());
            } else {
                jobs.add(item.toString());
            }
        }
        return jobs;
    }

    private static YamlNode.Sequence jobs(String text, Path file, int entry) {
        YamlReader.Parsed parsed = YamlReader.parse(file, text);
        if (parsed.root().isEmpty() || !(parsed.root().get() instanceof YamlNode.Sequence root)
                || entry < 1 || entry > root.items().size()
                || !(root.items().get(entry - 1) instanceof YamlNode.Mapping mapping)
                || !(mapping.get("jobs").orElse(null) instanceof YamlNode.Sequence jobs)) {
            throw new IllegalArgumentException("entry " + entry + " of " + file + " has no list of jobs");
        }
        return jobs;
    }

    /** [start, end) of each job: its comment lines above, its dash line, its continuation lines. */
    private static List<int[]> segments(TextIndex index, YamlNode.Sequence jobs) {
        String text = index.text();
        List<int[]> segments = new ArrayList<>();
        int previousLine = 0;
        int dashColumn = -1;
        for (YamlNode item : jobs.items()) {
            int line = item.mark().line();
            String prefix = text.substring(index.lineStart(line), index.offset(item.mark()));
            if (!prefix.strip().equals("-") || line <= previousLine) {
                throw new IllegalArgumentException("the jobs are not a block list with one `- VERB: value` per line");
            }
            dashColumn = prefix.indexOf('-');
            int start = line;
            while (start - 1 > previousLine && index.line(start - 1).strip().startsWith("#")) {
                start--;
            }
            segments.add(new int[]{index.lineStart(start), -1});
            previousLine = line;
        }
        for (int i = 0; i < segments.size() - 1; i++) {
            segments.get(i)[1] = segments.get(i + 1)[0];
        }
        int last = previousLine;
        while (last + 1 <= index.lineCount() && index.hasBreak(last)) {
            String next = index.line(last + 1);
            int indent = next.length() - next.stripLeading().length();
            if (next.isBlank() || next.strip().startsWith("#") || indent <= dashColumn) {
                break;
            }
            last++;
        }
        segments.get(segments.size() - 1)[1] = index.nextLineStart(last);
        return segments;
    }
}
