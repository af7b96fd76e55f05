package dev.orrery.run;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunOptionsTest {
    @Test
    void backoffDoublesUpToTheCap() {
        RunOptions options = RunOptions.defaults().withBackoff(Duration.ofMillis(100), Duration.ofMillis(350));
        assertThat(options.backoffBefore(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(options.backoffBefore(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(options.backoffBefore(3)).isEqualTo(Duration.ofMillis(350));
        assertThat(options.backoffBefore(10)).isEqualTo(Duration.ofMillis(350));
    }

    @Test
    void refusesLimitsBelowOne() {
        assertThatThrownBy(() -> RunOptions.defaults().withParallel(0)).hasMessageContaining("parallel must be at least 1");
        assertThatThrownBy(() -> RunOptions.defaults().withTypeLimit("build", 0)).hasMessageContaining("build");
    }

    @Test
    void typeKeysAreCaseInsensitive() {
        assertThat(RunOptions.defaults().withTypeLimit("Component", 2).perType()).containsEntry("component", 2);
    }

    @Test
    void humanDurations() {
        assertThat(Durations.human(Duration.ofMillis(500))).isEqualTo("500ms");
        assertThat(Durations.human(Duration.ofSeconds(30))).isEqualTo("30s");
        assertThat(Durations.human(Duration.ofMillis(1500))).isEqualTo("1.5s");
        assertThat(Durations.human(Duration.ofSeconds(150))).isEqualTo("2m30s");
        assertThat(Durations.human(Duration.ofMinutes(65))).isEqualTo("1h5m");
    }
}
