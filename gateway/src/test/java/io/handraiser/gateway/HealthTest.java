package io.handraiser.gateway;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The launcher and load balancers ask the gateway's health without a token. */
class HealthTest extends GatewayTestBase {

    @Test
    void healthIsPublicAndUp() {
        HttpResponse<String> response = gateway().send("GET", "/actuator/health", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(GatewayCalls.json(response.body()).get("status").asString()).isEqualTo("UP");
    }

    @Test
    void otherActuatorEndpointsAreClosed() {
        assertThat(gateway().send("GET", "/actuator/gateway/routes", Tokens.valid("health-admin", "admin")).statusCode()).isEqualTo(403);
    }
}
