package io.handraiser.starter;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.handraiser.starter.sample.SampleApplication;
import io.handraiser.starter.sample.SampleApplication.TicketBoard;
import io.handraiser.testsupport.ServiceApi;
import io.handraiser.testsupport.ServicesOnOneLog;
import io.handraiser.testsupport.TestMongo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * MongoDB goes away under a running service and comes back on the same address: meanwhile requests are answered
 * 503 problem+json at once rather than hanging, and afterwards the same service, never restarted, takes requests and
 * processes events again, the acknowledged ones included. The driver's timeouts are the defaults every service gets.
 */
class MongoOutageTest {

    private static final String LOCALHOST = "127.0.0.1";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Far above the 2 s a request should take while MongoDB is away; only proves that nothing hangs. */
    private static final Duration NO_HANG = Duration.ofSeconds(10);

    /** Keeps its data when the server stops, as a MongoDB does with its data on disk. */
    private static final class DurableMemoryBackend extends MemoryBackend {
        @Override
        public void close() {
        }
    }

    private final DurableMemoryBackend data = new DurableMemoryBackend();
    private final int port = freePort();
    private MongoServer mongo;

    @AfterEach
    void stopMongo() {
        if (mongo != null) {
            mongo.shutdownNow();
        }
    }

    @Test
    void whileMongoDbIsAwayRequestsAre503ProblemsAndOnceItIsBackTheServiceCarriesOnWithoutARestart() {
        mongo = startMongo();
        try (ConfigurableApplicationContext service = startService()) {
            ServiceApi api = new ServiceApi(ServicesOnOneLog.port(service));
            TicketBoard board = service.getBean(TicketBoard.class);
            String before = ticket();
            assertThat(open(api, before).statusCode()).isEqualTo(201);
            await().atMost(Duration.ofSeconds(30)).until(() -> board.placed.contains("opened " + before));

            mongo.shutdownNow();
            long awayAt = System.nanoTime();
            HttpResponse<String> command = open(api, ticket());
            Duration commandTook = since(awayAt);
            long queryAt = System.nanoTime();
            HttpResponse<String> query = api.get("/api/admin/dead-letters", "admin");
            Duration queryTook = since(queryAt);
            HttpResponse<String> health = api.get("/actuator/health", null);

            assertUnavailable(command);
            assertUnavailable(query);
            assertThat(commandTook).isLessThan(NO_HANG);
            assertThat(queryTook).isLessThan(NO_HANG);
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(health.body()).contains("\"status\":\"DOWN\"");

            mongo = startMongo();
            long backAt = System.nanoTime();
            AtomicReference<String> after = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
                String ticket = ticket();
                boolean opened = open(api, ticket).statusCode() == 201;
                if (opened) {
                    after.set(ticket);
                }
                return opened;
            });
            Duration requestsBack = since(backAt);
            await().atMost(Duration.ofSeconds(90)).until(() -> board.placed.contains("opened " + after.get()));
            Duration processingBack = since(backAt);

            assertThat(api.get("/actuator/health", null).statusCode()).isEqualTo(200);
            HttpResponse<String> deadLetters = api.get("/api/admin/dead-letters", "admin");
            assertThat(JSON.readTree(deadLetters.body()).get("groups").findValuesAsString("letters"))
                    .as("the outage parked nothing").isNotEmpty().containsOnly("0");
            System.out.printf("MongoDB away: a command answered 503 after %d ms, a query after %d ms; MongoDB back: requests "
                              + "succeeded after %d ms, events were processed again after %d ms%n",
                              commandTook.toMillis(), queryTook.toMillis(), requestsBack.toMillis(), processingBack.toMillis());
        }
    }

    private MongoServer startMongo() {
        MongoServer server = new MongoServer(data);
        server.bind(LOCALHOST, port);
        return server;
    }

    private ConfigurableApplicationContext startService() {
        return new SpringApplicationBuilder(SampleApplication.class)
                .run("--spring.mongodb.uri=mongodb://" + LOCALHOST + ":" + port,
                     "--spring.application.name=sample",
                     "--server.port=0",
                     "--handraiser.event-log.database=" + TestMongo.freshDatabaseName("outage_events"),
                     "--handraiser.service.database=" + TestMongo.freshDatabaseName("outage_service"),
                     "--handraiser.personal-data.key-database=" + TestMongo.freshDatabaseName("outage_keys"));
    }

    private static HttpResponse<String> open(ServiceApi api, String ticket) {
        return api.post("/api/tickets/" + ticket, "automation", "{\"title\":\"printer\",\"priority\":1}");
    }

    private static void assertUnavailable(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(response.body()).contains("\"status\":503").contains("the database does not answer");
    }

    private static String ticket() {
        return "t-" + UUID.randomUUID();
    }

    private static Duration since(long nanoTime) {
        return Duration.ofNanos(System.nanoTime() - nanoTime);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
