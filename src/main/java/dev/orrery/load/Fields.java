package dev.orrery.load;

import dev.orrery.model.SourceRef;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed access to one YAML mapping that reports, into {@link Diagnostics}, unknown keys (with the nearest
 * known key), duplicate keys and values of the wrong type, each at its own place. {@code owner} names the
 * mapping in messages ("host 'db-1'").
 */
final class Fields {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

    private final Diagnostics diagnostics;
    private final Path file;
    private final YamlNode.Mapping mapping;
    private final String owner;

    /** Checks the keys at once; the getters then read the first occurrence of each key. */
    Fields(Diagnostics diagnostics, Path file, YamlNode.Mapping mapping, String owner, List<String> knownKeys) {
        this.diagnostics = diagnostics;
        this.file = file;
        this.mapping = mapping;
        this.owner = owner;
        List<YamlNode.Entry> entries = mapping.entries();
        for (int i = 0; i < entries.size(); i++) {
            YamlNode.Entry entry = entries.get(i);
            YamlNode.Entry first = firstOf(entries, i);
            if (first != null) {
                diagnostics.add(file, entry.keyMark(), "key '" + entry.key() + "' appears twice in " + owner
                        + " (first at line " + first.keyMark().line() + "); keep only one");
            } else if (!knownKeys.contains(entry.key())) {
                diagnostics.add(file, entry.keyMark(), "unknown key '" + entry.key() + "' in " + owner
                        + Suggestions.didYouMean(entry.key(), knownKeys) + " (known keys: " + String.join(", ", knownKeys) + ")");
            }
        }
    }

    /** The entry before {@code index} with the same key, or null; mappings are small, so a scan beats a map. */
    private static YamlNode.Entry firstOf(List<YamlNode.Entry> entries, int index) {
        String key = entries.get(index).key();
        for (int j = 0; j < index; j++) {
            if (entries.get(j).key().equals(key)) {
                return entries.get(j);
            }
        }
        return null;
    }

    static Fields of(Diagnostics diagnostics, Path file, YamlNode.Mapping mapping, String owner, String... knownKeys) {
        return new Fields(diagnostics, file, mapping, owner, List.of(knownKeys));
    }

    SourceRef at(YamlNode node) {
        return ref(file, node.mark());
    }

    static SourceRef ref(Path file, YamlNode.Mark mark) {
        return new SourceRef(file, mark.line(), mark.column());
    }

    boolean has(String key) {
        return mapping.entry(key).isPresent();
    }

    Optional<YamlNode> node(String key) {
        return mapping.get(key);
    }

    /** The place of the key itself (for messages about a missing sibling, use the mapping). */
    SourceRef keyAt(String key) {
        return mapping.entry(key).map(e -> ref(file, e.keyMark())).orElse(ref(file, mapping.mark()));
    }

    SourceRef mappingAt() {
        return ref(file, mapping.mark());
    }

    /** A scalar as text (numbers and booleans as written); empty when absent or empty. */
    Optional<Located> text(String key) {
        Optional<YamlNode> node = mapping.get(key);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        return scalarText(node.get(), () -> "'" + key + "' of " + owner);
    }

    Optional<Located> scalarText(YamlNode node, String what) {
        return scalarText(node, () -> what);
    }

    /** As {@link #scalarText(YamlNode, String)}; {@code what} is only built for a message. */
    private Optional<Located> scalarText(YamlNode node, Supplier<String> what) {
        if (node instanceof YamlNode.Scalar scalar) {
            return scalar.isNull() ? Optional.empty() : Optional.of(new Located(scalar.text(), at(scalar)));
        }
        wrongType(node, what.get(), "a single value");
        return Optional.empty();
    }

    /** A required text; reports its absence at the mapping. */
    Optional<Located> requiredText(String key, String hint) {
        Optional<Located> value = text(key);
        if (value.isEmpty() && !(mapping.get(key).orElse(null) instanceof YamlNode.Sequence)
                && !(mapping.get(key).orElse(null) instanceof YamlNode.Mapping)) {
            diagnostics.add(has(key) ? keyAt(key) : mappingAt(), owner + " needs '" + key + "'" + hint);
        }
        return value;
    }

    Optional<Integer> integer(String key, int min, int max) {
        return text(key).flatMap(v -> {
            try {
                int n = Integer.parseInt(v.value().strip());
                if (n >= min && n <= max) {
                    return Optional.of(n);
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            diagnostics.add(v.at(), "'" + key + "' of " + owner + " must be a whole number from " + min + " to "
                    + max + ", not '" + v.value() + "'");
            return Optional.empty();
        });
    }

    boolean bool(String key) {
        return text(key).map(v -> switch (v.value().toLowerCase()) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> {
                diagnostics.add(v.at(), "'" + key + "' of " + owner + " must be true or false, not '" + v.value() + "'");
                yield false;
            }
        }).orElse(false);
    }

    Optional<Duration> duration(String key) {
        return text(key).flatMap(v -> {
            Matcher m = DURATION.matcher(v.value().strip());
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                String unit = m.group(2) == null ? "s" : m.group(2);
                return Optional.of(switch (unit) {
                    case "ms" -> Duration.ofMillis(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofSeconds(n);
                });
            }
            diagnostics.add(v.at(), "'" + key + "' of " + owner + " must be a duration such as 30s, 5m, 1h or 500ms,"
                    + " not '" + v.value() + "'");
            return Optional.empty();
        });
    }

    /** One value or a list of values ({@code tags: web} or {@code tags: [web, prod]}). */
    List<Located> list(String key) {
        Optional<YamlNode> node = mapping.get(key);
        if (node.isEmpty()) {
            return List.of();
        }
        Supplier<String> what = () -> "'" + key + "' of " + owner;
        if (node.get() instanceof YamlNode.Sequence sequence) {
            List<Located> values = new ArrayList<>(sequence.items().size());
            for (YamlNode item : sequence.items()) {
                if (item instanceof YamlNode.Scalar scalar && scalar.isNull()) {
                    diagnostics.add(at(item), "an item of " + what.get() + " is empty; remove the '-' or write a name"
                            + " after it");
                } else {
                    scalarText(item, () -> "each item of " + what.get()).ifPresent(values::add);
                }
            }
            return values;
        }
        if (node.get() instanceof YamlNode.Scalar) {
            return scalarText(node.get(), what).map(List::of).orElse(List.of());
        }
        wrongType(node.get(), what.get(), "a name or a list of names");
        return List.of();
    }

    /** A mapping of plain values ({@code env}); reports non-scalar values. */
    Map<String, Located> textMap(String key) {
        Map<String, Located> values = new LinkedHashMap<>();
        mapping(key).ifPresent(m -> {
            Set<String> seen = new java.util.HashSet<>();
            for (YamlNode.Entry entry : m.entries()) {
                if (!seen.add(entry.key())) {
                    diagnostics.add(file, entry.keyMark(), "'" + entry.key() + "' appears twice in '" + key + "' of "
                            + owner + "; keep only one");
                    continue;
                }
                if (entry.value() instanceof YamlNode.Scalar s && s.isNull()) {
                    values.put(entry.key(), new Located("", at(s)));
                } else {
                    scalarText(entry.value(), () -> "'" + key + "." + entry.key() + "' of " + owner)
                            .ifPresent(v -> values.put(entry.key(), v));
                }
            }
        });
        return values;
    }

    /** A nested mapping; empty (and reported) when it is something else; empty when absent or null. */
    Optional<YamlNode.Mapping> mapping(String key) {
        Optional<YamlNode> node = mapping.get(key);
        if (node.isEmpty() || node.get() instanceof YamlNode.Scalar s && s.isNull()) {
            return Optional.empty();
        }
        if (node.get() instanceof YamlNode.Mapping m) {
            return Optional.of(m);
        }
        wrongType(node.get(), "'" + key + "' of " + owner, "a mapping of names to values (key: value lines)");
        return Optional.empty();
    }

    void wrongType(YamlNode node, String what, String expected) {
        diagnostics.add(at(node), what + " must be " + expected + ", not " + node.describe());
    }

    Path file() {
        return file;
    }

    Diagnostics diagnostics() {
        return diagnostics;
    }

    String owner() {
        return owner;
    }
}
