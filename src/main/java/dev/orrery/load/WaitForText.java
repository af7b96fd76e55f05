package dev.orrery.load;

import dev.orrery.model.Workspace.FileKind;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Byte-exact edits of one {@code wait-for} list in the text of a resources or component file: only the
 * characters of the touched item (or the one line holding it, or the one {@code wait-for} entry added or
 * emptied) change; comments, key order, quoting, blank lines, flow {@code [a, b]} and block {@code - a} lists
 * and line endings stay as they are. Adding then removing the same name gives back the original text.
 * Stateless; each call parses the text again.
 */
final class WaitForText {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final Set<String> RESERVED = Set.of("null", "true", "false", "yes", "no", "on", "off", "y", "n", "~");

    /** Where the owner's wait-for lives in the text. */
    private record Site(TextIndex index, YamlNode.Mapping owner, boolean flatComponent, FileKind kind,
                        Optional<YamlNode.Entry> waitFor) {
    }

    private WaitForText() {
    }

    static String add(String text, Path file, FileKind kind, String owner, String name) {
        Site site = locate(text, file, kind, owner);
        TextIndex index = site.index();
        String eol = index.lineEnding();
        if (site.waitFor().isEmpty()) {
            return insertEntry(site, name, eol);
        }
        YamlNode value = site.waitFor().get().value();
        if (value instanceof YamlNode.Scalar scalar && scalar.isNull()) {
            int colon = colonAfter(text, index.offset(site.waitFor().get().keyMark()));
            return text.substring(0, colon + 1) + " [" + yamlName(name) + "]" + text.substring(colon + 1);
        }
        if (!(value instanceof YamlNode.Sequence sequence)) {
            throw new IllegalArgumentException("wait-for of '" + owner + "' is not a list");
        }
        int start = index.offset(sequence.mark());
        if (text.charAt(start) == '[') {
            FlowList list = FlowList.scan(text, start);
            if (list.items.isEmpty()) {
                return text.substring(0, list.close) + yamlName(name) + text.substring(list.close);
            }
            int end = list.items.get(list.items.size() - 1).end();
            return text.substring(0, end) + ", " + yamlName(name) + text.substring(end);
        }
        YamlNode last = sequence.items().get(sequence.items().size() - 1);
        int line = last.mark().line();
        int itemStart = index.offset(last.mark());
        String prefix = text.substring(index.lineStart(line), itemStart);
        if (!prefix.strip().equals("-")) {
            throw new IllegalArgumentException("the wait-for list of '" + owner + "' is not one item per line");
        }
        if (!index.hasBreak(line)) {
            return text + eol + prefix + yamlName(name);
        }
        int at = index.nextLineStart(line);
        return text.substring(0, at) + prefix + yamlName(name) + lineBreakOf(index, line) + text.substring(at);
    }

    static String remove(String text, Path file, FileKind kind, String owner, String name) {
        Site site = locate(text, file, kind, owner);
        TextIndex index = site.index();
        YamlNode.Entry entry = site.waitFor().orElseThrow(() -> notListed(owner, name));
        if (!(entry.value() instanceof YamlNode.Sequence sequence)) {
            throw notListed(owner, name);
        }
        int start = index.offset(sequence.mark());
        int keyStart = index.offset(entry.keyMark());
        if (text.charAt(start) == '[') {
            FlowList list = FlowList.scan(text, start);
            int at = indexOf(list, name).orElseThrow(() -> notListed(owner, name));
            if (list.items.size() == 1) {
                return removeFlowMappingEntry(index, keyStart, list.close + 1)
                        .orElseGet(() -> text.substring(0, list.items.get(0).start()) + text.substring(list.items.get(0).end()));
            }
            FlowList.Item item = list.items.get(at);
            if (at == list.items.size() - 1) {
                return text.substring(0, list.items.get(at - 1).end()) + text.substring(item.end());
            }
            return text.substring(0, item.start()) + text.substring(list.items.get(at + 1).start());
        }
        int at = -1;
        for (int i = 0; i < sequence.items().size(); i++) {
            if (sequence.items().get(i) instanceof YamlNode.Scalar s && name.equals(s.text())) {
                at = i;
                break;
            }
        }
        if (at < 0) {
            throw notListed(owner, name);
        }
        int line = sequence.items().get(at).mark().line();
        if (sequence.items().size() == 1) {
            Optional<String> whole = removeWholeEntry(index, keyStart, index.contentEnd(line), site);
            if (whole.isPresent()) {
                return whole.get();
            }
        }
        return deleteLines(index, line, line);
    }

    static String replace(String text, Path file, FileKind kind, String owner, String from, String to) {
        Site site = locate(text, file, kind, owner);
        TextIndex index = site.index();
        YamlNode.Entry entry = site.waitFor().orElseThrow(() -> notListed(owner, from));
        if (!(entry.value() instanceof YamlNode.Sequence sequence)) {
            throw notListed(owner, from);
        }
        int start = index.offset(sequence.mark());
        if (text.charAt(start) == '[') {
            FlowList list = FlowList.scan(text, start);
            FlowList.Item item = list.items.get(indexOf(list, from).orElseThrow(() -> notListed(owner, from)));
            return text.substring(0, item.start()) + yamlName(to) + text.substring(item.end());
        }
        for (YamlNode node : sequence.items()) {
            if (node instanceof YamlNode.Scalar s && from.equals(s.text())) {
                int itemStart = index.offset(node.mark());
                int itemEnd = scalarEnd(text, itemStart, index.contentEnd(node.mark().line()));
                return text.substring(0, itemStart) + yamlName(to) + text.substring(itemEnd);
            }
        }
        throw notListed(owner, from);
    }

    /** The wait-for names of {@code owner} as the file says them (for checking an edit's result). */
    static List<String> read(String text, Path file, FileKind kind, String owner) {
        Diagnostics diagnostics = new Diagnostics();
        YamlReader.Parsed parsed = YamlReader.parse(file, text);
        if (parsed.root().isEmpty() || !(parsed.root().get() instanceof YamlNode.Mapping root)) {
            throw new IllegalArgumentException("the edited text is not a YAML mapping");
        }
        List<Located> names = kind == FileKind.RESOURCES
                ? ResourcesReader.read(diagnostics, file, root).stream().filter(r -> r.name().equals(owner))
                        .findFirst().map(Drafts.ResourceDraft::waitFor).orElseThrow()
                : ComponentsReader.read(diagnostics, file, root).stream().filter(c -> c.name().equals(owner))
                        .findFirst().map(Drafts.ComponentDraft::waitFor).orElseThrow();
        if (!diagnostics.isEmpty()) {
            throw new IllegalArgumentException(diagnostics.sorted().get(0).toString());
        }
        return names.stream().map(Located::value).toList();
    }

    private static Site locate(String text, Path file, FileKind kind, String owner) {
        YamlReader.Parsed parsed = YamlReader.parse(file, text);
        if (parsed.root().isEmpty() || !(parsed.root().get() instanceof YamlNode.Mapping root)) {
            throw new IllegalArgumentException("the file no longer holds a YAML mapping");
        }
        boolean flat = kind == FileKind.COMPONENTS && FlatComponents.isFlat(root);
        YamlNode.Mapping nested = flat ? FlatComponents.nest(root) : root;
        String section = kind == FileKind.RESOURCES ? "resources" : "components";
        YamlNode.Mapping ownerMapping = nested.get(section)
                .filter(YamlNode.Mapping.class::isInstance).map(YamlNode.Mapping.class::cast)
                .flatMap(m -> m.get(owner)).filter(YamlNode.Mapping.class::isInstance).map(YamlNode.Mapping.class::cast)
                .orElseThrow(() -> new IllegalArgumentException("'" + owner + "' is not defined in " + file));
        return new Site(new TextIndex(text), ownerMapping, flat, kind, ownerMapping.entry("wait-for"));
    }

    /** Adds a {@code wait-for} entry before {@code actions:} / {@code run:} when on its own line, else first. */
    private static String insertEntry(Site site, String name, String eol) {
        TextIndex index = site.index();
        String text = index.text();
        YamlNode.Mapping owner = site.owner();
        YamlNode.Entry first = owner.entries().get(0);
        int firstKey = index.offset(first.keyMark());
        int before = firstKey - 1;
        while (before >= 0 && (text.charAt(before) == ' ' || text.charAt(before) == '\t')) {
            before--;
        }
        if (before >= 0 && (text.charAt(before) == '{' || text.charAt(before) == ',')) {
            return text.substring(0, firstKey) + "wait-for: [" + yamlName(name) + "], " + text.substring(firstKey);
        }
        String anchorKey = site.kind() == FileKind.RESOURCES ? "actions" : "run";
        YamlNode.Entry anchor = owner.entry(anchorKey).filter(e -> startsItsLine(index, e)).orElse(first);
        if (!startsItsLine(index, anchor)) {
            throw new IllegalArgumentException("the keys of this resource are not one per line");
        }
        int lineStart = index.lineStart(anchor.keyMark().line());
        String indent = text.substring(lineStart, index.offset(anchor.keyMark()));
        // a block list, so that removing its only item later removes the whole entry again (a flow list
        // left empty by a removal stays `[]`, as it may have been written)
        String entry = indent + "wait-for:" + eol + indent + (site.flatComponent() ? "" : "  ") + "- "
                + yamlName(name) + eol;
        return text.substring(0, lineStart) + entry + text.substring(lineStart);
    }

    /** Deletes the whole block wait-for entry (key line through its only item) when no comment is on it. */
    private static Optional<String> removeWholeEntry(TextIndex index, int keyStart, int valueEnd, Site site) {
        String text = index.text();
        int keyLine = index.lineOf(keyStart);
        int lastLine = index.lineOf(Math.max(keyStart, valueEnd - 1));
        String before = text.substring(index.lineStart(keyLine), keyStart);
        String after = text.substring(valueEnd, index.contentEnd(lastLine));
        String key = text.substring(keyStart, index.contentEnd(keyLine));
        if (!before.isBlank() || !after.isBlank() || key.contains("#")) {
            return Optional.empty();
        }
        for (int line = keyLine + 1; line < lastLine; line++) {
            if (!index.line(line).isBlank()) {
                return Optional.empty(); // a comment between key and item: keep the entry
            }
        }
        return Optional.of(deleteLines(index, keyLine, lastLine));
    }

    /** Deletes "wait-for: [x], " from a flow mapping ({@code {wait-for: [x], target: y}}). */
    private static Optional<String> removeFlowMappingEntry(TextIndex index, int keyStart, int valueEnd) {
        String text = index.text();
        String before = text.substring(index.lineStart(index.lineOf(keyStart)), keyStart);
        var trailingComma = java.util.regex.Pattern.compile("^[ \\t]*,[ \\t]*").matcher(text.substring(valueEnd));
        if (!before.isBlank() && before.stripTrailing().endsWith("{") && trailingComma.find()) {
            return Optional.of(text.substring(0, keyStart) + text.substring(valueEnd + trailingComma.end()));
        }
        return Optional.empty();
    }

    private static String deleteLines(TextIndex index, int firstLine, int lastLine) {
        String text = index.text();
        if (index.hasBreak(lastLine)) {
            return text.substring(0, index.lineStart(firstLine)) + text.substring(index.nextLineStart(lastLine));
        }
        int start = firstLine > 1 ? index.contentEnd(firstLine - 1) : 0;
        return text.substring(0, start) + text.substring(index.contentEnd(lastLine));
    }

    private static boolean startsItsLine(TextIndex index, YamlNode.Entry entry) {
        int lineStart = index.lineStart(entry.keyMark().line());
        return index.text().substring(lineStart, index.offset(entry.keyMark())).isBlank();
    }

    private static String lineBreakOf(TextIndex index, int line) {
        return index.text().substring(index.contentEnd(line), index.nextLineStart(line));
    }

    private static int colonAfter(String text, int keyStart) {
        char quote = text.charAt(keyStart) == '"' || text.charAt(keyStart) == '\'' ? text.charAt(keyStart) : 0;
        int i = keyStart + (quote == 0 ? 0 : 1);
        if (quote != 0) {
            while (text.charAt(i) != quote) {
                i++;
            }
            i++;
        }
        return text.indexOf(':', i);
    }

    /** End of a block item's scalar: its closing quote, or before trailing spaces and a comment. */
    private static int scalarEnd(String text, int start, int lineEnd) {
        char c = text.charAt(start);
        if (c == '"' || c == '\'') {
            int i = start + 1;
            while (i < lineEnd && !(text.charAt(i) == c && (c == '\'' || text.charAt(i - 1) != '\\'))) {
                i++;
            }
            return Math.min(i + 1, lineEnd);
        }
        int end = lineEnd;
        int hash = text.indexOf(" #", start);
        if (hash >= 0 && hash < end) {
            end = hash;
        }
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    private static Optional<Integer> indexOf(FlowList list, String name) {
        for (int i = 0; i < list.items.size(); i++) {
            if (list.items.get(i).value().equals(name)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    private static IllegalArgumentException notListed(String owner, String name) {
        return new IllegalArgumentException("'" + owner + "' does not wait for '" + name + "'");
    }

    /** A name as YAML reads it back unchanged: plain when safe, else double-quoted. */
    static String yamlName(String name) {
        if (PLAIN.matcher(name).matches() && !RESERVED.contains(name.toLowerCase()) && !name.matches("[0-9.+-eE]+")) {
            return name;
        }
        return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
