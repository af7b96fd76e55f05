package dev.orrery.load;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the values of ENV ({@code A=1 B="two words"} or {@code A value}) and ARG ({@code A=1} or {@code A}). */
final class EnvLine {
    private static final Pattern NAME = Names.ENV;
    private static final Pattern PAIR = Pattern.compile("(" + Names.ENV.pattern() + ")=(\"[^\"]*\"|'[^']*'|\\S*)\\s*");

    private EnvLine() {
    }

    /** Empty when the line is not understood. */
    static Map<String, String> parseEnv(String line) {
        Map<String, String> vars = pairs(line);
        if (!vars.isEmpty()) {
            return vars;
        }
        String[] parts = line.strip().split("\\s+", 2);
        if (parts.length == 2 && NAME.matcher(parts[0]).matches()) {
            return Map.of(parts[0], parts[1]);
        }
        return Map.of();
    }

    static Map<String, String> parseArg(String line) {
        String value = line.strip();
        if (NAME.matcher(value).matches()) {
            return Map.of(value, "");
        }
        Map<String, String> vars = pairs(value);
        return vars.size() == 1 ? vars : Map.of();
    }

    private static Map<String, String> pairs(String line) {
        Map<String, String> vars = new LinkedHashMap<>();
        Matcher m = PAIR.matcher(line.strip());
        int at = 0;
        while (at < line.strip().length()) {
            if (!m.find(at) || m.start() != at) {
                return Map.of();
            }
            String value = m.group(2);
            if (value.length() >= 2 && (value.startsWith("\"") || value.startsWith("'"))) {
                value = value.substring(1, value.length() - 1);
            }
            vars.put(m.group(1), value);
            at = m.end();
        }
        return vars;
    }
}
