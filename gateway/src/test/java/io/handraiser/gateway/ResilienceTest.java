package io.handraiser.gateway;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A slow or down service costs the caller a quick 503 or 504 problem, never a hang; a failing service is cut off by
 * its circuit breaker; reads are retried, commands never.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.cloud.gateway.server.webflux.httpclient.response-timeout=500ms",
        "resilience4j.circuitbreaker.configs.default.sliding-window-size=4",
        "resilience4j.circuitbreaker.configs.default.minimum-number-of-calls=4",
        "resilience4j.circuitbreaker.configs.default.wait-duration-in-open-state=10m",
        "handraiser.gateway.retry.first-backoff=5ms"})
class ResilienceTest {

    private static final StubService CONTACT = StubService.start("contact");
    private static final StubService HANDOFF = StubService.start("handoff");
    private static final StubService REPORTING = StubService.start("reporting");
    private static final String ADMIN = Tokens.valid("resilience-admin", "admin");

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("handraiser.services.contact", CONTACT::url);
        registry.add("handraiser.services.handoff", HANDOFF::url);
        registry.add("handraiser.services.reporting", REPORTING::url);
        registry.add("handraiser.services.scoring", ResilienceTest::addressNobodyListensOn);
        registry.add("handraiser.services.integrations", ResilienceTest::addressNobodyListensOn);
    }

    @LocalServerPort
    int port;

    @AfterEach
    void releaseStubs() {
        CONTACT.reset();
        HANDOFF.reset();
        REPORTING.reset();
    }

    @Test
    void downServiceAnswers503Quickly() {
        Instant start = Instant.now();
        HttpResponse<String> response = gateway().send("GET", "/api/scores/c-1", ADMIN);

        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(2));
        assertProblem(response, 503, "scoring-service cannot be reached");
    }

    @Test
    void slowServiceAnswers504AfterTheTimeoutAndIsNotRetried() {
        REPORTING.stall();

        Instant start = Instant.now();
        HttpResponse<String> response = gateway().send("GET", "/api/reports/funnel", ADMIN);

        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(2));
        assertProblem(response, 504, "reporting-service did not answer within its time limit");
        assertThat(REPORTING.received()).hasSize(1);
    }

    @Test
    void slowCommandAnswers504AndIsNotRetried() {
        CONTACT.stall();

        HttpResponse<String> response = gateway().send("POST", "/api/contacts/c-1/mql", ADMIN);

        assertProblem(response, 504, "contact-service did not answer");
        assertThat(CONTACT.received()).hasSize(1);
    }

    @Test
    void failingServiceIsCutOffByItsCircuitBreaker() {
        for (int i = 0; i < 4; i++) {
            assertProblem(gateway().send("POST", "/api/integrations/hubspot/contacts", ADMIN), 503, "cannot be reached");
        }

        HttpResponse<String> cutOff = gateway().send("POST", "/api/integrations/hubspot/contacts", ADMIN);

        assertProblem(cutOff, 503, "integrations has been failing");
    }

    @Test
    void readIsRetriedWhenTheServiceIsBrieflyUnavailable() {
        HANDOFF.failNext(1, 503);

        HttpResponse<String> response = gateway().send("GET", "/api/inbox", ADMIN);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(HANDOFF.received()).hasSize(2);
    }

    @Test
    void commandIsNeverRetried() {
        HANDOFF.failNext(1, 503);

        HttpResponse<String> response = gateway().send("POST", "/api/inbox/h-1/reassign", ADMIN);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(HANDOFF.received()).hasSize(1);
    }

    @Test
    void aServicesOwn503ReachesTheCallerAsTheServiceWroteIt() {
        CONTACT.databaseAwayNext(1);

        HttpResponse<String> response = gateway().send("POST", "/api/contacts/c-1/mql", ADMIN);

        assertProblem(response, 503, "the database does not answer");
        assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(CONTACT.received()).hasSize(1);
    }

    @Test
    void aReadAnswered503EveryTimeIsRetriedAndThenPassedOnAsTheServiceWroteIt() {
        HANDOFF.databaseAwayNext(3);

        HttpResponse<String> response = gateway().send("GET", "/api/inbox", ADMIN);

        assertProblem(response, 503, "the database does not answer");
        assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(HANDOFF.received()).hasSize(3);
    }

    private GatewayCalls gateway() {
        return new GatewayCalls(port);
    }

    private static void assertProblem(HttpResponse<String> response, int status, String detailPart) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = GatewayCalls.json(response.body());
        assertThat(problem.get("detail").asString()).contains(detailPart);
    }

    /** A port that was free a moment ago: connecting to it is refused at once. */
    private static String addressNobodyListensOn() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
