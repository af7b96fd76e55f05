package dev.orrery;

import dev.orrery.model.Secrets;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SecretsTest {
    @Test
    void masksLongestSecretFirst() {
        assertThat(Secrets.mask("pw=hunter2 and hunter", List.of("hunter", "hunter2")))
                .isEqualTo("pw=****** and ******");
    }
}
