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
    void theStepScriptExportsChangesFolderThenEvaluatesTheQuotedCommandInOneBlock() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("A", "1 2");
        env.put("B_2", "$x");

        String script = Shell.stepScript("make 'all'", env, "/srv/app");

        assertThat(script).startsWith("{\nexport A='1 2'\nexport B_2='$x'\n"
                + "CDPATH= cd -- '/srv/app' 2>/dev/null || { printf '%s\\n' 'cannot enter workdir /srv/app' >&2; exit 1; }\n");
        assertThat(script).endsWith("eval 'make '\\''all'\\'''\nexit\n}\n");
        assertThat(Shell.stepScript("make", Map.of(), null)).doesNotContain("cd --");
    }

    @Test
    void refusesNamesThatAreNotVariables() {
        assertThatThrownBy(() -> Shell.stepScript("true", Map.of("X;rm", "1"), null))
                .hasMessage("not a valid environment variable name: 'X;rm'");
    }
}
