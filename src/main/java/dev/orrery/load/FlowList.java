package dev.orrery.load;

import java.util.ArrayList;
import java.util.List;

/**
 * The raw extents of a flow list {@code [a, "b", 'c']} in a text: where each item starts and ends and where
 * the closing bracket is. Comments and line breaks between items are allowed, as YAML allows them.
 */
final class FlowList {
    /** One item: {@code [start, end)} in the text and its value. */
    record Item(int start, int end, String value) {
    }

    final int open;
    final int close;
    final List<Item> items;

    private FlowList(int open, int close, List<Item> items) {
        this.open = open;
        this.close = close;
        this.items = List.copyOf(items);
    }

    /** Scans the list whose '[' is at {@code open}; throws IllegalArgumentException if it is not a simple list. */
    static FlowList scan(String text, int open) {
        if (open >= text.length() || text.charAt(open) != '[') {
            throw new IllegalArgumentException("no '[' where the list starts");
        }
        List<Item> items = new ArrayList<>();
        int i = open + 1;
        while (true) {
            i = skipBlank(text, i);
            if (i >= text.length()) {
                throw new IllegalArgumentException("the list is not closed");
            }
            char c = text.charAt(i);
            if (c == ']') {
                return new FlowList(open, i, items);
            }
            if (c == ',') {
                i++;
                continue;
            }
            int start = i;
            String value;
            if (c == '"' || c == '\'') {
                StringBuilder out = new StringBuilder();
                i++;
                while (true) {
                    if (i >= text.length()) {
                        throw new IllegalArgumentException("a quoted item is not closed");
                    }
                    char q = text.charAt(i);
                    if (q == c) {
                        if (c == '\'' && i + 1 < text.length() && text.charAt(i + 1) == '\'') {
                            out.append('\'');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    if (c == '"' && q == '\\' && i + 1 < text.length()) {
                        out.append(text.charAt(i + 1));
                        i += 2;
                        continue;
                    }
                    out.append(q);
                    i++;
                }
                value = out.toString();
            } else if (c == '[' || c == '{') {
                throw new IllegalArgumentException("nested lists or mappings are not names");
            } else {
                while (i < text.length() && ",]\r\n".indexOf(text.charAt(i)) < 0
                        && !(text.charAt(i) == '#' && Character.isWhitespace(text.charAt(i - 1)))) {
                    i++;
                }
                int end = i;
                while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
                    end--;
                }
                value = text.substring(start, end);
                items.add(new Item(start, end, value));
                continue;
            }
            items.add(new Item(start, i, value));
        }
    }

    private static int skipBlank(String text, int i) {
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '#' && (i == 0 || Character.isWhitespace(text.charAt(i - 1)))) {
                while (i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                    i++;
                }
            } else if (Character.isWhitespace(c)) {
                i++;
            } else {
                return i;
            }
        }
        return i;
    }
}
