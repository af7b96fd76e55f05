package dev.orrery.load;

import java.util.regex.Pattern;

/** POSIX sh quoting: a value becomes exactly one word whatever it contains. */
final class ShellQuote {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

    private ShellQuote() {
    }

    /** The value as is when it is made only of safe characters, else in single quotes ('\'' for a quote). */
    static String quote(String value) {
        if (!value.isEmpty() && SAFE.matcher(value).matches()) {
            return value;
        }
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
