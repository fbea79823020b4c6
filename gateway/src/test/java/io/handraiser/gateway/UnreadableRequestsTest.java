package io.handraiser.gateway;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests the HTTP codec, Spring's URI parsing, Spring Security's firewall or the services' servlet container would
 * refuse with a bare status (or an HTML page) are answered by the gateway as problem+json with a request id, like every
 * other refusal, and reach no service.
 */
class UnreadableRequestsTest extends GatewayTestBase {

    private static final String ADMIN = Tokens.valid("unreadable-admin", "admin");

    @ParameterizedTest
    @ValueSource(strings = {"/api/contacts?email=%zz", "/api/contacts/%", "/api/contacts/a|b", "/api/contacts/{x}", "/api/reports/sla?from=^",
                            "/api/contacts/<script>"})
    void targetsThatAreNoUriAreRefused(String target) {
        GatewayCalls.RawResponse response = gateway().raw(target, Map.of("Authorization", ADMIN));

        assertRefusedBeforeAnyService(response, 400, "the request target is not a URI");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/contacts/%c0%ae%c0%ae", "/api/contacts/%ff%fe", "/api/contacts/%e2%82", "/api/contacts?email=%ff%fe",
                            "/api/audit/decisions?type=%c0%ae&limit=1"})
    void pathsAndQueriesWhosePercentEncodingIsNotUtf8AreRefused(String target) {
        GatewayCalls.RawResponse response = gateway().raw(target, Map.of("Authorization", ADMIN));

        assertRefusedBeforeAnyService(response, 400, "percent-encoded bytes are not UTF-8");
    }

    @ParameterizedTest
    @ValueSource(strings = {"TRACE", "CONNECT", "FOO", "get", "PROPFIND"})
    void methodsOutsideTheUsualOnesAreRefused(String method) {
        GatewayCalls.RawResponse response = gateway().raw(method, "/api/inbox", Map.of("Authorization", ADMIN));

        assertRefusedBeforeAnyService(response, 400, "was not included within the list of allowed HTTP methods");
    }

    @ParameterizedTest
    @CsvSource({"header,400,the request cannot be read as HTTP", "headers,431,the request headers are too large",
                "line,414,the request line is too long"})
    void requestsTheCodecCannotReadAreRefused(String what, int status, String detail) {
        GatewayCalls.RawResponse response = switch (what) {
            case "header" -> gateway().raw("/api/inbox", Map.of("Authorization", ADMIN, "X-Control", "a\u0001b"));
            case "headers" -> gateway().raw("/api/inbox", Map.of("Authorization", ADMIN, "X-Padding", "p".repeat(70 * 1024)));
            default -> gateway().raw("/api/inbox?padding=" + "p".repeat(20 * 1024), Map.of("Authorization", ADMIN));
        };

        assertRefusedBeforeAnyService(response, status, detail);
    }

    @Test
    void aWellFormedRequestStillPasses() {
        GatewayCalls.RawResponse response = gateway().raw("/api/inbox?q=%C3%A9", Map.of("Authorization", ADMIN));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(HANDOFF.received()).hasSize(1);
    }

    /** Answered by the gateway itself as a problem with a request id, and seen by no service. */
    private static void assertRefusedBeforeAnyService(GatewayCalls.RawResponse response, int status, String detailPart) {
        assertThat(response.status()).as(response.head() + response.body()).isEqualTo(status);
        assertThat(response.head()).containsIgnoringCase("Content-Type: application/problem+json").containsIgnoringCase("X-Request-Id: ");
        JsonNode problem = GatewayCalls.json(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asString()).contains(detailPart);
        assertThat(problem.get("requestId").asString()).isNotBlank();
        ALL.forEach(stub -> assertThat(stub.received()).isEmpty());
    }
}
