package dev.libsqljpa.hrana.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.libsqljpa.hrana.v3.codec.HranaJson;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One row per non-200 answer the servers send (docs/architecture.md, HTTP statuses): reason and whether it may have run. */
class HttpErrorsTest {

    private static final HranaJson JSON = new HranaJson();

    @ParameterizedTest(name = "{0} {1} baton={3} -> {4}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '~',
            value = {
                "401 | application/json | {\"error\":\"Unauthorized: JWT expired\"}                                  | false | AUTH              | false",
                "403 | text/plain       | Forbidden                                                                | true  | AUTH              | false",
                "429 | application/json | {\"error\":\"Too many concurrent requests\"}                              | false | RATE_LIMITED      | false",
                "400 | application/json | {\"message\":\"The stream has expired due to inactivity\",\"code\":\"STREAM_EXPIRED\"} | true | STREAM_EXPIRED | false",
                "410 | application/json | {\"error\":\"expired\",\"code\":\"STREAM_EXPIRED\"}                       | true  | STREAM_EXPIRED    | false",
                "410 | application/json | {\"error\":\"lost\",\"code\":\"STREAM_LOST\"}                             | true  | STREAM_LOST       | false",
                "400 | text/plain       | Received an invalid baton                                                | true  | STREAM_LOST       | false",
                "400 | text/plain       | Received a baton that has already been used                              | true  | STREAM_LOST       | false",
                "404 | application/json | {\"error\":\"stream not found\",\"code\":\"STREAM_NOT_FOUND\"}            | true  | STREAM_LOST       | false",
                "404 | text/plain       | Not Found                                                                | true  | STREAM_LOST       | false",
                "404 | application/json | {\"error\":\"Namespace `tenant7` doesn't exist\"}                         | false | HTTP_STATUS       | false",
                "413 | application/json | {\"error\":\"payload too large\"}                                         | false | HTTP_STATUS       | false",
                "400 | text/plain       | Stream for this baton was closed                                         | true  | HTTP_STATUS       | true",
                "500 | text/plain       | Failed to parse pipeline request: unknown variant `close`                | false | HTTP_STATUS       | true",
                "500 | text/html        | <html><body><h1>Internal Server Error</h1></body></html>                  | true  | HTTP_STATUS       | true",
                "503 | application/json | {\"error\":\"Service Unavailable\"}                                       | false | HTTP_STATUS       | true",
            })
    void classifiesEveryKnownAnswer(
            int status,
            String contentType,
            String body,
            boolean carriedBaton,
            HranaException.Reason reason,
            boolean mayHaveBeenProcessed) {
        HranaException e = HttpErrors.fromStatus(
                answer(status, contentType, body),
                "http://db/v3/pipeline",
                carriedBaton,
                JSON,
                "tok-secret",
                "baton-secret");

        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.mayHaveBeenProcessed()).isEqualTo(mayHaveBeenProcessed);
        assertThat(e.httpStatus()).isEqualTo(status);
        assertThat(e.getMessage()).contains("HTTP " + status);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"message\":\"no such baton baton-secret\"} | no such baton <redacted>",
                "token tok-secret rejected                    | token <redacted> rejected",
            })
    void serverTextComesLastWithSecretsRemoved(String body, String expectedText) {
        HranaException e = HttpErrors.fromStatus(
                answer(400, "text/plain", body), "http://db/v3/pipeline", true, JSON, "tok-secret", "baton-secret");

        assertThat(e.getMessage()).endsWith(": " + expectedText).doesNotContain("secret");
    }

    private static HttpCall.Answer answer(int status, String contentType, String body) {
        HttpHeaders headers = HttpHeaders.of(Map.of("content-type", List.of(contentType)), (a, b) -> true);
        return new HttpCall.Answer(status, headers, body.getBytes(StandardCharsets.UTF_8));
    }
}
