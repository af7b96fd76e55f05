package dev.orrery.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A YAML value with the place it was written (1-based line and column, 0-based char offset), so every
 * problem and every model element can point back at its file. Mappings keep every entry in file order,
 * duplicates included, because Toolforge's unindented form repeats keys and validation reports them.
 */
sealed interface YamlNode permits YamlNode.Scalar, YamlNode.Mapping, YamlNode.Sequence {

    /** Where this value starts. */
    Mark mark();

    /** A short noun for messages: "a text", "a list", "a mapping". */
    String describe();

    /** 1-based line and column plus 0-based char offset. */
    record Mark(int line, int column, long offset) {
    }

    /**
     * A scalar; {@code text} is null for YAML null (an empty value).
     *
     * @param type what the YAML reader made of it (a quoted "5" is TEXT, 5 is NUMBER)
     */
    record Scalar(String text, Type type, Mark mark) implements YamlNode {
        enum Type { TEXT, NUMBER, BOOLEAN, NULL }

        boolean isNull() {
            return type == Type.NULL;
        }

        @Override
        public String describe() {
            return switch (type) {
                case NULL -> "empty";
                case NUMBER -> "the number " + text;
                case BOOLEAN -> "the boolean " + text;
                case TEXT -> "the text '" + text + "'";
            };
        }
    }

    /** One key of a mapping with the place of the key itself. */
    record Entry(String key, Mark keyMark, YamlNode value) {
    }

    record Mapping(List<Entry> entries, Mark mark, Mark end) implements YamlNode {
        public Mapping {
            entries = List.copyOf(entries);
        }

        Optional<Entry> entry(String key) {
            Entry found = find(key);
            return found == null ? Optional.empty() : Optional.of(found);
        }

        Optional<YamlNode> get(String key) {
            Entry found = find(key);
            return found == null ? Optional.empty() : Optional.of(found.value());
        }

        /** The first entry of {@code key}, or null; a plain loop, as every field read of the loader comes here. */
        private Entry find(String key) {
            for (int i = 0; i < entries.size(); i++) {
                Entry e = entries.get(i);
                if (e.key().equals(key)) {
                    return e;
                }
            }
            return null;
        }

        List<String> keys() {
            List<String> keys = new ArrayList<>();
            entries.forEach(e -> keys.add(e.key()));
            return keys;
        }

        @Override
        public String describe() {
            return "a mapping";
        }
    }

    record Sequence(List<YamlNode> items, Mark mark, Mark end) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }
}
