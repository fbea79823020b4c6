package io.handraiser.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Body size, header size, URI length and path sanity: refused at the gateway with problem+json, never forwarded. */
class LimitsTest extends GatewayTestBase {

    private static final String ADMIN = Tokens.valid("limits-admin", "admin");

    @Test
    void bodyOverTheDefaultLimitIsRefusedBeforeTheService() {
        HttpResponse<String> response = gateway().send("POST", "/api/contacts", ADMIN, Map.of(), json(2 * 1024));

        assertProblem(response.statusCode(), response.body(), 413, "accepts at most 1024");
        assertThat(CONTACT.received()).isEmpty();
    }

    @Test
    void bodyWithoutDeclaredLengthIsCutOffAtTheLimit() {
        byte[] body = json(64 * 1024).getBytes(StandardCharsets.UTF_8);
        HttpRequest chunked = HttpRequest.newBuilder(gateway().uri("/api/contacts"))
                                         .header("Authorization", ADMIN).header("Content-Type", "application/json")
                                         .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                                         .build();

        HttpResponse<String> response = gateway().exchange(chunked);

        assertProblem(response.statusCode(), response.body(), 413, "larger than the 1024 bytes");
        assertThat(CONTACT.received()).allSatisfy(partial -> assertThat(partial.bodyBytes()).isLessThan(body.length));
    }

    @Test
    void batchIngestionTakesLargerBodiesUpToItsOwnLimit() {
        HttpResponse<String> withinBatchLimit = gateway().send("POST", "/api/engagements/batch", ADMIN, Map.of(), json(6 * 1024));
        HttpResponse<String> overBatchLimit = gateway().send("POST", "/api/engagements/batch", ADMIN, Map.of(), json(9 * 1024));

        assertThat(withinBatchLimit.statusCode()).isEqualTo(200);
        assertProblem(overBatchLimit.statusCode(), overBatchLimit.body(), 413, "accepts at most 8192");
        assertThat(CONTACT.received()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/api/contacts/c-1/../../reports/funnel",
            "/api/contacts/%2e%2e/reports/funnel",
            "/api/contacts/c-1%2F..%2Fhistory",
            "/api/contacts/c-1%5Chistory",
            "/api/contacts/c-1%00",
            "/api/contacts/c-1;jsessionid=x",
            "/api/contacts/c-1%252e%252e",
            "//api/contacts/c-1",
            "/api/contacts/./c-1"})
    void pathsThatCouldMeanSomethingElseToTheServiceAreRefused(String path) {
        GatewayCalls.RawResponse response = gateway().raw(path, Map.of("Authorization", ADMIN));

        assertProblem(response.status(), response.body(), 400, "the path contains");
        ALL.forEach(stub -> assertThat(stub.received()).isEmpty());
    }

    @Test
    void oversizedHeaderIsRefused() {
        HttpResponse<String> response = gateway().send("GET", "/api/contacts/c-1", ADMIN, Map.of("X-Padding", "x".repeat(9 * 1024)), "");

        assertProblem(response.statusCode(), response.body(), 400, "the header X-Padding is");
        assertThat(CONTACT.received()).isEmpty();
    }

    @Test
    void headersTooLargeTogetherAreRefused() {
        Map<String, String> headers = Map.of("X-A", "a".repeat(6 * 1024), "X-B", "b".repeat(6 * 1024), "X-C", "c".repeat(6 * 1024));

        HttpResponse<String> response = gateway().send("GET", "/api/contacts/c-1", ADMIN, headers, "");

        assertProblem(response.statusCode(), response.body(), 400, "the request headers total");
        assertThat(CONTACT.received()).isEmpty();
    }

    @Test
    void overlongUriIsRefused() {
        HttpResponse<String> response = gateway().send("GET", "/api/contacts?email=" + "a".repeat(3000) + "@example.com", ADMIN);

        assertProblem(response.statusCode(), response.body(), 414, "the limit is 2048");
        assertThat(CONTACT.received()).isEmpty();
    }

    @Test
    void unknownPathIsRefusedWithAProblem() {
        HttpResponse<String> response = gateway().send("GET", "/api/nothing-here", ADMIN);

        assertProblem(response.statusCode(), response.body(), 403, "no access rule admits GET /api/nothing-here");
    }

    private static void assertProblem(int status, String body, int expectedStatus, String detailPart) {
        assertThat(status).as(body).isEqualTo(expectedStatus);
        JsonNode problem = GatewayCalls.json(body);
        assertThat(problem.get("status").asInt()).isEqualTo(expectedStatus);
        assertThat(problem.get("detail").asString()).contains(detailPart);
        assertThat(problem.get("requestId").asString()).isNotBlank();
    }

    /** A JSON body of about {@code size} bytes. */
    private static String json(int size) {
        return "{\"padding\":\"" + "x".repeat(size - 16) + "\"}";
    }
}
