package io.handraiser.gateway;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.List;

/**
 * The gateway in front of a stub per service, with small body limits (so the tests send kilobytes, not megabytes)
 * and a rate limit high enough never to interfere. Subclasses share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "handraiser.gateway.limits.rate.capacity=100000",
        "handraiser.gateway.limits.body.max=1KB",
        "handraiser.gateway.limits.body.larger[0].paths=/api/engagements/batch",
        "handraiser.gateway.limits.body.larger[0].max=8KB"})
abstract class GatewayTestBase {

    static final StubService CONTACT = StubService.start("contact");
    static final StubService SCORING = StubService.start("scoring");
    static final StubService HANDOFF = StubService.start("handoff");
    static final StubService REPORTING = StubService.start("reporting");
    static final StubService INTEGRATIONS = StubService.start("integrations");
    static final List<StubService> ALL = List.of(CONTACT, SCORING, HANDOFF, REPORTING, INTEGRATIONS);

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("handraiser.services.contact", CONTACT::url);
        registry.add("handraiser.services.scoring", SCORING::url);
        registry.add("handraiser.services.handoff", HANDOFF::url);
        registry.add("handraiser.services.reporting", REPORTING::url);
        registry.add("handraiser.services.integrations", INTEGRATIONS::url);
    }

    @LocalServerPort
    int port;

    GatewayCalls gateway() {
        return new GatewayCalls(port);
    }

    @BeforeEach
    @AfterEach
    void resetStubs() {
        ALL.forEach(StubService::reset);
    }

    static StubService stub(String service) {
        return switch (service) {
            case "contact" -> CONTACT;
            case "scoring" -> SCORING;
            case "handoff" -> HANDOFF;
            case "reporting" -> REPORTING;
            case "integrations" -> INTEGRATIONS;
            default -> throw new IllegalArgumentException(service);
        };
    }
}
