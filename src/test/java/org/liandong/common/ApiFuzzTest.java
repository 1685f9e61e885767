package org.liandong.common;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.liandong.support.Fixtures;

/**
 * Every endpoint in the OpenAPI document, every field of its body and every query and path
 * parameter, fed nulls, huge strings, wrong types and extreme numbers: no answer may be a 5xx.
 * Driven by {@code /q/openapi}, so an endpoint added later is fuzzed without touching this test.
 * Path ids point at nothing (999999999), so the fuzz never changes a real record; the request is
 * sent as the first demo account whose role may call the endpoint.
 *
 * <p>Tagged {@code fuzz}: the H2 pass runs it; CI's PostgreSQL pass leaves it out (two minutes) and
 * relies on {@code LongAndNullInputTest}, which runs on both, for the database-specific kinds it
 * found (NUL characters, over-long text).
 */
@Tag("fuzz")
@QuarkusTest
class ApiFuzzTest {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** Longer than any limit (the longest is 4,000), short enough to keep the run quick. */
    private static final String HUGE = "长".repeat(10_000);

    private static final List<String> USERS =
            List.of("coordinator", "admin", "chair", "city.drc", "applicant", "observer");
    /** Endpoints whose purpose is to end the caller's sign-in; fuzzing them proves nothing. */
    private static final Set<String> SKIP = Set.of("/api/logout");

    private final ObjectMapper mapper = new ObjectMapper();
    private JsonNode doc;
    private final List<String> failures = new ArrayList<>();
    /** One signed-in browser session per demo account: HTTP Basic would cost a bcrypt check per request. */
    private final Map<String, Map<String, String>> cookies = new java.util.HashMap<>();

    private int requests;
    private int refusedMidBody;

    @Test
    void noFieldOrParameterOfAnyEndpointMakesA5xx() throws Exception {
        doc = mapper.readTree(Fixtures.as("admin")
                .get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields();
        int operations = 0;
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (!path.getKey().startsWith("/api/") || SKIP.contains(path.getKey())) {
                continue;
            }
            Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields();
            while (ops.hasNext()) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (Set.of("get", "post", "put", "delete", "patch").contains(op.getKey())) {
                    fuzz(path.getKey(), op.getKey(), op.getValue());
                    operations++;
                }
            }
        }
        System.out.println("API-FUZZ " + operations + " operations, " + requests + " requests (" + refusedMidBody
                + " cut off by the server mid-body), " + failures.size() + " 5xx");
        assertTrue(operations > 40, "the OpenAPI document lists the API (" + operations + " operations)");
        assertTrue(failures.isEmpty(), "5xx answers:\n" + String.join("\n", failures));
    }

    private void fuzz(String template, String method, JsonNode op) {
        List<JsonNode> params = new ArrayList<>();
        op.path("parameters").forEach(params::add);
        Map<String, String> pathValues = new LinkedHashMap<>();
        params.stream()
                .filter(p -> "path".equals(p.path("in").asText()))
                .forEach(p -> pathValues.put(p.path("name").asText(), "999999999"));
        JsonNode bodySchema = null;
        String contentType = null;
        Iterator<Map.Entry<String, JsonNode>> contents =
                op.path("requestBody").path("content").fields();
        if (contents.hasNext()) {
            Map.Entry<String, JsonNode> c = contents.next();
            contentType = c.getKey();
            bodySchema = resolve(c.getValue().path("schema"));
        }
        JsonNode base = bodySchema == null ? null : sample(bodySchema, 0);
        String user = userFor(method, template, pathValues, contentType, base);

        // Path parameters: wrong types and extremes.
        for (String name : pathValues.keySet()) {
            for (String v : List.of("-1", "0", "abc", "9223372036854775808", "%00", HUGE.substring(0, 2000))) {
                Map<String, String> values = new LinkedHashMap<>(pathValues);
                values.put(name, v);
                send(user, method, template, values, Map.of(), contentType, base);
            }
        }
        // Query parameters, one at a time.
        for (JsonNode p : params) {
            if (!"query".equals(p.path("in").asText())) {
                continue;
            }
            for (String v :
                    List.of("XYZ", "-1", "99999999999999999999", "", "1e309", HUGE.substring(0, 4000), "2026-13-45")) {
                send(user, method, template, pathValues, Map.of(p.path("name").asText(), v), contentType, base);
            }
        }
        if (base == null) {
            send(user, method, template, pathValues, Map.of(), null, null);
            return;
        }
        // Whole bodies.
        for (String raw : List.of("null", "[]", "{", "\"x\"", "{\"a\":" + "[".repeat(3000) + "]".repeat(3000) + "}")) {
            sendRaw(user, method, template, pathValues, contentType, raw);
        }
        if (!contentType.contains("json")) {
            sendRaw(user, method, template, pathValues, contentType, HUGE);
            return;
        }
        // Every field of the body (nested objects and the first element of arrays), one mutation at a time.
        for (List<Object> field : fields(base, new ArrayList<>())) {
            for (JsonNode bad : mutations()) {
                JsonNode body = base.deepCopy();
                set(body, field, bad);
                send(user, method, template, pathValues, Map.of(), contentType, body);
            }
        }
    }

    private String userFor(
            String method, String template, Map<String, String> pathValues, String contentType, JsonNode base) {
        for (String u : USERS) {
            int status = send(u, method, template, pathValues, Map.of(), contentType, base);
            if (status != 401 && status != 403) {
                return u;
            }
        }
        return USERS.get(0);
    }

    private static List<JsonNode> mutations() {
        ArrayNode nulls = JSON.arrayNode();
        nulls.addNull();
        ObjectNode object = JSON.objectNode();
        object.put("x", 1);
        return List.of(
                JSON.nullNode(),
                JSON.textNode(HUGE),
                JSON.textNode(""),
                JSON.textNode("   "),
                JSON.textNode("\u0000\uFFFF\uD800"),
                JSON.numberNode(new java.math.BigInteger("99999999999999999999999999")),
                JSON.numberNode(-9223372036854775808L),
                JSON.numberNode(1e308),
                JSON.numberNode(-1),
                JSON.numberNode(0.0001),
                JSON.booleanNode(true),
                object,
                nulls,
                JSON.arrayNode());
    }

    private List<List<Object>> fields(JsonNode node, List<Object> at) {
        List<List<Object>> out = new ArrayList<>();
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(name -> {
                List<Object> p = new ArrayList<>(at);
                p.add(name);
                out.add(p);
                out.addAll(fields(node.get(name), p));
            });
        } else if (node.isArray() && !node.isEmpty()) {
            List<Object> p = new ArrayList<>(at);
            p.add(0);
            out.add(p);
            out.addAll(fields(node.get(0), p));
        }
        return out;
    }

    private static void set(JsonNode root, List<Object> path, JsonNode value) {
        JsonNode parent = root;
        for (int i = 0; i < path.size() - 1; i++) {
            Object k = path.get(i);
            parent = k instanceof Integer n ? parent.get(n) : parent.get((String) k);
        }
        Object last = path.get(path.size() - 1);
        if (last instanceof Integer n) {
            ((ArrayNode) parent).set(n, value);
        } else {
            ((ObjectNode) parent).set((String) last, value);
        }
    }

    private JsonNode resolve(JsonNode schema) {
        while (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            schema = doc.at(ref.substring(1));
        }
        if (schema.has("allOf") && schema.get("allOf").size() == 1) {
            return resolve(schema.get("allOf").get(0));
        }
        return schema;
    }

    /** A plausible value for a schema: what each mutation starts from. */
    private JsonNode sample(JsonNode schema, int depth) {
        schema = resolve(schema);
        if (schema.has("enum")) {
            return schema.get("enum").get(0);
        }
        String type = schema.path("type").asText("object");
        String format = schema.path("format").asText("");
        switch (type) {
            case "string":
                return JSON.textNode(
                        switch (format) {
                            case "date-time" -> "2026-12-01T01:00:00Z";
                            case "date" -> "2026-12-01";
                            case "duration" -> "PT1H";
                            default -> "fuzz";
                        });
            case "integer":
                return JSON.numberNode(1);
            case "number":
                return JSON.numberNode(1.5);
            case "boolean":
                return JSON.booleanNode(true);
            case "array": {
                ArrayNode a = JSON.arrayNode();
                if (depth < 4) {
                    a.add(sample(schema.path("items"), depth + 1));
                }
                return a;
            }
            default: {
                ObjectNode o = JSON.objectNode();
                if (depth < 4) {
                    schema.path("properties")
                            .fields()
                            .forEachRemaining(e -> o.set(e.getKey(), sample(e.getValue(), depth + 1)));
                }
                return o;
            }
        }
    }

    private int send(
            String user,
            String method,
            String template,
            Map<String, String> pathValues,
            Map<String, String> query,
            String contentType,
            JsonNode body) {
        RequestSpecification r = request(user, query);
        if (body != null && contentType != null) {
            r.contentType(contentType).body(body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return check(method, template, pathValues, query, r, body == null ? "" : body.toString());
    }

    private void sendRaw(
            String user,
            String method,
            String template,
            Map<String, String> pathValues,
            String contentType,
            String raw) {
        check(
                method,
                template,
                pathValues,
                Map.of(),
                request(user, Map.of())
                        .contentType(contentType)
                        .body(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                raw);
    }

    private RequestSpecification request(String user, Map<String, String> query) {
        Map<String, String> session = cookies.computeIfAbsent(
                user,
                u -> given().header("X-Requested-With", "XMLHttpRequest")
                        .formParam("j_username", u)
                        .formParam("j_password", Fixtures.PASSWORD)
                        .post("/j_security_check")
                        .then()
                        .statusCode(200)
                        .extract()
                        .cookies());
        RequestSpecification r = given().cookies(session)
                .header("X-Requested-With", "XMLHttpRequest")
                .config(io.restassured.RestAssured.config()
                        .httpClient(io.restassured.config.HttpClientConfig.httpClientConfig()
                                .setParam("http.socket.timeout", 120_000)
                                .setParam("http.connection.timeout", 10_000)));
        query.forEach(r::queryParam);
        return r;
    }

    private int check(
            String method,
            String template,
            Map<String, String> pathValues,
            Map<String, String> query,
            RequestSpecification r,
            String body) {
        pathValues.forEach(r::pathParam);
        String path = template + " " + pathValues;
        requests++;
        Response resp;
        try {
            resp = r.request(method.toUpperCase(), template);
        } catch (Exception e) { // RestAssured rethrows IOExceptions unchecked (Groovy)
            // The server answered (413, 401, 403) and closed before the whole body was sent: a refusal, not a 5xx.
            if (e instanceof java.io.IOException || e.getCause() instanceof java.io.IOException) {
                refusedMidBody++;
                return 400;
            }
            throw new IllegalStateException(e);
        }
        if (resp.statusCode() >= 500) {
            failures.add(resp.statusCode() + " " + method.toUpperCase() + " " + path + " "
                    + abbreviate(query.toString()) + " " + abbreviate(body) + " → " + abbreviate(resp.asString()));
        }
        return resp.statusCode();
    }

    private static String abbreviate(String s) {
        return s.length() > 160 ? s.substring(0, 160) + "…(" + s.length() + ")" : s;
    }
}
