package dev.orrery.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * {@code {{name}}} placeholders for inputs (spaces inside the braces allowed), as the pattern
 * {@code \{\{\s*([A-Za-z_][A-Za-z0-9_-]*)\s*}}} finds them. Scanned by hand: every command and value of a
 * workspace passes through here while loading, and a regex matcher per text was a tenth of the loader's time.
 */
final class Placeholders {
    private Placeholders() {
    }

    /** The names used, in order, repeated as often as they appear. */
    static List<String> names(String text) {
        if (!text.contains("{{")) {
            return List.of(); // most text has none
        }
        List<String> names = new ArrayList<>();
        for (int[] m = find(text, 0); m != null; m = find(text, m[END])) {
            names.add(text.substring(m[NAME], m[NAME_END]));
        }
        return names;
    }

    /** Replaces each known placeholder by {@code encode(value)}; unknown ones are left as written. */
    static String substitute(String text, Map<String, String> values, UnaryOperator<String> encode) {
        int[] m = find(text, 0);
        if (m == null) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        int copied = 0;
        for (; m != null; m = find(text, m[END])) {
            String value = values.get(text.substring(m[NAME], m[NAME_END]));
            out.append(text, copied, m[START]);
            if (value == null) {
                out.append(text, m[START], m[END]);
            } else {
                out.append(encode.apply(value));
            }
            copied = m[END];
        }
        return out.append(text, copied, text.length()).toString();
    }

    /** A placeholder written inside shell quotes: {@code quote} is {@code '"'} or {@code '\''}. */
    record Quoted(String name, int offset, char quote) {
    }

    /**
     * The placeholders of a shell command that sit inside single or double quotes. Orrery single-quotes each
     * value it substitutes, which only protects it outside quotes: inside {@code "..."} the shell still expands
     * {@code $(...)} and backquotes of the value, and inside {@code '...'} the value ends up unquoted.
     * Follows POSIX quoting: backslash escapes outside single quotes, no nesting.
     */
    static List<Quoted> quoted(String command) {
        if (!command.contains("{{")) {
            return List.of();
        }
        List<Quoted> found = new ArrayList<>();
        char quote = 0;
        int next = 0;
        int[] m = find(command, 0);
        for (int i = 0; i < command.length() && m != null; i++) {
            if (i == m[START]) {
                if (quote != 0) {
                    found.add(new Quoted(command.substring(m[NAME], m[NAME_END]), i, quote));
                }
                i = m[END] - 1;
                m = find(command, m[END]);
                continue;
            }
            char c = command.charAt(i);
            if (c == '\\' && quote != '\'') {
                i++; // the next character is taken literally
            } else if (quote == 0 && (c == '\'' || c == '"')) {
                quote = c;
            } else if (c == quote) {
                quote = 0;
            }
        }
        return found;
    }

    private static final int START = 0;
    private static final int NAME = 1;
    private static final int NAME_END = 2;
    private static final int END = 3;

    /** The leftmost placeholder at or after {@code from}: {start, name start, name end, end}, or null. */
    private static int[] find(String text, int from) {
        for (int open = text.indexOf("{{", from); open >= 0; open = text.indexOf("{{", open + 1)) {
            int i = skipSpace(text, open + 2);
            int name = i;
            if (i < text.length() && isNameStart(text.charAt(i))) {
                i++;
                while (i < text.length() && isNamePart(text.charAt(i))) {
                    i++;
                }
                int nameEnd = i;
                i = skipSpace(text, i);
                if (text.startsWith("}}", i)) {
                    return new int[] {open, name, nameEnd, i + 2};
                }
            }
        }
        return null;
    }

    private static int skipSpace(String text, int i) {
        while (i < text.length() && isSpace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The regex {@code \s}: space, tab, newline, vertical tab, form feed, carriage return. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    private static boolean isNameStart(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_';
    }

    private static boolean isNamePart(char c) {
        return isNameStart(c) || c >= '0' && c <= '9' || c == '-';
    }
}
