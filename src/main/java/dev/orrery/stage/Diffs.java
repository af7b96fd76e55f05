package dev.orrery.stage;

import dev.orrery.model.FieldDiff;
import dev.orrery.model.ResourceSnapshot;
import dev.orrery.model.Secrets;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Field-by-field difference of two snapshots: ADDED, CHANGED (old → new), REMOVED, in field order
 * ({@link FieldOrder}). Secret values are shown as {@link Secrets#MASK}; the {@code .secret} markers are not
 * listed. Linear in the number of fields.
 */
public final class Diffs {
    private Diffs() {
    }

    /** From {@code before} (null: nothing) to {@code after} (null: nothing). */
    public static List<FieldDiff> between(ResourceSnapshot before, ResourceSnapshot after) {
        Map<String, String> old = before == null ? Map.of() : before.fields();
        Map<String, String> now = after == null ? Map.of() : after.fields();
        TreeSet<String> names = new TreeSet<>(FieldOrder.INSTANCE);
        names.addAll(old.keySet());
        names.addAll(now.keySet());
        // The fields that are secret in either snapshot, read off their markers in one pass.
        Set<String> secrets = new HashSet<>();
        for (String field : names) {
            if (field.endsWith(Snapshots.SECRET_SUFFIX)
                    && ("true".equals(old.get(field)) || "true".equals(now.get(field)))) {
                secrets.add(field.substring(0, field.length() - Snapshots.SECRET_SUFFIX.length()));
            }
        }
        List<FieldDiff> out = new ArrayList<>();
        for (String field : names) {
            if (field.endsWith(Snapshots.SECRET_SUFFIX)) {
                continue; // a marker: the value beside it already shows masked
            }
            String o = old.get(field);
            String n = now.get(field);
            boolean secret = secrets.contains(field);
            if (o == null) {
                out.add(new FieldDiff(field, FieldDiff.Kind.ADDED, null, show(n, secret)));
            } else if (n == null) {
                out.add(new FieldDiff(field, FieldDiff.Kind.REMOVED, show(o, secret), null));
            } else if (!o.equals(n)) {
                out.add(new FieldDiff(field, FieldDiff.Kind.CHANGED, show(o, secret), show(n, secret)));
            }
        }
        return out;
    }

    private static String show(String value, boolean secret) {
        return secret ? Secrets.MASK : value;
    }
}
