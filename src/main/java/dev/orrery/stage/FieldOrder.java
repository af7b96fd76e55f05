package dev.orrery.stage;

import java.util.Comparator;

/**
 * Orders field names segment by segment, numbers numerically: {@code actions.run.2} before {@code actions.run.10}.
 * A segment is numeric when it is 1 to 9 digits. Walks the strings in place: every diff sorts its field names, so
 * this runs for each field of each staged resource.
 */
final class FieldOrder implements Comparator<String> {
    static final FieldOrder INSTANCE = new FieldOrder();
    private static final int MAX_NUMERIC = 9;

    private FieldOrder() {
    }

    @Override
    public int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (true) {
            int endA = segmentEnd(a, i);
            int endB = segmentEnd(b, j);
            int c = segment(a, i, endA, b, j, endB);
            if (c != 0) {
                return c;
            }
            boolean lastA = endA == a.length();
            boolean lastB = endB == b.length();
            if (lastA || lastB) {
                return lastA == lastB ? 0 : lastA ? -1 : 1; // fewer segments first
            }
            i = endA + 1;
            j = endB + 1;
        }
    }

    private static int segmentEnd(String s, int from) {
        int dot = s.indexOf('.', from);
        return dot < 0 ? s.length() : dot;
    }

    private static int segment(String a, int fromA, int endA, String b, int fromB, int endB) {
        if (isNumber(a, fromA, endA) && isNumber(b, fromB, endB)) {
            return Integer.compare(Integer.parseInt(a, fromA, endA, 10), Integer.parseInt(b, fromB, endB, 10));
        }
        int length = Math.min(endA - fromA, endB - fromB);
        for (int k = 0; k < length; k++) {
            char x = a.charAt(fromA + k);
            char y = b.charAt(fromB + k);
            if (x != y) {
                return x - y;
            }
        }
        return (endA - fromA) - (endB - fromB);
    }

    private static boolean isNumber(String s, int from, int end) {
        if (end == from || end - from > MAX_NUMERIC) {
            return false;
        }
        for (int k = from; k < end; k++) {
            if (!Character.isDigit(s.charAt(k))) {
                return false;
            }
        }
        return true;
    }
}
