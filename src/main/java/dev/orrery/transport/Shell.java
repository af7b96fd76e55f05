package dev.orrery.transport;

import java.util.Map;
import java.util.regex.Pattern;

/** POSIX shell quoting and the command line one step sends to a host. */
final class Shell {
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private Shell() {
    }

    /** {@code it's} → {@code 'it'\''s'}: safe for any value, including empty strings and newlines. */
    static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /**
     * {@code export K='v'; cd 'dir' && command}. The exports are needed because OpenSSH refuses most
     * environment requests (AcceptEnv); {@code cd ... &&} makes a missing folder fail the step.
     */
    static String commandLine(String command, Map<String, String> env, String workdir) {
        StringBuilder line = new StringBuilder();
        if (env != null) {
            env.forEach((name, value) -> line.append("export ").append(checkedName(name)).append('=')
                    .append(quote(value)).append("; "));
        }
        if (workdir != null && !workdir.isBlank()) {
            line.append("cd ").append(quote(workdir)).append(" && ");
        }
        return line.append(command).toString();
    }

    static String checkedName(String name) {
        if (!ENV_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a valid environment variable name: '" + name + "'");
        }
        return name;
    }
}
