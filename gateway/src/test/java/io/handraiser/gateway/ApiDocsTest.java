package io.handraiser.gateway;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** One Swagger UI at the gateway over every service's OpenAPI document, each fetched through its route. */
class ApiDocsTest extends GatewayTestBase {

    @Test
    void eachServiceDocumentIsRoutedWithTheGatewaysHost() {
        HttpResponse<String> response = gateway().send("GET", "/v3/api-docs/contact", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(CONTACT.received()).singleElement().satisfies(arrived -> {
            assertThat(arrived.path()).isEqualTo("/v3/api-docs");
            assertThat(arrived.header("Host")).isEqualTo("127.0.0.1:" + port);
        });
    }

    @Test
    void swaggerUiListsEveryService() {
        HttpResponse<String> config = gateway().send("GET", "/v3/api-docs/gateway/swagger-config", null);

        assertThat(config.statusCode()).isEqualTo(200);
        JsonNode urls = GatewayCalls.json(config.body()).get("urls");
        assertThat(urls.findValuesAsString("url"))
                .containsExactlyInAnyOrder("/v3/api-docs/contact", "/v3/api-docs/scoring", "/v3/api-docs/handoff", "/v3/api-docs/reporting");
    }

    @Test
    void swaggerUiPageIsServed() throws Exception {
        HttpClient following = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

        HttpResponse<String> page = following.send(HttpRequest.newBuilder(gateway().uri("/swagger-ui.html")).build(),
                                                   HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui");
    }
}
