package dev.libsqljpa.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Raw JSON over the JDK HttpClient, for protocol tests: what a client puts on the wire, nothing more. */
final class RawHrana {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final String baseUrl;
    private final String token;

    RawHrana(String baseUrl) {
        this(baseUrl, null);
    }

    RawHrana(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    RawHrana withToken(String newToken) {
        return new RawHrana(baseUrl, newToken);
    }

    /** An HTTP answer. {@code json} is null when the body is not JSON. */
    record Response(int status, String contentType, String body, JsonNode json, HttpHeaders headers) {
        JsonNode result(int i) {
            return json.get("results").get(i);
        }

        /** {@code results[i].response.result} of an ok result. */
        JsonNode ok(int i) {
            JsonNode r = result(i);
            if (!"ok".equals(r.get("type").asText())) {
                throw new AssertionError("result " + i + " is not ok: " + r);
            }
            return r.get("response").get("result");
        }

        JsonNode error(int i) {
            JsonNode r = result(i);
            if (!"error".equals(r.get("type").asText())) {
                throw new AssertionError("result " + i + " is not an error: " + r);
            }
            return r.get("error");
        }

        String baton() {
            JsonNode baton = json.get("baton");
            return baton == null || baton.isNull() ? null : baton.asText();
        }
    }

    Response get(String path) {
        return send(request(path).GET().build());
    }

    Response post(String path, String body) {
        return send(
                request(path).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    Response postWithHeader(String path, String body, String header, String value) {
        return send(request(path)
                .header(header, value)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    Response pipeline(String version, String baton, JsonNode... requests) {
        return post("/" + version + "/pipeline", pipelineBody(baton, requests));
    }

    Response v3(String baton, JsonNode... requests) {
        return pipeline("v3", baton, requests);
    }

    Response v2(String baton, JsonNode... requests) {
        return pipeline("v2", baton, requests);
    }

    CompletableFuture<Response> v3Async(String baton, JsonNode... requests) {
        HttpRequest request = request("/v3/pipeline")
                .POST(HttpRequest.BodyPublishers.ofString(pipelineBody(baton, requests)))
                .build();
        return CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(RawHrana::toResponse);
    }

    static String pipelineBody(String baton, JsonNode... requests) {
        ObjectNode body = F.objectNode();
        if (baton == null) {
            body.putNull("baton");
        } else {
            body.put("baton", baton);
        }
        ArrayNode list = body.putArray("requests");
        for (JsonNode request : requests) {
            list.add(request);
        }
        return body.toString();
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private static Response send(HttpRequest request) {
        try {
            return toResponse(CLIENT.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Response toResponse(HttpResponse<String> response) {
        String body = response.body();
        JsonNode json;
        try {
            json = body.isEmpty() ? null : MAPPER.readTree(body.getBytes(StandardCharsets.UTF_8));
        } catch (IOException notJson) {
            json = null;
        }
        return new Response(
                response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(""),
                body,
                json,
                response.headers());
    }

    // ------------------------------------------------------------------ request builders

    static ObjectNode execute(String sql, JsonNode... args) {
        return execute(stmt(sql, args));
    }

    static ObjectNode execute(ObjectNode stmt) {
        ObjectNode request = F.objectNode().put("type", "execute");
        request.set("stmt", stmt);
        return request;
    }

    static ObjectNode stmt(String sql, JsonNode... args) {
        ObjectNode stmt = F.objectNode().put("sql", sql);
        if (args.length > 0) {
            ArrayNode list = stmt.putArray("args");
            for (JsonNode arg : args) {
                list.add(arg);
            }
        }
        return stmt;
    }

    static ObjectNode named(String sql, Object... nameValuePairs) {
        ObjectNode stmt = F.objectNode().put("sql", sql);
        ArrayNode list = stmt.putArray("named_args");
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            ObjectNode arg = list.addObject().put("name", (String) nameValuePairs[i]);
            arg.set("value", (JsonNode) nameValuePairs[i + 1]);
        }
        return stmt;
    }

    static ObjectNode integer(long value) {
        return F.objectNode().put("type", "integer").put("value", Long.toString(value));
    }

    static ObjectNode text(String value) {
        return F.objectNode().put("type", "text").put("value", value);
    }

    static ObjectNode floatValue(double value) {
        return F.objectNode().put("type", "float").put("value", value);
    }

    static ObjectNode blob(String base64) {
        return F.objectNode().put("type", "blob").put("base64", base64);
    }

    static ObjectNode nullValue() {
        return F.objectNode().put("type", "null");
    }

    static ObjectNode simple(String type) {
        return F.objectNode().put("type", type);
    }

    static ObjectNode close() {
        return simple("close");
    }

    static ObjectNode batch(ObjectNode... steps) {
        ObjectNode request = F.objectNode().put("type", "batch");
        ArrayNode list = request.putObject("batch").putArray("steps");
        for (ObjectNode step : steps) {
            list.add(step);
        }
        return request;
    }

    static ObjectNode step(String sql) {
        ObjectNode step = F.objectNode();
        step.set("stmt", stmt(sql));
        return step;
    }

    static ObjectNode step(JsonNode condition, String sql) {
        ObjectNode step = step(sql);
        step.set("condition", condition);
        return step;
    }

    static ObjectNode ok(int step) {
        return F.objectNode().put("type", "ok").put("step", step);
    }

    static ObjectNode error(int step) {
        return F.objectNode().put("type", "error").put("step", step);
    }

    static ObjectNode not(JsonNode cond) {
        ObjectNode node = F.objectNode().put("type", "not");
        node.set("cond", cond);
        return node;
    }

    static ObjectNode and(JsonNode... conds) {
        ObjectNode node = F.objectNode().put("type", "and");
        ArrayNode list = node.putArray("conds");
        for (JsonNode cond : conds) {
            list.add(cond);
        }
        return node;
    }

    static ObjectNode or(JsonNode... conds) {
        ObjectNode node = F.objectNode().put("type", "or");
        ArrayNode list = node.putArray("conds");
        for (JsonNode cond : conds) {
            list.add(cond);
        }
        return node;
    }

    static ObjectNode sequence(String sql) {
        return F.objectNode().put("type", "sequence").put("sql", sql);
    }

    static ObjectNode describe(String sql) {
        return F.objectNode().put("type", "describe").put("sql", sql);
    }

    static ObjectNode storeSql(int id, String sql) {
        return F.objectNode().put("type", "store_sql").put("sql_id", id).put("sql", sql);
    }

    static ObjectNode closeSql(int id) {
        return F.objectNode().put("type", "close_sql").put("sql_id", id);
    }

    /** Single-column query result as text values, for asserting database state. */
    List<String> column(String sql) {
        Response response = v3(null, execute(sql), close());
        if (response.status() != 200) {
            throw new AssertionError("query failed: " + response.body());
        }
        List<String> values = new ArrayList<>();
        for (JsonNode row : response.ok(0).get("rows")) {
            JsonNode value = row.get(0);
            values.add(value.hasNonNull("value") ? value.get("value").asText() : null);
        }
        return values;
    }
}
