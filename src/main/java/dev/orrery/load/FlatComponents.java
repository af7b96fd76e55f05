package dev.orrery.load;

import java.util.ArrayList;
import java.util.List;

/**
 * Toolforge's documentation prints its component file without indentation, so YAML reads it as one flat mapping:
 * {@code config-version, components: (empty), toolhunt-cleanup: (empty), description, type, build: (empty),
 * repository, ...}. This class rebuilds the nesting from the known keys, in order, keeping every original
 * place: a key with an empty value that is not a component field starts a component; {@code build:} and
 * {@code run:} with an empty value open their sub-mapping for the keys that belong to it; any other key
 * belongs to the current component (unknown ones are then reported there, with a suggestion).
 */
final class FlatComponents {
    private static final List<String> TOP = ComponentsReader.TOP_KEYS;
    private static final List<String> FIELDS = ComponentsReader.COMPONENT_KEYS;

    private FlatComponents() {
    }

    /** True when {@code components:} is empty and keys follow it at the same level. */
    static boolean isFlat(YamlNode.Mapping root) {
        List<YamlNode.Entry> entries = root.entries();
        for (int i = 0; i < entries.size(); i++) {
            YamlNode.Entry entry = entries.get(i);
            if (entry.key().equals("components")) {
                return isEmpty(entry.value()) && entries.subList(i + 1, entries.size()).stream()
                        .anyMatch(e -> !TOP.contains(e.key()));
            }
        }
        return false;
    }

    static YamlNode.Mapping nest(YamlNode.Mapping root) {
        List<YamlNode.Entry> top = new ArrayList<>();
        List<Builder> components = new ArrayList<>();
        YamlNode.Mark componentsMark = root.mark();
        Builder component = null;
        Builder sub = null;
        boolean inComponents = false;
        for (YamlNode.Entry entry : root.entries()) {
            String key = entry.key();
            if (!inComponents || TOP.contains(key)) {
                if (key.equals("components")) {
                    inComponents = true;
                    componentsMark = entry.keyMark();
                    continue;
                }
                top.add(entry);
                continue;
            }
            // a typo of a sub-key (repositry) stays in its sub-mapping, where it is reported with a suggestion
            boolean subTypo = sub != null && !FIELDS.contains(key) && !isEmpty(entry.value())
                    && Suggestions.nearest(key, sub.keys).isPresent();
            if (sub != null && (sub.accepts(key) || subTypo)) {
                sub.entries.add(entry);
                continue;
            }
            sub = null;
            if (component != null && FIELDS.contains(key)) {
                if ((key.equals("build") || key.equals("run")) && isEmpty(entry.value())) {
                    sub = new Builder(entry, key.equals("build") ? ComponentsReader.BUILD_KEYS : ComponentsReader.RUN_KEYS);
                    component.subs.add(sub);
                    component.entries.add(sub.placeholder());
                } else {
                    component.entries.add(entry);
                }
            } else if (isEmpty(entry.value()) || component == null) {
                component = new Builder(entry, FIELDS);
                components.add(component);
            } else {
                component.entries.add(entry);
            }
        }
        List<YamlNode.Entry> rebuilt = new ArrayList<>(top.size() + 1);
        rebuilt.addAll(top);
        List<YamlNode.Entry> finished = components.stream().map(Builder::finish).toList();
        YamlNode.Mark start = finished.isEmpty() ? componentsMark : finished.get(0).keyMark();
        rebuilt.add(new YamlNode.Entry("components", componentsMark, new YamlNode.Mapping(finished, start, root.end())));
        return new YamlNode.Mapping(rebuilt, root.mark(), root.end());
    }

    private static boolean isEmpty(YamlNode node) {
        return node instanceof YamlNode.Scalar s && s.isNull();
    }

    /** Collects the entries of one rebuilt mapping; {@link #finish} turns the header entry into key: mapping. */
    private static final class Builder {
        final YamlNode.Entry header;
        final List<String> keys;
        final List<YamlNode.Entry> entries = new ArrayList<>();
        final List<Builder> subs = new ArrayList<>();

        Builder(YamlNode.Entry header, List<String> keys) {
            this.header = header;
            this.keys = keys;
        }

        boolean accepts(String key) {
            return keys.contains(key);
        }

        YamlNode.Entry placeholder() {
            return header;
        }

        YamlNode.Entry finish() {
            List<YamlNode.Entry> done = new ArrayList<>();
            for (YamlNode.Entry entry : entries) {
                Builder nested = subs.stream().filter(s -> s.header == entry).findFirst().orElse(null);
                done.add(nested == null ? entry : nested.finish());
            }
            if (done.isEmpty()) {
                return header;
            }
            return new YamlNode.Entry(header.key(), header.keyMark(),
                    new YamlNode.Mapping(done, done.get(0).keyMark(), done.get(done.size() - 1).value().mark()));
        }
    }
}
