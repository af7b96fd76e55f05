package dev.orrery.load;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads one YAML document into a {@link YamlNode} tree with locations, from Jackson's token stream
 * (Jackson reports 1-based lines and columns). A syntax error becomes one {@link Problem} at its place.
 * Stateless and thread safe; linear in the size of the text.
 */
final class YamlReader {
    /**
     * The largest file read, in bytes (docs/formats.md). SnakeYAML's own default stops at 3 MiB code points, near
     * a file of 10,000 resources; its limit and Jackson's longest string are raised to this so ours is the one met.
     */
    static final int MAX_FILE_BYTES = 64 * 1024 * 1024;
    /** Deepest nesting of mappings and lists read; checked here (not by Jackson) to report the exact place. */
    static final int MAX_DEPTH = 1000;
    private static final YAMLFactory FACTORY = factory();

    /** The tree of the first document (empty when the file holds no document), or the syntax problem. */
    record Parsed(Optional<YamlNode> root, List<Problem> problems) {
    }

    private YamlReader() {
    }

    private static YAMLFactory factory() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_FILE_BYTES);
        YAMLFactory factory = YAMLFactory.builder().loaderOptions(options).build();
        factory.setStreamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_FILE_BYTES)
                .maxNestingDepth(MAX_DEPTH + 1).build());
        return factory;
    }

    /** The message for a file over {@link #MAX_FILE_BYTES}; checked before reading it. */
    static String tooLarge(long bytes) {
        return "this file is " + mebibytes(bytes) + "; Orrery reads YAML files of up to " + mebibytes(MAX_FILE_BYTES)
                + ": split it into several files (every YAML file of the workspace folder is read)";
    }

    private static String mebibytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0)).replace(".0 MiB", " MiB");
    }

    static Parsed parse(Path file, String text) {
        Problem control = controlCharacter(file, text);
        if (control != null) {
            return new Parsed(Optional.empty(), List.of(control));
        }
        JsonParser parser = null;
        try (JsonParser opened = FACTORY.createParser(text)) {
            parser = opened;
            JsonToken first = parser.nextToken();
            if (first == null) {
                return new Parsed(Optional.empty(), List.of());
            }
            List<Problem> problems = new ArrayList<>();
            YamlNode root = readValue(parser, file, problems, 0);
            if (parser.nextToken() != null) {
                YamlNode.Mark at = mark(parser.currentTokenLocation());
                problems.add(new Problem(file, at.line(), at.column(),
                        "this file holds a second YAML document (after '---'); Orrery reads one document per file:"
                                + " move it to a file of its own"));
            }
            return new Parsed(Optional.of(root), problems);
        } catch (TooDeep e) {
            return new Parsed(Optional.empty(), List.of(new Problem(file, e.at.line(), e.at.column(),
                    "YAML nesting error: this value is nested more than " + MAX_DEPTH + " levels deep; Orrery reads at"
                            + " most " + MAX_DEPTH + " (is a bracket or an indentation wrong?)")));
        } catch (JsonProcessingException e) {
            return new Parsed(Optional.empty(), List.of(syntaxProblem(file, e, parser)));
        } catch (IOException e) {
            return new Parsed(Optional.empty(), List.of(new Problem(file, 1, 1,
                    "cannot read this file: " + e.getMessage())));
        }
    }

    /**
     * YAML allows no control characters but tab and line breaks, not even in quoted text. SnakeYAML reports them
     * without a place, so they are found here first, with theirs. (An escaped {@code "\0"} is valid YAML and is
     * reported on the value that holds it, see {@link #readValue}.)
     */
    private static Problem controlCharacter(Path file, String text) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n')) {
                line++;
                lineStart = i + 1;
            } else if (c < 0x20 && c != '\t' && c != '\r' || c == 0x7F || c >= 0x80 && c <= 0x9F && c != 0x85) {
                int column = text.codePointCount(lineStart, i) + 1;
                String name = c == 0 ? "a NUL character" : String.format("the control character U+%04X", (int) c);
                return new Problem(file, line, column, "YAML syntax error: " + name + " is not allowed in a YAML file;"
                        + " remove it (the file may be binary or saved in another encoding)");
            }
        }
        return null;
    }

    /**
     * The snakeyaml cause knows the exact problem and its place; Jackson's own message is the context. Jackson's
     * own limits (nesting depth) have no place of their own: the parser's is where it stopped.
     */
    private static Problem syntaxProblem(Path file, JsonProcessingException e, JsonParser parser) {
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            Mark at = marked.getProblemMark();
            String context = marked.getContext() == null || marked.getContextMark() == null ? ""
                    : " (" + marked.getContext() + " that starts at line " + (marked.getContextMark().getLine() + 1)
                    + ", column " + (marked.getContextMark().getColumn() + 1) + ")";
            return new Problem(file, at.getLine() + 1, at.getColumn() + 1, "YAML syntax error: "
                    + marked.getProblem() + context + "; check the indentation and quoting here");
        }
        JsonLocation at = e.getLocation();
        if ((at == null || at.getLineNr() < 1) && parser != null) {
            at = parser.currentLocation();
        }
        int line = at == null ? 1 : Math.max(1, at.getLineNr());
        int column = at == null ? 1 : Math.max(1, at.getColumnNr());
        return new Problem(file, line, column, "YAML syntax error: " + firstLine(e.getOriginalMessage())
                + "; check the indentation and quoting here");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable YAML";
        }
        String trimmed = message.strip();
        int newline = trimmed.indexOf('\n');
        return (newline < 0 ? trimmed : trimmed.substring(0, newline)).strip();
    }

    /**
     * Reads the value whose first token is the current token; leaves the parser on its last token. A key or text
     * holding NUL (written {@code "\0"}) is a problem: no command, path or environment value can carry it.
     */
    private static YamlNode readValue(JsonParser parser, Path file, List<Problem> problems, int depth)
            throws IOException {
        JsonToken token = parser.currentToken();
        YamlNode.Mark at = mark(parser.currentTokenLocation());
        if ((token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) && depth >= MAX_DEPTH) {
            throw new TooDeep(at);
        }
        switch (token) {
            case START_OBJECT: {
                List<YamlNode.Entry> entries = new ArrayList<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    YamlNode.Mark keyMark = mark(parser.currentTokenLocation());
                    checkNul(file, key, keyMark, problems);
                    parser.nextToken();
                    entries.add(new YamlNode.Entry(key, keyMark, readValue(parser, file, problems, depth + 1)));
                }
                return new YamlNode.Mapping(entries, at, mark(parser.currentTokenLocation()));
            }
            case START_ARRAY: {
                List<YamlNode> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(readValue(parser, file, problems, depth + 1));
                }
                return new YamlNode.Sequence(items, at, mark(parser.currentTokenLocation()));
            }
            case VALUE_NULL:
                return new YamlNode.Scalar(null, YamlNode.Scalar.Type.NULL, at);
            case VALUE_TRUE:
            case VALUE_FALSE:
                return new YamlNode.Scalar(parser.getText(), YamlNode.Scalar.Type.BOOLEAN, at);
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return new YamlNode.Scalar(parser.getText(), YamlNode.Scalar.Type.NUMBER, at);
            default:
                // Jackson reads an empty value (`key:`) as "": both mean "nothing here".
                String text = parser.getText();
                checkNul(file, text, at, problems);
                return text == null || text.isEmpty()
                        ? new YamlNode.Scalar(null, YamlNode.Scalar.Type.NULL, at)
                        : new YamlNode.Scalar(text, YamlNode.Scalar.Type.TEXT, at);
        }
    }

    /** Nesting beyond {@link #MAX_DEPTH}, at the mapping or list that goes one level too deep. */
    private static final class TooDeep extends IOException {
        private final transient YamlNode.Mark at;

        TooDeep(YamlNode.Mark at) {
            super("nested too deep");
            this.at = at;
        }
    }

    private static void checkNul(Path file, String text, YamlNode.Mark at, List<Problem> problems) {
        if (text != null && text.indexOf('\0') >= 0) {
            problems.add(new Problem(file, at.line(), at.column(), "this value holds a NUL character (\\0), which no"
                    + " command, path or environment value can carry; remove it"));
        }
    }

    private static YamlNode.Mark mark(JsonLocation location) {
        return new YamlNode.Mark(location.getLineNr(), location.getColumnNr(), location.getCharOffset());
    }
}
