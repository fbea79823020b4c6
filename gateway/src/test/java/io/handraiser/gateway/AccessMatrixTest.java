package io.handraiser.gateway;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route against every role and against no token, an expired one, a wrongly signed one and an unsigned
 * ({@code alg: none}) one. The expected table is written out here from DESIGN section 5 and the services'
 * controllers, independently of the gateway's configuration, so that a slip in either shows.
 */
class AccessMatrixTest extends GatewayTestBase {

    private static final Set<String> EVERY_ROLE = Set.of("automation", "marketing", "sales", "analyst", "auditor", "admin");
    private static final Set<String> OPEN = Set.of();

    /**
     * @param backendPath what the service must receive; differs from the path only for the inbox aliases, the admin
     *                    paths and the docs
     * @param allowed     roles let through; {@link #OPEN} for endpoints that need no token
     */
    record Endpoint(String method, String path, String service, String backendPath, Set<String> allowed) {

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static List<Endpoint> endpoints() {
        return List.of(
                // contact-service
                new Endpoint("POST", "/api/contacts", "contact", "/api/contacts", Set.of("automation", "marketing", "admin")),
                new Endpoint("PATCH", "/api/contacts/c-1", "contact", "/api/contacts/c-1", Set.of("automation", "marketing", "admin")),
                new Endpoint("GET", "/api/contacts/c-1", "contact", "/api/contacts/c-1", EVERY_ROLE),
                new Endpoint("GET", "/api/contacts?email=ada@example.com", "contact", "/api/contacts", EVERY_ROLE),
                new Endpoint("DELETE", "/api/contacts/c-1", "contact", "/api/contacts/c-1", Set.of("marketing", "admin")),
                new Endpoint("POST", "/api/contacts/c-1/engagements", "contact", "/api/contacts/c-1/engagements", Set.of("automation", "admin")),
                new Endpoint("POST", "/api/engagements/batch", "contact", "/api/engagements/batch", Set.of("automation", "admin")),
                new Endpoint("POST", "/api/contacts/c-1/mql", "contact", "/api/contacts/c-1/mql", Set.of("marketing", "admin")),
                new Endpoint("POST", "/api/contacts/c-1/disqualify", "contact", "/api/contacts/c-1/disqualify", Set.of("marketing", "admin")),
                new Endpoint("POST", "/api/contacts/c-1/requalify", "contact", "/api/contacts/c-1/requalify", Set.of("marketing", "admin")),
                new Endpoint("POST", "/api/contacts/c-1/sql", "contact", "/api/contacts/c-1/sql", Set.of("sales", "admin")),
                new Endpoint("POST", "/api/contacts/c-1/nurture", "contact", "/api/contacts/c-1/nurture", Set.of("sales", "admin")),
                new Endpoint("POST", "/api/contacts/c-1/stage", "contact", "/api/contacts/c-1/stage", Set.of("sales", "admin")),
                new Endpoint("GET", "/api/contacts/c-1/history", "contact", "/api/contacts/c-1/history",
                             Set.of("auditor", "marketing", "sales", "analyst", "admin")),
                // the sales inbox's accept and return, answered by contact-service
                new Endpoint("POST", "/api/inbox/c-1/accept", "contact", "/api/contacts/c-1/sql", Set.of("sales", "admin")),
                new Endpoint("POST", "/api/inbox/c-1/return", "contact", "/api/contacts/c-1/nurture", Set.of("sales", "admin")),
                // handoff-service
                new Endpoint("GET", "/api/inbox", "handoff", "/api/inbox", Set.of("sales", "admin")),
                new Endpoint("POST", "/api/inbox/h-1/reassign", "handoff", "/api/inbox/h-1/reassign", Set.of("sales", "admin")),
                new Endpoint("GET", "/api/reps", "handoff", "/api/reps", Set.of("sales", "admin")),
                new Endpoint("POST", "/api/reps", "handoff", "/api/reps", Set.of("admin")),
                new Endpoint("GET", "/api/routing/rules", "handoff", "/api/routing/rules", Set.of("sales", "admin")),
                new Endpoint("PUT", "/api/routing/rules/r-1", "handoff", "/api/routing/rules/r-1", Set.of("admin")),
                new Endpoint("GET", "/api/crm/deliveries", "handoff", "/api/crm/deliveries", Set.of("admin")),
                new Endpoint("POST", "/api/crm/deliveries/d-1/replay", "handoff", "/api/crm/deliveries/d-1/replay", Set.of("admin")),
                // scoring-service
                new Endpoint("GET", "/api/scores/c-1", "scoring", "/api/scores/c-1", Set.of("marketing", "sales", "analyst", "admin")),
                new Endpoint("GET", "/api/scoring/models", "scoring", "/api/scoring/models", Set.of("marketing", "analyst", "admin")),
                new Endpoint("POST", "/api/scoring/models", "scoring", "/api/scoring/models", Set.of("marketing", "admin")),
                new Endpoint("POST", "/api/scoring/models/m-1/replay", "scoring", "/api/scoring/models/m-1/replay", Set.of("marketing", "admin")),
                new Endpoint("POST", "/api/scoring/evaluations", "scoring", "/api/scoring/evaluations", Set.of("marketing", "admin")),
                new Endpoint("GET", "/api/scoring/evaluations/e-1", "scoring", "/api/scoring/evaluations/e-1", Set.of("marketing", "analyst", "admin")),
                new Endpoint("POST", "/api/scoring/calibrations", "scoring", "/api/scoring/calibrations", Set.of("marketing", "admin")),
                // reporting-service
                new Endpoint("GET", "/api/reports/funnel", "reporting", "/api/reports/funnel", Set.of("analyst", "admin")),
                new Endpoint("GET", "/api/audit/qualifications", "reporting", "/api/audit/qualifications", Set.of("auditor", "admin")),
                new Endpoint("GET", "/dashboard", "reporting", "/dashboard", OPEN),
                new Endpoint("GET", "/dashboard/index.html", "reporting", "/dashboard/index.html", OPEN),
                new Endpoint("POST", "/dashboard/index.html", "reporting", "/dashboard/index.html", Set.of("analyst", "admin")),
                // integrations
                new Endpoint("POST", "/api/integrations/hubspot/contacts", "integrations", "/api/integrations/hubspot/contacts",
                             Set.of("automation", "admin")),
                new Endpoint("POST", "/api/integrations/mautic/webhook", "integrations", "/api/integrations/mautic/webhook", OPEN),
                new Endpoint("POST", "/api/integrations/contacts/import", "integrations", "/api/integrations/contacts/import", Set.of("automation", "admin")),
                new Endpoint("GET", "/api/integrations/imports/j-1", "integrations", "/api/integrations/imports/j-1", Set.of("automation", "admin")),
                // every service's dead letters, under the service's name, which the gateway takes out of the path
                new Endpoint("GET", "/api/admin/contact/dead-letters", "contact", "/api/admin/dead-letters", Set.of("admin")),
                new Endpoint("GET", "/api/admin/scoring/dead-letters/lead-scores?after=c-1&limit=10", "scoring",
                             "/api/admin/dead-letters/lead-scores", Set.of("admin")),
                new Endpoint("POST", "/api/admin/handoff/dead-letters/inbox/retry?sequence=h-1", "handoff",
                             "/api/admin/dead-letters/inbox/retry", Set.of("admin")),
                new Endpoint("DELETE", "/api/admin/reporting/dead-letters/reporting?sequence=c-1", "reporting",
                             "/api/admin/dead-letters/reporting", Set.of("admin")),
                // API documents
                new Endpoint("GET", "/v3/api-docs/contact", "contact", "/v3/api-docs", OPEN),
                new Endpoint("GET", "/v3/api-docs/scoring", "scoring", "/v3/api-docs", OPEN),
                new Endpoint("GET", "/v3/api-docs/handoff", "handoff", "/v3/api-docs", OPEN),
                new Endpoint("GET", "/v3/api-docs/reporting", "reporting", "/v3/api-docs", OPEN));
    }

    static Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        for (Endpoint endpoint : endpoints()) {
            for (String role : List.of("automation", "marketing", "sales", "analyst", "auditor", "admin")) {
                cases.add(Arguments.of(endpoint, "role " + role, Tokens.valid("matrix-" + role, role),
                                       endpoint.allowed().isEmpty() || endpoint.allowed().contains(role) ? 200 : 403));
            }
            cases.add(Arguments.of(endpoint, "no token", null, endpoint.allowed().isEmpty() ? 200 : 401));
            cases.add(Arguments.of(endpoint, "expired token", Tokens.expired("admin"), 401));
            cases.add(Arguments.of(endpoint, "wrongly signed token", Tokens.wronglySigned("admin"), 401));
            cases.add(Arguments.of(endpoint, "alg none token", Tokens.algNone(), 401));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} with {1} -> {3}")
    @MethodSource("matrix")
    void onlyAllowedCombinationsReachTheService(Endpoint endpoint, String caller, String authorization, int expected) {
        String requestId = "matrix-" + UUID.randomUUID();
        HttpResponse<String> response = gateway().send(endpoint.method(), endpoint.path(), authorization,
                                                       Map.of("X-Request-Id", requestId), "{}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
        assertThat(response.headers().firstValue("X-Request-Id")).hasValue(requestId);
        StubService target = stub(endpoint.service());
        if (expected == 200) {
            assertThat(target.received()).singleElement().satisfies(arrived -> {
                assertThat(arrived.method()).isEqualTo(endpoint.method());
                assertThat(arrived.path()).isEqualTo(endpoint.backendPath());
                assertThat(arrived.query()).isEqualTo(endpoint.path().contains("?") ? endpoint.path().substring(endpoint.path().indexOf('?') + 1) : null);
                assertThat(arrived.header("Authorization")).isEqualTo(authorization);
                assertThat(arrived.header("X-Request-Id")).isEqualTo(requestId);
            });
        } else {
            ALL.forEach(stub -> assertThat(stub.received()).as("nothing reaches a service").isEmpty());
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            JsonNode problem = GatewayCalls.json(response.body());
            assertThat(problem.get("status").asInt()).isEqualTo(expected);
            assertThat(problem.get("detail").asString()).isNotBlank();
            assertThat(problem.get("requestId").asString()).isEqualTo(requestId);
        }
    }
}
