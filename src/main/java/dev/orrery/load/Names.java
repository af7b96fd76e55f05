package dev.orrery.load;

import java.util.regex.Pattern;

/** What a host, resource, component, input or tag name may be made of (they appear in task ids and shell). */
final class Names {
    static final String RULE = "may only hold letters, digits, '-', '_' and '.', and must start with a letter or digit";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final Pattern INPUT = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
    /** What a POSIX shell accepts as a variable name: anything else cannot be exported to a step. */
    static final Pattern ENV = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    static final String ENV_RULE = "may only hold letters, digits and '_', and must not start with a digit";
    /** {@code user} or {@code user:group}: what the upload accepts (the transport checks the same rule). */
    private static final Pattern OWNER = Pattern.compile("[A-Za-z0-9._][A-Za-z0-9._-]*(:[A-Za-z0-9._][A-Za-z0-9._-]*)?");
    static final String OWNER_RULE = "must be user or user:group, each made of letters, digits, '.', '_' and '-'"
            + " (not starting with '-')";

    private Names() {
    }

    static boolean isValid(String name) {
        return NAME.matcher(name).matches() && !name.contains("@");
    }

    static boolean isValidEnv(String name) {
        return ENV.matcher(name).matches();
    }

    static boolean isValidOwner(String owner) {
        return OWNER.matcher(owner).matches();
    }

    /** Input names appear in {{name}} placeholders and links (res.input), so no dots. */
    static boolean isValidInput(String name) {
        return INPUT.matcher(name).matches();
    }
}
