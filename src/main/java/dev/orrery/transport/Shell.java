package dev.orrery.transport;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * POSIX shell quoting and the script one step runs as. Every transport sends the fixed command line
 * {@link #STEP_RUNNER} and writes {@link #stepScript} to its standard input, keeping that input open while the
 * step runs: closing it (end of file) is how a step is stopped. Nothing of the step (command, environment,
 * workdir) is ever a process argument, so none of it shows in {@code ps} or in an SSH exec request.
 */
final class Shell {
    /** The exec request of every step; {@code exec} makes sh the session leader sshd created for the channel. */
    static final String STEP_RUNNER = "exec sh -s";
    /** How long a stopped step has between TERM and KILL. */
    static final Duration STOP_GRACE = Duration.ofSeconds(2);

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /*
     * The watchdog: a subshell reading the script's standard input (the channel, or the pipe from the runner's
     * JVM) until end of file. The client sends nothing after the script, so EOF means the step was stopped, timed
     * out, or the connection/runner died. If the step's shell ($$) is still alive then, it TERMs the process group
     * (the step's shell leads its own group: sshd starts every session with setsid, and the runner starts local
     * and sandbox steps through setsid), waits the grace period and KILLs what is left, itself included. If $$
     * does not lead a group (no setsid on the runner, an SSH server that does not start sessions with setsid) it
     * signals the step's shell and its children only, holding the shell stopped meanwhile so it cannot run the
     * rest of the command once a child is gone. It never touches output, so a daemon a finished step left
     * behind (nohup ... &) keeps running and does not hold the channel open.
     */
    private static final String WATCHDOG = """
            (
            while read -r _; do :; done
            kill -0 $$ 2>/dev/null || exit 0
            trap '' TERM
            g=
            if [ -r /proc/$$/stat ]; then IFS=' ' read -r _ _ _ _ g _ </proc/$$/stat; else g=$(ps -o pgid= -p $$); fi
            if [ "$g" -eq $$ ] 2>/dev/null; then
            kill -TERM 0; sleep %1$d; kill -KILL 0
            else
            kill -STOP $$; pkill -TERM -P $$; kill -TERM $$; kill -CONT $$; sleep %1$d; pkill -KILL -P $$; kill -KILL $$
            fi
            ) <&3 >/dev/null 2>&1 &
            """.formatted(STOP_GRACE.toSeconds());

    private Shell() {
    }

    /** {@code it's} → {@code 'it'\''s'}: safe for any value, including empty strings and newlines. */
    static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /**
     * The script of one step, for {@code sh -s}. One {@code { ... }} block, so sh has read and parsed all of it
     * before anything runs (nothing can read the rest of the script, and the block ends with {@code exit}, so sh
     * never reads past it). In order: the environment, the workdir guard (a folder that cannot be entered ends the
     * step before any of the command runs, whatever its syntax), the watchdog, then the command through
     * {@code eval} of one quoted word with standard input from /dev/null.
     *
     * @param cdPath    the folder to run in (null or blank: where the shell starts)
     * @param workdirAs the workdir as the user wrote it, for the failure message
     */
    static String stepScript(String command, Map<String, String> env, String cdPath, String workdirAs) {
        StringBuilder s = new StringBuilder(256 + command.length()).append("{\n");
        if (env != null) {
            env.forEach((name, value) -> s.append("export ").append(checkedName(name)).append('=')
                    .append(quote(value)).append('\n'));
        }
        if (cdPath != null && !cdPath.isBlank()) {
            s.append("CDPATH= cd -- ").append(quote(cdPath)).append(" 2>/dev/null || { printf '%s\\n' ")
                    .append(quote("cannot enter workdir " + (workdirAs == null ? cdPath : workdirAs)))
                    .append(" >&2; exit 1; }\n");
        }
        return s.append("exec 3<&0 </dev/null\n").append(WATCHDOG).append("exec 3<&-\n")
                .append("eval ").append(quote(command)).append("\nexit\n}\n").toString();
    }

    static String stepScript(String command, Map<String, String> env, String workdir) {
        return stepScript(command, env, workdir, workdir);
    }

    static String checkedName(String name) {
        if (!ENV_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a valid environment variable name: '" + name + "'");
        }
        return name;
    }
}
