package dev.orrery.transport;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShellTest {
    @Test
    void quotesAnythingForPosixShells() {
        assertThat(Shell.quote("plain")).isEqualTo("'plain'");
        assertThat(Shell.quote("it's")).isEqualTo("'it'\\''s'");
        assertThat(Shell.quote("")).isEqualTo("''");
    }

    @Test
    void exportsEnvironmentThenChangesFolder() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("A", "1 2");
        env.put("B_2", "$x");
        assertThat(Shell.commandLine("make", env, "/srv/app")).isEqualTo("export A='1 2'; export B_2='$x'; cd '/srv/app' && make");
        assertThat(Shell.commandLine("make", Map.of(), null)).isEqualTo("make");
    }

    @Test
    void refusesNamesThatAreNotVariables() {
        assertThatThrownBy(() -> Shell.commandLine("true", Map.of("X;rm", "1"), null))
                .hasMessage("not a valid environment variable name: 'X;rm'");
    }
}
