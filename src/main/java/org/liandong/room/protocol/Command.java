package org.liandong.room.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import org.liandong.room.state.ErrorCode;

/**
 * Client → server messages of signaling protocol version {@value Message#VERSION}. {@link #decode}
 * checks every field, so that the room only ever sees well-formed commands.
 */
public sealed interface Command {

    int MAX_CHAT = 2000;

    /** offer, answer or candidate for one peer; {@code data} (raw JSON text) is relayed without being read. */
    record Relay(String kind, String to, String data) implements Command {}

    record Media(boolean mic, boolean camera, boolean screen) implements Command {}

    record Hand(boolean raised) implements Command {}

    record Chat(String text) implements Command {}

    record Admit(String peer) implements Command {}

    record Excuse(String peer) implements Command {}

    record Mute(String peer) implements Command {}

    record MuteAll() implements Command {}

    record Remove(String peer) implements Command {}

    record PassChair(String peer) implements Command {}

    record Floor(String peer) implements Command {}

    record Agenda(int step) implements Command {}

    record Start() implements Command {}

    record Leave() implements Command {}

    /** The presenter opens an accepted material version at a page (1-based) and zoom. */
    record DocOpen(long fileId, int page, double zoom) implements Command {}

    /** The presenter turns to {@code page}; {@code zoom} null keeps the current zoom. */
    record DocPage(int page, Double zoom) implements Command {}

    /** The presenter points at {@code rect} (normalised page coordinates), or clears the pointer with null. */
    record DocPointer(Message.Rect rect) implements Command {}

    record DocClose() implements Command {}

    /** The chair hands presenting to {@code peer}, or takes it back (null). */
    record Present(String peer) implements Command {}

    /** Highest page number accepted; real documents stay far below it. */
    int MAX_PAGE = 100_000;

    double MIN_ZOOM = 0.25;
    double MAX_ZOOM = 5;

    /** A message the room refuses before it reaches any rule. */
    final class Invalid extends RuntimeException {
        private final ErrorCode code;

        public Invalid(ErrorCode code, String message) {
            super(message, null, false, false);
            this.code = code;
        }

        public ErrorCode code() {
            return code;
        }
    }

    /**
     * The hot path: an offer, answer or candidate is scanned without building a tree, and its
     * {@code data} is cut out of the text as it is. Returns null for anything else (or anything
     * unusual), which then goes through {@link #decode} and its precise errors.
     */
    static Relay scanRelay(JsonFactory factory, String text) {
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
            return new Relay(type, to, data);
        } catch (java.io.IOException malformed) {
            return null;
        }
    }

    static Command decode(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new Invalid(ErrorCode.BAD_JSON, "a message is one JSON object");
        }
        JsonNode v = json.get("v");
        if (v != null && !(v.isInt() && v.intValue() == Message.VERSION)) {
            throw new Invalid(ErrorCode.UNSUPPORTED_VERSION, "v: this server speaks version " + Message.VERSION);
        }
        String type = text(json, "type");
        return switch (type) {
            case "offer", "answer", "candidate" -> {
                JsonNode data = json.get("data");
                if (data == null || !data.isObject()) {
                    throw new Invalid(ErrorCode.BAD_FIELD, "data: required object");
                }
                yield new Relay(type, text(json, "to"), data.toString());
            }
            case "media" -> new Media(bool(json, "mic"), bool(json, "camera"), bool(json, "screen"));
            case "hand" -> new Hand(bool(json, "raised"));
            case "chat" -> {
                String text = text(json, "text").strip();
                if (text.isEmpty() || text.length() > MAX_CHAT) {
                    throw new Invalid(ErrorCode.BAD_FIELD, "text: 1 to " + MAX_CHAT + " characters");
                }
                yield new Chat(text);
            }
            case "admit" -> new Admit(text(json, "peer"));
            case "excuse" -> new Excuse(text(json, "peer"));
            case "mute" -> new Mute(text(json, "peer"));
            case "mute-all" -> new MuteAll();
            case "remove" -> new Remove(text(json, "peer"));
            case "pass-chair" -> new PassChair(text(json, "peer"));
            case "floor" -> new Floor(text(json, "peer"));
            case "agenda" -> {
                JsonNode step = json.get("step");
                if (step == null || !step.canConvertToInt() || !step.isIntegralNumber() || step.intValue() < 0) {
                    throw new Invalid(ErrorCode.BAD_FIELD, "step: a whole number ≥ 0");
                }
                yield new Agenda(step.intValue());
            }
            case "start" -> new Start();
            case "leave" -> new Leave();
            case "doc-open" ->
                new DocOpen(fileId(json), json.has("page") ? page(json) : 1, json.has("zoom") ? zoom(json) : 1);
            case "doc-page" -> new DocPage(page(json), json.has("zoom") ? zoom(json) : null);
            case "doc-pointer" -> new DocPointer(rect(json));
            case "doc-close" -> new DocClose();
            case "present" -> {
                JsonNode peer = json.get("peer");
                yield new Present(peer == null || peer.isNull() ? null : text(json, "peer"));
            }
            default -> throw new Invalid(ErrorCode.UNKNOWN_TYPE, "type: unknown message type '" + type + "'");
        };
    }

    private static String text(JsonNode json, String field) {
        JsonNode node = json.get(field);
        if (node == null || !node.isTextual() || node.textValue().isBlank()) {
            throw new Invalid(ErrorCode.BAD_FIELD, field + ": required text");
        }
        return node.textValue();
    }

    private static long fileId(JsonNode json) {
        JsonNode id = json.get("fileId");
        if (id == null || !id.isIntegralNumber() || !id.canConvertToLong() || id.longValue() < 1) {
            throw new Invalid(ErrorCode.BAD_FIELD, "fileId: a material file id (whole number ≥ 1)");
        }
        return id.longValue();
    }

    private static int page(JsonNode json) {
        JsonNode page = json.get("page");
        if (page == null
                || !page.isIntegralNumber()
                || !page.canConvertToInt()
                || page.intValue() < 1
                || page.intValue() > MAX_PAGE) {
            throw new Invalid(ErrorCode.BAD_FIELD, "page: a whole number from 1 to " + MAX_PAGE);
        }
        return page.intValue();
    }

    private static double zoom(JsonNode json) {
        JsonNode zoom = json.get("zoom");
        if (zoom == null || !zoom.isNumber() || !(zoom.doubleValue() >= MIN_ZOOM && zoom.doubleValue() <= MAX_ZOOM)) {
            throw new Invalid(ErrorCode.BAD_FIELD, "zoom: a number from " + MIN_ZOOM + " to " + MAX_ZOOM);
        }
        return zoom.doubleValue();
    }

    /** A pointer rectangle inside the page: x, y, w, h fractions of the page, w and h above 0. */
    private static Message.Rect rect(JsonNode json) {
        JsonNode rect = json.get("rect");
        if (rect == null || rect.isNull()) {
            return null;
        }
        if (!rect.isObject()) {
            throw new Invalid(ErrorCode.BAD_FIELD, "rect: an object {x, y, w, h} or null");
        }
        double[] v = new double[4];
        String[] names = {"x", "y", "w", "h"};
        for (int i = 0; i < 4; i++) {
            JsonNode n = rect.get(names[i]);
            if (n == null || !n.isNumber() || !(n.doubleValue() >= 0 && n.doubleValue() <= 1)) {
                throw new Invalid(ErrorCode.BAD_FIELD, "rect." + names[i] + ": a number from 0 to 1");
            }
            v[i] = n.doubleValue();
        }
        if (v[2] <= 0 || v[3] <= 0 || v[0] + v[2] > 1 + 1e-9 || v[1] + v[3] > 1 + 1e-9) {
            throw new Invalid(ErrorCode.BAD_FIELD, "rect: w and h above 0, and the rectangle inside the page");
        }
        return new Message.Rect(v[0], v[1], v[2], v[3]);
    }

    private static boolean bool(JsonNode json, String field) {
        JsonNode node = json.get(field);
        if (node == null || !node.isBoolean()) {
            throw new Invalid(ErrorCode.BAD_FIELD, field + ": required true or false");
        }
        return node.booleanValue();
    }
}
