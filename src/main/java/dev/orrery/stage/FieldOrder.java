package dev.orrery.stage;

import java.util.Comparator;

/** Orders field names segment by segment, numbers numerically: {@code actions.run.2} before {@code actions.run.10}. */
final class FieldOrder implements Comparator<String> {
    static final FieldOrder INSTANCE = new FieldOrder();

    private FieldOrder() {
    }

    @Override
    public int compare(String a, String b) {
        String[] x = a.split("\\.", -1);
        String[] y = b.split("\\.", -1);
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = segment(x[i], y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    private static int segment(String a, String b) {
        boolean na = !a.isEmpty() && a.chars().allMatch(Character::isDigit) && a.length() < 10;
        boolean nb = !b.isEmpty() && b.chars().allMatch(Character::isDigit) && b.length() < 10;
        if (na && nb) {
            return Integer.compare(Integer.parseInt(a), Integer.parseInt(b));
        }
        return a.compareTo(b);
    }
}
