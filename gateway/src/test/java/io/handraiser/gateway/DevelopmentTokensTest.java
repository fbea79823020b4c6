package io.handraiser.gateway;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Without the dev profile, nobody can mint a token at the gateway. */
class DevelopmentTokensTest extends GatewayTestBase {

    @Test
    void withoutTheDevProfileThereIsNoTokenEndpoint() {
        HttpResponse<String> response = gateway().send("GET", "/dev/tokens/admin", null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }
}
