package io.handraiser.gateway;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** With the dev profile, the gateway mints a token per role, signed with the secret it validates with. */
@ActiveProfiles("dev")
class DevProfileTokensTest extends GatewayTestBase {

    @Test
    void mintsATokenTheGatewayAcceptsForThatRoleOnly() {
        HttpResponse<String> minted = gateway().send("GET", "/dev/tokens/marketing", null);
        assertThat(minted.statusCode()).isEqualTo(200);
        JsonNode token = GatewayCalls.json(minted.body());
        assertThat(token.get("role").asString()).isEqualTo("marketing");
        String bearer = "Bearer " + token.get("token").asString();

        HttpResponse<String> allowed = gateway().send("POST", "/api/contacts/c-1/mql", bearer);
        HttpResponse<String> refused = gateway().send("POST", "/api/contacts/c-1/sql", bearer);

        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(refused.statusCode()).isEqualTo(403);
    }

    @Test
    void unknownRoleIsNotFound() {
        HttpResponse<String> response = gateway().send("GET", "/dev/tokens/root", null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(GatewayCalls.json(response.body()).get("detail").asString()).contains("roles are automation");
    }
}
