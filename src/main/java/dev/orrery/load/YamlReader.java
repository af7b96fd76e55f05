package dev.orrery.load;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

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
    private static final YAMLFactory FACTORY = YAMLFactory.builder().build();

    /** The tree of the first document (empty when the file holds no document), or the syntax problem. */
    record Parsed(Optional<YamlNode> root, List<Problem> problems) {
    }

    private YamlReader() {
    }

    static Parsed parse(Path file, String text) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return new Parsed(Optional.empty(), List.of());
            }
            YamlNode root = readValue(parser);
            List<Problem> problems = new ArrayList<>();
            if (parser.nextToken() != null) {
                YamlNode.Mark at = mark(parser.currentTokenLocation());
                problems.add(new Problem(file, at.line(), at.column(),
                        "this file holds a second YAML document (after '---'); Orrery reads one document per file:"
                                + " move it to a file of its own"));
            }
            return new Parsed(Optional.of(root), problems);
        } catch (JsonProcessingException e) {
            return new Parsed(Optional.empty(), List.of(syntaxProblem(file, e)));
        } catch (IOException e) {
            return new Parsed(Optional.empty(), List.of(new Problem(file, 1, 1,
                    "cannot read this file: " + e.getMessage())));
        }
    }

    /** The snakeyaml cause knows the exact problem and its place; Jackson's own message is the context. */
    private static Problem syntaxProblem(Path file, JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            Mark at = marked.getProblemMark();
            String context = marked.getContext() == null || marked.getContextMark() == null ? ""
                    : " (" + marked.getContext() + " that starts at line " + (marked.getContextMark().getLine() + 1)
                    + ", column " + (marked.getContextMark().getColumn() + 1) + ")";
            return new Problem(file, at.getLine() + 1, at.getColumn() + 1, "YAML syntax error: "
                    + marked.getProblem() + context + "; check the indentation and quoting here");
        }
        JsonLocation at = e.getLocation();
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

    /** Reads the value whose first token is the current token; leaves the parser on its last token. */
    private static YamlNode readValue(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        YamlNode.Mark at = mark(parser.currentTokenLocation());
        switch (token) {
            case START_OBJECT: {
                List<YamlNode.Entry> entries = new ArrayList<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    YamlNode.Mark keyMark = mark(parser.currentTokenLocation());
                    parser.nextToken();
                    entries.add(new YamlNode.Entry(key, keyMark, readValue(parser)));
                }
                return new YamlNode.Mapping(entries, at, mark(parser.currentTokenLocation()));
            }
            case START_ARRAY: {
                List<YamlNode> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(readValue(parser));
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
                return text == null || text.isEmpty()
                        ? new YamlNode.Scalar(null, YamlNode.Scalar.Type.NULL, at)
                        : new YamlNode.Scalar(text, YamlNode.Scalar.Type.TEXT, at);
        }
    }

    private static YamlNode.Mark mark(JsonLocation location) {
        return new YamlNode.Mark(location.getLineNr(), location.getColumnNr(), location.getCharOffset());
    }
}
