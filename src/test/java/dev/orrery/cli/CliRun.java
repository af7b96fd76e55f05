package dev.orrery.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command line in-process and keeps what it printed. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** {@code orrery -w <workspace> args...} */
    static CliRun in(java.nio.file.Path workspace, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "-w";
        all[1] = workspace.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return of(all);
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
    }
}
