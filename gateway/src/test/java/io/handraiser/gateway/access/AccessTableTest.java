package io.handraiser.gateway.access;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The table's own rules: first match wins, and a table that could not mean what it says does not start. */
class AccessTableTest {

    @Test
    void firstMatchingRuleDecides() {
        AccessTable table = new AccessTable(new AccessProperties(List.of(
                new AccessProperties.Rule(List.of(HttpMethod.GET), List.of("/api/reps/**"), List.of("sales", "admin"), false),
                new AccessProperties.Rule(List.of(), List.of("/api/reps/**"), List.of("admin"), false))));

        assertThat(table.rolesAllowed(exchange(HttpMethod.GET, "/api/reps/r-1"))).containsExactly("sales", "admin");
        assertThat(table.rolesAllowed(exchange(HttpMethod.PUT, "/api/reps/r-1"))).containsExactly("admin");
        assertThat(table.rolesAllowed(exchange(HttpMethod.GET, "/api/other"))).isEmpty();
    }

    @Test
    void unknownRoleStopsTheStart() {
        assertThatThrownBy(() -> new AccessTable(new AccessProperties(List.of(
                new AccessProperties.Rule(List.of(), List.of("/api/reports/**"), List.of("analyst", "analysts"), false)))))
                .hasMessageContaining("unknown role 'analysts'");
    }

    @Test
    void ruleThatIsOpenAndNamesRolesStopsTheStart() {
        assertThatThrownBy(() -> new AccessTable(new AccessProperties(List.of(
                new AccessProperties.Rule(List.of(), List.of("/api/reports/**"), List.of("analyst"), true)))))
                .hasMessageContaining("either open or names roles");
    }

    private static MockServerWebExchange exchange(HttpMethod method, String path) {
        return MockServerWebExchange.from(MockServerHttpRequest.method(method, path));
    }
}
