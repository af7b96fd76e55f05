package dev.orrery.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code {{name}}} placeholders for inputs (spaces inside the braces allowed). */
final class Placeholders {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_-]*)\\s*}}");

    private Placeholders() {
    }

    /** The names used, in order, repeated as often as they appear. */
    static List<String> names(String text) {
        if (!text.contains("{{")) {
            return List.of(); // most text has none; skip the matcher
        }
        List<String> names = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** Replaces each known placeholder by {@code encode(value)}; unknown ones are left as written. */
    static String substitute(String text, Map<String, String> values, UnaryOperator<String> encode) {
        if (!text.contains("{{")) {
            return text;
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : encode.apply(value)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
