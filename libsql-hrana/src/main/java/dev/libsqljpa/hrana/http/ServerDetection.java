package dev.libsqljpa.hrana.http;

import dev.libsqljpa.hrana.v3.codec.HranaCodecException;
import dev.libsqljpa.hrana.v3.codec.HranaJson;
import dev.libsqljpa.hrana.v3.proto.CloseStreamReq;
import dev.libsqljpa.hrana.v3.proto.ExecuteStreamReq;
import dev.libsqljpa.hrana.v3.proto.HranaError;
import dev.libsqljpa.hrana.v3.proto.PipelineRequest;
import dev.libsqljpa.hrana.v3.proto.PipelineResponse;
import dev.libsqljpa.hrana.v3.proto.Stmt;
import dev.libsqljpa.hrana.v3.proto.StreamRequest;
import dev.libsqljpa.hrana.v3.proto.StreamResponse;
import dev.libsqljpa.hrana.v3.proto.StreamResult;
import dev.libsqljpa.hrana.v3.proto.Value;
import java.net.URI;
import java.util.List;

/**
 * One detection of the server family behind a base URL, asking the SQLite version on the way (see
 * {@link HranaEndpoint} for the rules). Sends at most three requests: the Hrana 3 probe, the Hrana 2
 * probe, and the {@code close} of the stream a Hrana 2 server opened for the second probe.
 */
final class ServerDetection {

    /** The statement every probe runs: cheap, read-only, and its answer is what JDBC metadata reports. */
    static final String VERSION_SQL = "select sqlite_version()";

    private static final ExecuteStreamReq VERSION = new ExecuteStreamReq(Stmt.of(VERSION_SQL));
    private static final List<StreamRequest> V3_PROBE = List.of(VERSION, new CloseStreamReq());
    /** tursodb answers 404 to {@code /v3} and a 500 to any {@code close}: its probe is the bare execute. */
    private static final List<StreamRequest> V2_PROBE = List.of(VERSION);

    private static final List<StreamRequest> CLOSE = List.of(new CloseStreamReq());

    /** What a detection learned: the family, and the SQLite version when the probe's statement answered. */
    record Detected(ServerKind kind, String version) {}

    /** Posts a JSON body with the endpoint's headers and retry rules; returns the answer of any status. */
    interface Poster {
        HttpCall.Answer post(URI uri, byte[] body, Deadline deadline, boolean carriesBaton) throws HranaException;
    }

    private final URI baseUri;
    private final String authToken;
    private final HranaJson json;
    private final Poster poster;

    ServerDetection(URI baseUri, String authToken, HranaJson json, Poster poster) {
        this.baseUri = baseUri;
        this.authToken = authToken;
        this.json = json;
        this.poster = poster;
    }

    /**
     * Posts a probe, and posts it once more if the connection broke before an answer ({@code IO}): a probe only
     * reads, so a resend is harmless, and a server that is still starting often accepts a connection and closes
     * it unanswered (the JDK client resends an idempotent GET in that case by itself, never a POST). The resend's
     * own failure is the one reported: a refused connection then, which callers may wait out.
     */
    private HttpCall.Answer probe(URI uri, byte[] body, Deadline deadline) throws HranaException {
        try {
            return poster.post(uri, body, deadline, false);
        } catch (HranaException e) {
            if (e.reason() != HranaException.Reason.IO || deadline.passed()) {
                throw e;
            }
            return poster.post(uri, body, deadline, false);
        }
    }

    Detected run(Deadline deadline) throws HranaException {
        URI v3Uri = pipelineUri(ServerKind.FULL_V3);
        HttpCall.Answer v3 = probe(v3Uri, encode(null, V3_PROBE), deadline);
        if (is2xx(v3.status())) {
            return new Detected(ServerKind.FULL_V3, version(decode(v3, v3Uri, V3_PROBE.size())));
        }
        failOnAuth(v3, v3Uri);
        URI v2Uri = pipelineUri(ServerKind.FULL_V2);
        HttpCall.Answer v2 = probe(v2Uri, encode(null, V2_PROBE), deadline);
        if (is2xx(v2.status())) {
            PipelineResponse response = decode(v2, v2Uri, V2_PROBE.size());
            String version = version(response);
            if (response.baton() == null) {
                return new Detected(ServerKind.MINIMAL, version);
            }
            closeQuietly(response, deadline);
            return new Detected(ServerKind.FULL_V2, version);
        }
        failOnAuth(v2, v2Uri);
        throw cannotTell(v3, v2);
    }

    private byte[] encode(String baton, List<StreamRequest> requests) {
        return json.encodeRequest(new PipelineRequest(baton, requests));
    }

    /**
     * Ends the stream a Hrana 2 server opened for the probe. A failure is ignored: the family is known,
     * and the server ends an idle stream on its own. The close goes to the endpoint's own URL, never to
     * a {@code base_url} of the answer (that one is checked only for real streams, and the probe's
     * stream is not worth following anywhere).
     */
    private void closeQuietly(PipelineResponse opened, Deadline deadline) {
        try {
            poster.post(pipelineUri(ServerKind.FULL_V2), encode(opened.baton(), CLOSE), deadline, true);
        } catch (HranaException e) {
            // Nothing to do: see above.
        }
    }

    private PipelineResponse decode(HttpCall.Answer answer, URI uri, int requests) throws HranaException {
        String where = HttpCall.redact(uri);
        PipelineResponse response;
        try {
            response = json.decodeResponse(answer.bodyStream());
        } catch (HranaCodecException e) {
            throw malformed(
                    "The answer from " + where + " to the server detection is not valid Hrana JSON (HTTP "
                            + answer.status() + "): " + HttpErrors.scrub(e.getMessage(), authToken),
                    answer.status(),
                    e);
        }
        if (response.results().size() != requests) {
            throw malformed(
                    "The answer from " + where + " to the server detection has "
                            + response.results().size() + " results for " + requests + " requests (HTTP "
                            + answer.status() + ")",
                    answer.status(),
                    null);
        }
        return response;
    }

    private static HranaException malformed(String message, int status, Throwable cause) {
        // The probe only reads, but the server did run it.
        return new HranaException(HranaException.Reason.MALFORMED_RESPONSE, message, status, null, true, null, cause);
    }

    /** The text of the first row's first value of the probe's execute, or null if it failed. */
    private static String version(PipelineResponse response) {
        if (response.results().get(0) instanceof StreamResult.Ok ok
                && ok.response() instanceof StreamResponse.Execute execute
                && !execute.result().rows().isEmpty()
                && !execute.result().rows().get(0).isEmpty()
                && execute.result().rows().get(0).get(0) instanceof Value.TextValue text
                && !text.value().isBlank()) {
            return text.value();
        }
        return null;
    }

    private void failOnAuth(HttpCall.Answer answer, URI uri) throws HranaException {
        if (answer.status() == 401 || answer.status() == 403) {
            throw HttpErrors.fromStatus(answer, HttpCall.redact(uri), false, json, authToken);
        }
    }

    private HranaException cannotTell(HttpCall.Answer v3, HttpCall.Answer v2) {
        HttpCall.Answer last = v2.status() == 404 ? v3 : v2;
        HranaError serverError = json.decodeErrorBodyOrNull(last.body());
        String text = HttpErrors.scrub(
                serverError != null
                        ? serverError.message()
                        : HttpErrors.plainText(
                                last.body(),
                                last.headers().firstValue("content-type").orElse("")),
                authToken);
        HranaException.Reason reason =
                last.status() == 429 ? HranaException.Reason.RATE_LIMITED : HranaException.Reason.HTTP_STATUS;
        String hint = v3.status() == 404 && v2.status() == 404
                ? " (no Hrana pipeline there: wrong URL or unknown" + " database)"
                : "";
        return new HranaException(
                reason,
                "Cannot tell which Hrana server runs at " + HttpCall.redact(baseUri) + ": POST "
                        + ServerKind.FULL_V3.pipelinePath() + " answered HTTP " + v3.status() + " and POST "
                        + ServerKind.FULL_V2.pipelinePath() + " answered HTTP " + v2.status() + hint
                        + (text.isEmpty() ? "" : ": " + text),
                last.status(),
                serverError,
                false,
                HttpErrors.retryAfterSeconds(last).orElse(null),
                null);
    }

    private URI pipelineUri(ServerKind kind) {
        return URI.create(baseUri + kind.pipelinePath());
    }

    private static boolean is2xx(int status) {
        return status >= 200 && status < 300;
    }
}
