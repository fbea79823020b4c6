package io.handraiser.gateway;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The correlation id: accepted when well formed, replaced when not, generated when absent; always returned and relayed. */
class RequestIdTest extends GatewayTestBase {

    private static final String SALES = Tokens.valid("request-id-sales", "sales");

    @Test
    void wellFormedIdIsRelayedAndReturned() {
        HttpResponse<String> response = gateway().send("GET", "/api/contacts/c-1", SALES, Map.of("X-Request-Id", "crm-42.7:retry-1"), "");

        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("crm-42.7:retry-1");
        assertThat(CONTACT.received()).singleElement()
                                      .satisfies(arrived -> assertThat(arrived.header("X-Request-Id")).isEqualTo("crm-42.7:retry-1"));
    }

    @Test
    void missingIdIsGeneratedRelayedAndReturned() {
        HttpResponse<String> response = gateway().send("GET", "/api/contacts/c-1", SALES);

        String generated = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(generated).matches("[0-9a-f-]{36}");
        assertThat(CONTACT.received()).singleElement()
                                      .satisfies(arrived -> assertThat(arrived.header("X-Request-Id")).isEqualTo(generated));
    }

    @Test
    void malformedIdIsReplacedNotRelayed() {
        String tooLong = "a".repeat(129);
        for (String malformed : new String[] {tooLong, "id with spaces", "<script>", "ünïcode"}) {
            CONTACT.reset();

            HttpResponse<String> response = gateway().send("GET", "/api/contacts/c-1", SALES, Map.of("X-Request-Id", malformed), "");

            String replaced = response.headers().firstValue("X-Request-Id").orElseThrow();
            assertThat(replaced).isNotEqualTo(malformed).matches("[0-9a-f-]{36}");
            assertThat(CONTACT.received()).singleElement()
                                          .satisfies(arrived -> assertThat(arrived.header("X-Request-Id")).isEqualTo(replaced));
        }
    }

    @Test
    void gatewayRefusalsCarryTheIdToo() {
        HttpResponse<String> response = gateway().send("GET", "/api/contacts/c-1", null, Map.of("X-Request-Id", "refused-1"), "");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("refused-1");
        assertThat(GatewayCalls.json(response.body()).get("requestId").asString()).isEqualTo("refused-1");
    }
}
