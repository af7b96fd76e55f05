package dev.orrery.load;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class PlaceholdersTest {
    /** The documented rule, as a regex: the hand-written scanner must find exactly what it finds. */
    private static final Pattern RULE = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_-]*)\\s*}}");
    private static final Map<String, String> VALUES = Map.of("port", "5432", "a", "x y", "_b-2", "'q'");

    @Test
    void substitutesKnownNamesAndLeavesUnknownOnesAsWritten() {
        assertThat(Placeholders.substitute("psql -p {{port}} {{ a }} {{nope}}", VALUES, v -> "<" + v + ">"))
                .isEqualTo("psql -p <5432> <x y> {{nope}}");
        assertThat(Placeholders.names("{{{port}}} {{ 9x }} {{_b-2\t}}")).containsExactly("port", "_b-2");
        assertThat(Placeholders.substitute("no braces here", VALUES, v -> v)).isEqualTo("no braces here");
    }

    @Test
    void agreesWithTheRegexOnRandomText() {
        Random random = new Random(7);
        String alphabet = "{}{}{} \t\nap_-9ortb2x";
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(24);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String t = text.toString();
            assertThat(Placeholders.names(t)).as(t).isEqualTo(regexNames(t));
            assertThat(Placeholders.substitute(t, VALUES, v -> "[" + v + "]")).as(t).isEqualTo(regexSubstitute(t));
        }
    }

    private static List<String> regexNames(String text) {
        List<String> names = new ArrayList<>();
        Matcher m = RULE.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static String regexSubstitute(String text) {
        Matcher m = RULE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = VALUES.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : "[" + value + "]"));
        }
        return m.appendTail(out).toString();
    }
}
