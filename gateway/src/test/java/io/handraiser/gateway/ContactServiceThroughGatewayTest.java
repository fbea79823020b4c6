package io.handraiser.gateway;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real contact-service behind the gateway: the token is accepted by both, the inbox alias reaches the
 * service's own rule, and the request id given at the gateway is found in the metadata of the events the request
 * caused (read back through the history endpoint, itself called through the gateway).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ContactServiceThroughGatewayTest {

    private static final ContactServiceProcess CONTACT_SERVICE = ContactServiceProcess.start();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("handraiser.services.contact", CONTACT_SERVICE::url);
    }

    @AfterAll
    static void stopContactService() {
        CONTACT_SERVICE.close();
    }

    @LocalServerPort
    int port;

    @Test
    void requestIdGivenAtTheGatewayIsInTheMetadataOfTheEventsItCaused() {
        String email = "ada-" + UUID.randomUUID() + "@example.com";
        HttpResponse<String> captured = gateway().send("POST", "/api/contacts", Tokens.valid("hubspot", "automation"),
                Map.of("X-Request-Id", "capture-through-gateway-1"),
                "{\"email\":\"" + email + "\",\"firstName\":\"Ada\",\"source\":{\"system\":\"hubspot\",\"campaign\":\"q4\"}}");
        assertThat(captured.statusCode()).as(captured.body()).isEqualTo(201);
        assertThat(captured.headers().firstValue("X-Request-Id")).hasValue("capture-through-gateway-1");
        String id = GatewayCalls.json(captured.body()).get("id").asString();

        HttpResponse<String> engaged = gateway().send("POST", "/api/contacts/" + id + "/engagements", Tokens.valid("hubspot", "automation"),
                Map.of("X-Request-Id", "engagement-through-gateway-1"),
                "{\"engagementId\":\"hs-1\",\"type\":\"PAGE_VIEW\",\"occurredAt\":\"2026-11-20T10:00:00Z\",\"detail\":{\"url\":\"https://example.com/pricing\"}}");
        assertThat(engaged.statusCode()).as(engaged.body()).isEqualTo(202);

        HttpResponse<String> history = gateway().send("GET", "/api/contacts/" + id + "/history", Tokens.valid("eve", "auditor"));
        assertThat(history.statusCode()).as(history.body()).isEqualTo(200);
        JsonNode events = GatewayCalls.json(history.body()).get("events");
        assertThat(events.findValuesAsString("requestId"))
                .containsExactly("capture-through-gateway-1", "engagement-through-gateway-1");
    }

    @Test
    void inboxAcceptReachesContactServicesRule() {
        String email = "bo-" + UUID.randomUUID() + "@example.com";
        HttpResponse<String> captured = gateway().send("POST", "/api/contacts", Tokens.valid("hubspot", "automation"), Map.of(),
                "{\"email\":\"" + email + "\",\"source\":{\"system\":\"hubspot\"}}");
        String id = GatewayCalls.json(captured.body()).get("id").asString();

        HttpResponse<String> accepted = gateway().send("POST", "/api/inbox/" + id + "/accept", Tokens.valid("ana", "sales"),
                                                       Map.of(), "{\"note\":\"budget confirmed\"}");

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(409);
        assertThat(GatewayCalls.json(accepted.body()).get("rule").asString()).isEqualTo("accept-requires-mql");
    }

    private GatewayCalls gateway() {
        return new GatewayCalls(port);
    }
}
