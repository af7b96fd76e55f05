package dev.orrery.store;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonTest {
    @Test
    void writesAndReadsBackNestedValuesWithEscapes() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("text", "quote \" backslash \\ newline \n tab \t bell \u0007 unicode é → ✅");
        value.put("none", null);
        value.put("list", Arrays.asList("a", null, List.of("b")));
        value.put("n", 42L);
        value.put("neg", -7L);
        value.put("yes", true);
        value.put("empty", Map.of());
        String json = Json.write(value);
        assertThat(json).doesNotContain("\n");
        assertThat(Json.read(json)).isEqualTo(value);
        assertThat(Json.read(" [ 1 , \"x\" ] ")).isEqualTo(List.of(1L, "x"));
    }

    @Test
    void badTextIsAClearError() {
        assertThatThrownBy(() -> Json.read("{\"a\": 1")).hasMessageContaining("bad JSON");
        assertThatThrownBy(() -> Json.read("[1] x")).hasMessageContaining("trailing");
    }
}
