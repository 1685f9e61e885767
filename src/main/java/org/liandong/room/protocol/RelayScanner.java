package org.liandong.room.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * The relay hot path without a JSON parser: reads {@code type}, {@code to} and {@code v} of an
 * offer, answer or candidate as they stand in the text and cuts {@code data} out in place, with no
 * parser, token or buffer objects. Only {@code data} is walked beyond that, by an
 * allocation-free RFC 8259 check: it is copied into the relayed message as raw JSON, so it must be
 * exactly one well-formed object, or a sender could close it early and add fields of its own
 * (a second {@code from}, another {@code type}) to what its peer receives.
 *
 * <p>It only ever says yes or "not sure": anything it does not take in its stride (escapes in a
 * field name, {@code type} or {@code to}, unknown or repeated fields, deep nesting, long numbers,
 * any malformed JSON) returns null and goes through Jackson ({@link Command#scanRelay}'s slow path
 * and then {@link Command#decode} with its precise errors). So what it accepts is what Jackson
 * accepts, with the same result; {@code RelayScannerTest} holds the two side by side.
 */
final class RelayScanner {

    /** Deeper or longer than this is left to Jackson (its own limits: depth 1000, numbers 1000 digits). */
    private static final int MAX_DEPTH = 64;

    private static final int MAX_NUMBER = 100;

    private final String s;
    private final int n;
    private int i;

    private RelayScanner(String text) {
        this.s = text;
        this.n = text.length();
    }

    /** The relay, or null for "not sure": let the full parser decide. */
    static Command.Relay scan(String text) {
        return new RelayScanner(text).relay();
    }

    /** The same with Jackson's streaming parser: where {@link #scan} is not sure, and its reference in tests. */
    static Command.Relay withParser(JsonFactory factory, String text) {
        try (JsonParser p = factory.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String type = null;
            String to = null;
            String data = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "type" -> type = value == JsonToken.VALUE_STRING ? p.getText() : null;
                    case "to" -> to = value == JsonToken.VALUE_STRING ? p.getText() : null;
                    case "v" -> {
                        if (value != JsonToken.VALUE_NUMBER_INT || p.getIntValue() != Message.VERSION) {
                            return null;
                        }
                    }
                    case "data" -> {
                        if (value != JsonToken.START_OBJECT) {
                            return null;
                        }
                        int start = (int) p.currentTokenLocation().getCharOffset();
                        p.skipChildren();
                        data = text.substring(start, (int) p.currentLocation().getCharOffset());
                    }
                    default -> p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT
                    || p.nextToken() != null
                    || to == null
                    || to.isBlank()
                    || data == null
                    || !("offer".equals(type) || "answer".equals(type) || "candidate".equals(type))) {
                return null;
            }
            return new Command.Relay(type, to, data);
        } catch (java.io.IOException malformed) {
            return null;
        }
    }

    private Command.Relay relay() {
        ws();
        if (!eat('{')) {
            return null;
        }
        String type = null;
        String to = null;
        String data = null;
        boolean version = false;
        ws();
        if (i < n && s.charAt(i) == '}') {
            return null;
        }
        while (true) {
            ws();
            String field = plainString();
            if (field == null) {
                return null;
            }
            ws();
            if (!eat(':')) {
                return null;
            }
            ws();
            switch (field) {
                case "type" -> {
                    if (type != null || (type = plainString()) == null) {
                        return null;
                    }
                }
                case "to" -> {
                    if (to != null || (to = plainString()) == null) {
                        return null;
                    }
                }
                case "v" -> {
                    // Only the one version this server speaks, written plainly; anything else is Jackson's call.
                    String v = Integer.toString(Message.VERSION);
                    int end = i + v.length();
                    if (version || end >= n || !s.startsWith(v, i) || digitOrNumberPart(s.charAt(end))) {
                        return null;
                    }
                    version = true;
                    i = end;
                }
                case "data" -> {
                    if (data != null || i >= n || s.charAt(i) != '{') {
                        return null;
                    }
                    int start = i;
                    if (!value(0)) {
                        return null;
                    }
                    data = s.substring(start, i);
                }
                default -> {
                    return null;
                }
            }
            ws();
            if (eat(',')) {
                continue;
            }
            if (!eat('}')) {
                return null;
            }
            break;
        }
        ws();
        if (i != n
                || to == null
                || to.isBlank()
                || data == null
                || !("offer".equals(type) || "answer".equals(type) || "candidate".equals(type))) {
            return null;
        }
        return new Command.Relay(type, to, data);
    }

    private static boolean digitOrNumberPart(char c) {
        return (c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E';
    }

    private void ws() {
        while (i < n) {
            char c = s.charAt(i);
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return;
            }
            i++;
        }
    }

    private boolean eat(char c) {
        if (i < n && s.charAt(i) == c) {
            i++;
            return true;
        }
        return false;
    }

    /** A string without escapes or control characters, as its value; null otherwise. */
    private String plainString() {
        if (!eat('"')) {
            return null;
        }
        int start = i;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '"') {
                return s.substring(start, i++);
            }
            if (c == '\\' || c < 0x20) {
                return null;
            }
            i++;
        }
        return null;
    }

    // ---- RFC 8259 §2-7, validation only --------------------------------------------------------

    private boolean value(int depth) {
        if (i >= n) {
            return false;
        }
        char c = s.charAt(i);
        return switch (c) {
            case '{' -> object(depth + 1);
            case '[' -> array(depth + 1);
            case '"' -> string();
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> number();
        };
    }

    private boolean object(int depth) {
        if (depth > MAX_DEPTH) {
            return false;
        }
        i++;
        ws();
        if (eat('}')) {
            return true;
        }
        while (true) {
            ws();
            if (i >= n || s.charAt(i) != '"' || !string()) {
                return false;
            }
            ws();
            if (!eat(':')) {
                return false;
            }
            ws();
            if (!value(depth)) {
                return false;
            }
            ws();
            if (eat('}')) {
                return true;
            }
            if (!eat(',')) {
                return false;
            }
        }
    }

    private boolean array(int depth) {
        if (depth > MAX_DEPTH) {
            return false;
        }
        i++;
        ws();
        if (eat(']')) {
            return true;
        }
        while (true) {
            ws();
            if (!value(depth)) {
                return false;
            }
            ws();
            if (eat(']')) {
                return true;
            }
            if (!eat(',')) {
                return false;
            }
        }
    }

    private boolean string() {
        i++; // opening quote
        while (i < n) {
            char c = s.charAt(i++);
            if (c == '"') {
                return true;
            }
            if (c < 0x20) {
                return false;
            }
            if (c == '\\') {
                if (i >= n) {
                    return false;
                }
                char e = s.charAt(i++);
                switch (e) {
                    case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {}
                    case 'u' -> {
                        if (i + 4 > n) {
                            return false;
                        }
                        for (int k = 0; k < 4; k++) {
                            if (Character.digit(s.charAt(i++), 16) < 0) {
                                return false;
                            }
                        }
                    }
                    default -> {
                        return false;
                    }
                }
            }
        }
        return false;
    }

    private boolean literal(String word) {
        if (!s.startsWith(word, i)) {
            return false;
        }
        i += word.length();
        return i >= n || !Character.isLetterOrDigit(s.charAt(i));
    }

    /** -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
    private boolean number() {
        int start = i;
        eat('-');
        if (i >= n) {
            return false;
        }
        if (s.charAt(i) == '0') {
            i++;
        } else if (!digits()) {
            return false;
        }
        if (eat('.') && !digits()) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (!eat('+')) {
                eat('-');
            }
            if (!digits()) {
                return false;
            }
        }
        // "01", "1x": what follows a number must end it (Jackson refuses both).
        return i - start <= MAX_NUMBER && (i >= n || !Character.isLetterOrDigit(s.charAt(i)) && s.charAt(i) != '.');
    }

    private boolean digits() {
        int start = i;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i > start;
    }
}
