package dev.orrery.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * Wall-clock and this-thread CPU time of a phase, median of a few runs. On a shared machine the CPU time is the
 * steadier figure for single-threaded work (it leaves out time spent waiting for a core), so ratios between
 * single-threaded contenders use it. It leaves out other threads (the loader parses files in parallel, the
 * garbage collector runs beside), so budgets an operator waits for are judged on wall time.
 */
record Timing(double wallMs, double cpuMs) {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    interface Phase {
        void run() throws Exception;
    }

    static Timing once(Phase phase) {
        long cpu = THREADS.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        try {
            phase.run();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return new Timing((System.nanoTime() - wall) / 1e6, (THREADS.getCurrentThreadCpuTime() - cpu) / 1e6);
    }

    static Timing median(int repeat, Phase phase) {
        Timing[] runs = new Timing[repeat];
        for (int i = 0; i < repeat; i++) {
            runs[i] = once(phase);
        }
        return medianOf(runs);
    }

    /** Median wall time and median CPU time, each on its own. */
    static Timing medianOf(Timing... runs) {
        int repeat = runs.length;
        double[] wall = Arrays.stream(runs).mapToDouble(Timing::wallMs).sorted().toArray();
        double[] cpu = Arrays.stream(runs).mapToDouble(Timing::cpuMs).sorted().toArray();
        return new Timing(wall[repeat / 2], cpu[repeat / 2]);
    }

    Timing plus(Timing other) {
        return new Timing(wallMs + other.wallMs, cpuMs + other.cpuMs);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%10.1f ms wall %10.1f ms cpu", wallMs, cpuMs);
    }
}
