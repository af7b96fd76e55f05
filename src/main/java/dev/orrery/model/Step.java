package dev.orrery.model;

/** One thing a task does on its host, in order. Inputs are already substituted (shell-quoted). */
public sealed interface Step permits Step.Exec, Step.Transfer {

    /** A short line for tables and reports. */
    String summary();

    /** Run a shell command on the host ({@code sh -c}). */
    record Exec(String command) implements Step {
        @Override
        public String summary() {
            return command;
        }
    }

    /**
     * Copy local files to the host over SFTP.
     *
     * @param source      local path or glob, relative to the workspace root
     * @param destination remote path; a trailing '/' means "into this folder"
     * @param owner       {@code user:group} to chown to after copying, or null
     * @param mode        octal file mode such as {@code 0640}, or null
     */
    record Transfer(String source, String destination, String owner, String mode) implements Step {
        @Override
        public String summary() {
            return "copy " + source + " → " + destination + (owner == null ? "" : " (chown " + owner + ")")
                    + (mode == null ? "" : " (mode " + mode + ")");
        }
    }
}
