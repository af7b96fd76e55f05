package dev.orrery.run;

import java.time.Duration;

/** Short human forms of durations for messages: {@code 500ms}, {@code 30s}, {@code 2m30s}, {@code 1h5m}. */
final class Durations {
    private Durations() {
    }

    static String human(Duration d) {
        long millis = d.toMillis();
        if (millis < 1000) {
            return millis + "ms";
        }
        long seconds = d.toSeconds();
        if (seconds < 60) {
            return millis % 1000 == 0 ? seconds + "s" : String.format(java.util.Locale.ROOT, "%.1fs", millis / 1000.0);
        }
        if (seconds < 3600) {
            return seconds / 60 + "m" + (seconds % 60 == 0 ? "" : seconds % 60 + "s");
        }
        return seconds / 3600 + "h" + (seconds % 3600 / 60 == 0 ? "" : seconds % 3600 / 60 + "m");
    }
}
