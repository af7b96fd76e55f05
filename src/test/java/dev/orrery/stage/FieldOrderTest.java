package dev.orrery.stage;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class FieldOrderTest {
    @Test
    void numbersCompareNumericallyAndFewerSegmentsComeFirst() {
        List<String> fields = new ArrayList<>(List.of("actions.run.10", "wait-for", "actions.run.2", "actions.run",
                "actions.run.retries", "actions.restart.1", "inputs.port", "actions.run.1", "targets", "a..b", "a."));
        fields.sort(FieldOrder.INSTANCE);
        assertThat(fields).containsExactly("a.", "a..b", "actions.restart.1", "actions.run", "actions.run.1",
                "actions.run.2", "actions.run.10", "actions.run.retries", "inputs.port", "targets", "wait-for");
    }

    @Test
    void agreesWithTheRuleReadSegmentBySegment() {
        Random random = new Random(11);
        String alphabet = "ab019.";
        for (int n = 0; n < 20_000; n++) {
            String a = randomName(random, alphabet);
            String b = randomName(random, alphabet);
            assertThat(Integer.signum(FieldOrder.INSTANCE.compare(a, b))).as("'%s' vs '%s'", a, b)
                    .isEqualTo(Integer.signum(bySplitting(a, b)));
        }
        assertThat(FieldOrder.INSTANCE.compare("x.1234567890", "x.999")).as("10 digits compare as text").isLessThan(0);
    }

    private static String randomName(Random random, String alphabet) {
        StringBuilder s = new StringBuilder();
        int length = random.nextInt(14);
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    /** The rule as documented: split at dots, compare 1-9 digit segments as numbers, others as text. */
    private static int bySplitting(String a, String b) {
        String[] x = a.split("\\.", -1);
        String[] y = b.split("\\.", -1);
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            boolean nx = x[i].matches("\\d{1,9}");
            boolean ny = y[i].matches("\\d{1,9}");
            int c = nx && ny ? Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i])) : x[i].compareTo(y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }
}
