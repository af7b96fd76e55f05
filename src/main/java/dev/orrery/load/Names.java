package dev.orrery.load;

import java.util.regex.Pattern;

/** What a host, resource, component, input or tag name may be made of (they appear in task ids and shell). */
final class Names {
    static final String RULE = "may only hold letters, digits, '-', '_' and '.', and must start with a letter or digit";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final Pattern INPUT = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

    private Names() {
    }

    static boolean isValid(String name) {
        return NAME.matcher(name).matches() && !name.contains("@");
    }

    /** Input names appear in {{name}} placeholders and links (res.input), so no dots. */
    static boolean isValidInput(String name) {
        return INPUT.matcher(name).matches();
    }
}
