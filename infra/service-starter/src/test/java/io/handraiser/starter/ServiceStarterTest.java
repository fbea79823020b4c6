package io.handraiser.starter;

import io.handraiser.starter.sample.SampleApplication;
import io.handraiser.testsupport.TestMongo;
import io.handraiser.testsupport.TestTokens;
import org.axonframework.modelling.command.AbstractRepository;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(classes = SampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ServiceStarterTest {

    private static final String EVENT_LOG = TestMongo.freshDatabaseName("starter_events");
    private static final String SERVICE_DATABASE = TestMongo.freshDatabaseName("starter_service");

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", TestMongo::uri);
        registry.add("spring.application.name", () -> "sample");
        registry.add("handraiser.event-log.database", () -> EVENT_LOG);
        registry.add("handraiser.service.database", () -> SERVICE_DATABASE);
    }

    @LocalServerPort
    int port;

    @Autowired
    SampleApplication.TicketAudit audit;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aCommandCarriesTheCallerAndTheRequestIdIntoItsEvents() throws Exception {
        String ticket = UUID.randomUUID().toString();

        HttpResponse<String> created = post("/api/tickets/" + ticket, TestTokens.bearer("ada", "automation"),
                                            "{\"title\":\"printer\",\"priority\":2}", "req-42");

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("X-Request-Id")).hasValue("req-42");
        await().atMost(Duration.ofSeconds(20)).until(() -> !audit.delivered.isEmpty());
        assertThat(audit.delivered.get(0).get("requestId")).isEqualTo("req-42");
        assertThat(TestMongo.client().getDatabase(EVENT_LOG).getCollection("commits").countDocuments()).isEqualTo(1);
        assertThat(TestMongo.client().getDatabase(SERVICE_DATABASE).listCollectionNames()).contains("trackingtokens");
    }

    @Test
    void aCommandForAnUnknownAggregateIsA404ThatTheRepositoryDoesNotWarnAbout() throws Exception {
        HttpResponse<String> unknown = post("/api/tickets/" + UUID.randomUUID() + "/close", TestTokens.bearer("ada", "admin"), "", null);

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(LoggerFactory.getLogger(AbstractRepository.class).isWarnEnabled()).isFalse();
        assertThat(LoggerFactory.getLogger(AbstractRepository.class).isErrorEnabled()).isTrue();
    }

    @Test
    void aBrokenRuleIsA409NamingTheRule() throws Exception {
        String ticket = UUID.randomUUID().toString();
        String token = TestTokens.bearer("ada", "admin");
        post("/api/tickets/" + ticket, token, "{\"title\":\"printer\",\"priority\":1}", null);
        assertThat(post("/api/tickets/" + ticket + "/close", token, "", null).statusCode()).isEqualTo(200);

        HttpResponse<String> again = post("/api/tickets/" + ticket + "/close", token, "", null);

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(again.body()).contains("\"rule\":\"close-once\"").contains("is closed already");
    }

    @Test
    void everyBadFieldIsNamedAndNothingIsStored() throws Exception {
        String ticket = UUID.randomUUID().toString();

        HttpResponse<String> invalid = post("/api/tickets/" + ticket, TestTokens.bearer("ada", "automation"),
                                            "{\"title\":\"\",\"priority\":0}", null);

        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(invalid.body()).contains("\"field\":\"title\"").contains("\"field\":\"priority\"");
        assertThat(post("/api/tickets/" + ticket + "/close", TestTokens.bearer("ada", "admin"), "", null).statusCode()).isEqualTo(404);
    }

    @Test
    void unreadableJsonNamesTheField() throws Exception {
        HttpResponse<String> response = post("/api/tickets/" + UUID.randomUUID(), TestTokens.bearer("ada", "automation"),
                                             "{\"title\":\"x\",\"priority\":\"high\"}", null);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"field\":\"priority\"");
    }

    @Test
    void aBodyDeclaredMultipartThatIsNoneIsA400Problem() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/tickets/" + UUID.randomUUID()))
                                         .header("Content-Type", "multipart/form-data")
                                         .header("Authorization", TestTokens.bearer("ada", "automation"))
                                         .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"x\",\"priority\":1}")).build();

        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("the multipart body cannot be read");
    }

    @Test
    void aBodyInAnotherFormatThanJsonIsRefusedWithTheRequestId() throws Exception {
        String ticket = UUID.randomUUID().toString();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/tickets/" + ticket))
                                         .header("Content-Type", "application/yaml")
                                         .header("Authorization", TestTokens.bearer("ada", "automation"))
                                         .header("X-Request-Id", "req-415")
                                         .POST(HttpRequest.BodyPublishers.ofString("title: printer\npriority: 2\n")).build();

        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(415);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"requestId\":\"req-415\"");
        assertThat(post("/api/tickets/" + ticket + "/close", TestTokens.bearer("ada", "admin"), "", null).statusCode()).isEqualTo(404);
    }

    @Test
    void aRequestTheFirewallRefusesIsA400Problem() throws Exception {
        HttpResponse<String> response = post("/api/tickets/a%25b", TestTokens.bearer("ada", "automation"), "{\"title\":\"x\",\"priority\":1}", null);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"title\":\"Malformed request\"").contains("%25");
    }

    @Test
    void noTokenIs401AndAWrongRoleIs403AsProblems() throws Exception {
        String body = "{\"title\":\"x\",\"priority\":1}";

        HttpResponse<String> anonymous = post("/api/tickets/" + UUID.randomUUID(), null, body, null);
        HttpResponse<String> forged = post("/api/tickets/" + UUID.randomUUID(),
                                           "Bearer " + TestTokens.signed("some-other-secret-that-is-32-bytes-long!", "ada",
                                                                         Instant.now().plusSeconds(60), "automation"), body, null);
        HttpResponse<String> expired = post("/api/tickets/" + UUID.randomUUID(),
                                            "Bearer " + TestTokens.signed(TestTokens.DEVELOPMENT_SECRET, "ada",
                                                                          Instant.now().minusSeconds(600), "automation"), body, null);
        HttpResponse<String> wrongRole = post("/api/tickets/" + UUID.randomUUID(), TestTokens.bearer("bob", "sales"), body, null);

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).contains("send a bearer token");
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(wrongRole.statusCode()).isEqualTo(403);
        assertThat(wrongRole.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void healthPingsTheEmbeddedServerAndMetricsAreExposed() throws Exception {
        HttpResponse<String> health = get("/actuator/health");
        HttpResponse<String> prometheus = get("/actuator/prometheus");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body()).contains("jvm_memory_used_bytes");
    }

    @Test
    void openApiDocumentDescribesTheServicesEndpointsWithoutAToken() throws Exception {
        HttpResponse<String> document = get("/v3/api-docs");

        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(document.body()).contains("\"openapi\"").contains("/api/tickets/{id}/close");
    }

    private HttpResponse<String> post(String path, String authorization, String json, String requestId)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                                 .header("Content-Type", "application/json")
                                                 .POST(HttpRequest.BodyPublishers.ofString(json));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (requestId != null) {
            request.header("X-Request-Id", requestId);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                         HttpResponse.BodyHandlers.ofString());
    }
}
