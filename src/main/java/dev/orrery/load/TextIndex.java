package dev.orrery.load;

import java.util.ArrayList;
import java.util.List;

/**
 * Line starts of a text, to turn the YAML reader's 1-based line and column (in code points) into Java char
 * offsets, and to find line ends. Line breaks are {@code \n}, {@code \r\n} or {@code \r}, as YAML counts them.
 */
final class TextIndex {
    private final String text;
    private final List<Integer> starts = new ArrayList<>();

    TextIndex(String text) {
        this.text = text;
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                i++;
                starts.add(i + 1);
            } else if (c == '\n' || c == '\r') {
                starts.add(i + 1);
            }
        }
    }

    String text() {
        return text;
    }

    int offset(YamlNode.Mark mark) {
        return offset(mark.line(), mark.column());
    }

    int offset(int line, int column) {
        int start = lineStart(line);
        return text.offsetByCodePoints(start, Math.max(0, column - 1));
    }

    /** Offset where 1-based {@code line} starts (the text's length past the last line). */
    int lineStart(int line) {
        return line - 1 < starts.size() ? starts.get(line - 1) : text.length();
    }

    /** 1-based line holding {@code offset}. */
    int lineOf(int offset) {
        int low = 0;
        int high = starts.size() - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (starts.get(mid) <= offset) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low + 1;
    }

    int lineCount() {
        return starts.size();
    }

    /** Offset of the line break ending {@code line} (the text's length when it has none). */
    int contentEnd(int line) {
        int end = lineStart(line + 1);
        if (line >= starts.size()) {
            return text.length();
        }
        if (end > 0 && end <= text.length() && end != lineStart(line) && isBreak(text.charAt(end - 1))) {
            end--;
            if (end > 0 && text.charAt(end) == '\n' && text.charAt(end - 1) == '\r') {
                end--;
            }
        }
        return end;
    }

    /** Offset just after the line break ending {@code line}. */
    int nextLineStart(int line) {
        return line >= starts.size() ? text.length() : starts.get(line);
    }

    boolean hasBreak(int line) {
        return line < starts.size();
    }

    String line(int line) {
        return text.substring(lineStart(line), contentEnd(line));
    }

    /** The file's line ending: the first one found, else "\n". */
    String lineEnding() {
        int n = text.indexOf('\n');
        int r = text.indexOf('\r');
        if (r >= 0 && (n < 0 || r < n)) {
            return n == r + 1 ? "\r\n" : "\r";
        }
        return "\n";
    }

    private static boolean isBreak(char c) {
        return c == '\n' || c == '\r';
    }
}
