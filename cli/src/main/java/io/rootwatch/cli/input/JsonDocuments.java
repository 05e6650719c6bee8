package io.rootwatch.cli.input;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Parses bytes as one JSON document or as JSON Lines. The whole input is first read as a sequence
 * of JSON values, which covers a single document, JSON Lines and concatenated JSON alike. Only when
 * that fails, and the input looks line-oriented, is each line parsed on its own, so that one bad
 * line costs that line and not the file.
 */
final class JsonDocuments {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern START_MARKER = Pattern.compile("\\s*\\(start marker at \\[[^]]*]\\)");
    private static final int MAX_MESSAGE_LENGTH = 200;

    private JsonDocuments() {
    }

    static InputContents parse(String input, byte[] bytes) {
        List<JsonNode> values = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        try (JsonParser parser = MAPPER.createParser(bytes)) {
            while (parser.nextToken() != null) {
                lines.add(parser.currentTokenLocation().getLineNr());
                values.add(orJsonNull(parser.readValueAsTree()));
            }
        } catch (JsonProcessingException e) {
            return parseLineByLine(input, bytes).orElseGet(() -> InputContents.failed(
                    new Problem(input, lineOf(e), describe(e))));
        } catch (IOException e) {
            return InputContents.failed(Problem.in(input, "cannot parse: " + e.getMessage()));
        }
        if (values.isEmpty()) {
            return InputContents.failed(Problem.in(input, "empty: no JSON value"));
        }
        if (values.size() == 1) {
            return new InputContents(List.of(new Document(input, OptionalInt.empty(), values.getFirst())), List.of());
        }
        List<Document> documents = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            documents.add(new Document(input, OptionalInt.of(lines.get(i)), values.get(i)));
        }
        return new InputContents(documents, List.of());
    }

    /**
     * Reads each non-blank line as one value, if the input looks like JSON Lines: more than one
     * line, at least one of which is a whole object or array on its own. A truncated pretty-printed
     * document has no such line, and is better reported once, where the parser gave up.
     */
    private static Optional<InputContents> parseLineByLine(String input, byte[] bytes) {
        List<Document> documents = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        int lineNumber = 0;
        int nonBlankLines = 0;
        int start = 0;
        while (start <= bytes.length) {
            int end = indexOf(bytes, (byte) '\n', start);
            lineNumber++;
            byte[] line = Arrays.copyOfRange(bytes, start, end);
            if (!isBlank(line)) {
                nonBlankLines++;
                try {
                    documents.add(new Document(input, OptionalInt.of(lineNumber), parseSingleValue(line)));
                } catch (JsonProcessingException e) {
                    problems.add(new Problem(input, OptionalInt.of(lineNumber), describe(e)));
                } catch (IOException e) {
                    problems.add(new Problem(input, OptionalInt.of(lineNumber), "cannot parse: " + e.getMessage()));
                }
            }
            start = end + 1;
        }
        boolean lineOriented = nonBlankLines > 1 && documents.stream().anyMatch(d -> d.json().isContainerNode());
        return lineOriented ? Optional.of(new InputContents(documents, problems)) : Optional.empty();
    }

    private static JsonNode parseSingleValue(byte[] line) throws IOException {
        try (JsonParser parser = MAPPER.createParser(line)) {
            parser.nextToken();
            JsonNode value = parser.readValueAsTree();
            if (parser.nextToken() != null) {
                throw new JsonParseException(parser, "more than one JSON value on the line");
            }
            return orJsonNull(value);
        }
    }

    /** Jackson reads a literal {@code null} as no tree at all; it is a value like any other here. */
    private static JsonNode orJsonNull(JsonNode value) {
        return value == null ? NullNode.getInstance() : value;
    }

    private static int indexOf(byte[] bytes, byte wanted, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return bytes.length;
    }

    private static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private static OptionalInt lineOf(JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        return location == null || location.getLineNr() < 1 ? OptionalInt.empty() : OptionalInt.of(location.getLineNr());
    }

    /** Jackson's message, shortened to one line and without the parser's internal location text. */
    static String describe(JsonProcessingException e) {
        String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        message = START_MARKER.matcher(message.lines().findFirst().orElse("")).replaceAll("");
        if (message.length() > MAX_MESSAGE_LENGTH) {
            message = message.substring(0, MAX_MESSAGE_LENGTH) + "...";
        }
        JsonLocation location = e.getLocation();
        String column = location == null || location.getColumnNr() < 1 ? "" : " at column " + location.getColumnNr();
        // Jackson reports some ends of input (after a comma, say) as plain parse errors.
        boolean truncated = e instanceof JsonEOFException || message.startsWith("Unexpected end-of-input");
        String kind = truncated ? "truncated JSON" : "invalid JSON";
        return kind + column + ": " + message;
    }
}
