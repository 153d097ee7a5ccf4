package dev.libsqljpa.testkit.tursodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Raw Hrana requests for the tursodb tests (tursodb answers {@code execute} and {@code batch} only). */
final class TursoDb {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private TursoDb() {}

    /** Executes one statement (no arguments) and returns the {@code result} object of its response. */
    static JsonNode execute(String url, String sql) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(JSON.createObjectNode()
                .set(
                        "requests",
                        JSON.createArrayNode()
                                .add(JSON.createObjectNode()
                                        .put("type", "execute")
                                        .set("stmt", JSON.createObjectNode().put("sql", sql)))));
        HttpResponse<String> response = post(url, body);
        if (response.statusCode() != 200) {
            throw new AssertionError("HTTP " + response.statusCode() + " for " + sql + ": " + response.body());
        }
        JsonNode result = JSON.readTree(response.body()).path("results").path(0);
        if (!"ok".equals(result.path("type").asText())) {
            throw new AssertionError("statement failed: " + sql + ": " + result);
        }
        return result.path("response").path("result");
    }

    static HttpResponse<String> post(String url, String body) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url + "/v2/pipeline"))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The single value of a one-row, one-column result, as Hrana JSON ({@code {"type":..,"value":..}}). */
    static JsonNode singleValue(JsonNode result) {
        return result.path("rows").path(0).path(0);
    }
}
