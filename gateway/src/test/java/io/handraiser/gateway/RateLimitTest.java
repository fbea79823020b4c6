package io.handraiser.gateway;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each client has a bucket of three requests here, refilled so slowly that no token comes back during the test:
 * the fourth request is refused with 429 and a Retry-After, and one client's burst costs no other client anything.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "handraiser.gateway.limits.rate.capacity=3",
        "handraiser.gateway.limits.rate.refill-per-second=0.01"})
class RateLimitTest {

    private static final StubService CONTACT = StubService.start("contact");
    private static final StubService INTEGRATIONS = StubService.start("integrations");

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("handraiser.services.contact", CONTACT::url);
        registry.add("handraiser.services.integrations", INTEGRATIONS::url);
    }

    @LocalServerPort
    int port;

    @AfterEach
    void resetStubs() {
        CONTACT.reset();
        INTEGRATIONS.reset();
    }

    @Test
    void clientOverItsLimitGets429WithRetryAfter() {
        String ana = Tokens.valid("ana", "sales");
        for (int i = 0; i < 3; i++) {
            assertThat(gateway().send("GET", "/api/contacts/c-1", ana).statusCode()).isEqualTo(200);
        }

        HttpResponse<String> refused = gateway().send("GET", "/api/contacts/c-1", ana);

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 100L);
        JsonNode problem = GatewayCalls.json(refused.body());
        assertThat(problem.get("detail").asString()).contains("retry after");
        assertThat(CONTACT.received()).hasSize(3);
    }

    @Test
    void clientsAreCountedBySubjectNotTogether() {
        String bo = Tokens.valid("bo", "sales");
        String cy = Tokens.valid("cy", "sales");
        for (int i = 0; i < 3; i++) {
            gateway().send("GET", "/api/contacts/c-1", bo);
        }

        assertThat(gateway().send("GET", "/api/contacts/c-1", bo).statusCode()).isEqualTo(429);
        assertThat(gateway().send("GET", "/api/contacts/c-1", cy).statusCode()).isEqualTo(200);
    }

    @Test
    void callersWithoutTokenAreCountedByAddress() {
        for (int i = 0; i < 3; i++) {
            assertThat(gateway().send("POST", "/api/integrations/mautic/webhook", null).statusCode()).isEqualTo(200);
        }

        assertThat(gateway().send("POST", "/api/integrations/mautic/webhook", null).statusCode()).isEqualTo(429);
        assertThat(INTEGRATIONS.received()).hasSize(3);
    }

    private GatewayCalls gateway() {
        return new GatewayCalls(port);
    }
}
