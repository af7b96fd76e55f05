package dev.orrery.store;

import dev.orrery.model.FieldDiff;
import dev.orrery.model.Step;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** How model values are written to columns and read back exactly. Stateless. */
final class Codec {
    private Codec() {
    }

    /** Fixed width (nanoseconds, UTC), so text order is time order in SQL; reads back as the same Instant. */
    private static final java.time.format.DateTimeFormatter TIME = java.time.format.DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(java.time.ZoneOffset.UTC);

    static String time(Instant at) {
        if (at == null) {
            return null;
        }
        java.time.LocalDateTime t = java.time.LocalDateTime.ofEpochSecond(at.getEpochSecond(), 0, java.time.ZoneOffset.UTC);
        if (t.getYear() < 0 || t.getYear() > 9999) {
            return TIME.format(at);
        }
        // By hand: the formatter goes through BigDecimal for the fraction, and every transition writes a time.
        char[] c = "0000-00-00T00:00:00.000000000Z".toCharArray();
        digits(c, 0, 4, t.getYear());
        digits(c, 5, 2, t.getMonthValue());
        digits(c, 8, 2, t.getDayOfMonth());
        digits(c, 11, 2, t.getHour());
        digits(c, 14, 2, t.getMinute());
        digits(c, 17, 2, t.getSecond());
        digits(c, 20, 9, at.getNano());
        return new String(c);
    }

    private static void digits(char[] into, int from, int width, int value) {
        for (int i = from + width - 1; i >= from; i--) {
            into[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        if (!isFixedWidthTime(text)) {
            return Instant.parse(text); // written by an older Orrery, or a year beyond 9999
        }
        long seconds = java.time.LocalDateTime.of(number(text, 0, 4), number(text, 5, 7), number(text, 8, 10),
                number(text, 11, 13), number(text, 14, 16), number(text, 17, 19)).toEpochSecond(java.time.ZoneOffset.UTC);
        return Instant.ofEpochSecond(seconds, number(text, 20, 29));
    }

    /** The shape {@link #time} writes: {@code uuuu-MM-ddTHH:mm:ss.nnnnnnnnnZ}, digits where digits belong. */
    private static boolean isFixedWidthTime(String text) {
        if (text.length() != 30) {
            return false;
        }
        String shape = "dddd-dd-ddTdd:dd:dd.dddddddddZ";
        for (int i = 0; i < shape.length(); i++) {
            char expected = shape.charAt(i);
            char c = text.charAt(i);
            if (expected == 'd' ? c < '0' || c > '9' : c != expected) {
                return false;
            }
        }
        return true;
    }

    private static int number(String text, int from, int to) {
        return Integer.parseInt(text, from, to, 10);
    }

    static String duration(Duration d) {
        return d == null ? null : d.toString();
    }

    static Duration durationOf(String text) {
        return text == null ? null : Duration.parse(text);
    }

    /** Tags sorted, so equal sets are equal text. */
    static String tags(Set<String> tags) {
        return Json.write(new TreeSet<>(tags));
    }

    static Set<String> tagsOf(String text) {
        return Set.copyOf(Json.readStrings(text));
    }

    static String diff(List<FieldDiff> diff) {
        List<Object> rows = new ArrayList<>();
        for (FieldDiff d : diff) {
            rows.add(java.util.Arrays.asList(d.field(), d.kind().name(), d.oldValue(), d.newValue()));
        }
        return Json.write(rows);
    }

    static List<FieldDiff> diffOf(String text) {
        List<FieldDiff> out = new ArrayList<>();
        for (Object row : Json.readList(text)) {
            List<?> r = (List<?>) row;
            out.add(new FieldDiff((String) r.get(0), FieldDiff.Kind.valueOf((String) r.get(1)),
                    (String) r.get(2), (String) r.get(3)));
        }
        return out;
    }

    static List<Object> steps(List<Step> steps) {
        List<Object> out = new ArrayList<>();
        for (Step step : steps) {
            Map<String, Object> m = new LinkedHashMap<>();
            if (step instanceof Step.Exec exec) {
                m.put("exec", exec.command());
            } else if (step instanceof Step.Transfer t) {
                m.put("source", t.source());
                m.put("destination", t.destination());
                m.put("owner", t.owner());
                m.put("mode", t.mode());
            }
            out.add(m);
        }
        return out;
    }

    static List<Step> stepsOf(List<?> rows) {
        List<Step> out = new ArrayList<>();
        for (Object row : rows) {
            Map<?, ?> m = (Map<?, ?>) row;
            if (m.containsKey("exec")) {
                out.add(new Step.Exec((String) m.get("exec")));
            } else {
                out.add(new Step.Transfer((String) m.get("source"), (String) m.get("destination"),
                        (String) m.get("owner"), (String) m.get("mode")));
            }
        }
        return out;
    }
}
