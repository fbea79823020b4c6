package io.handraiser.handoff.journey;

import io.handraiser.contact.ContactServiceApplication;
import io.handraiser.handoff.Api;
import io.handraiser.handoff.HandoffServiceApplication;
import io.handraiser.testsupport.TestMongo;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;

/**
 * contact-service and handoff-service as two Spring applications in this JVM, each on its own database and a
 * random port, sharing one fresh event log and key database: the two services as they run in production, talking
 * only through the log. Each has its own event store, so the log reaches handoff-service by polling, as it does
 * across processes.
 */
final class TwoServices implements AutoCloseable {

    final ConfigurableApplicationContext contact;
    final ConfigurableApplicationContext handoff;

    /** @param handoffSettings further command-line settings of handoff-service */
    TwoServices(String prefix, String... handoffSettings) {
        String eventLog = TestMongo.freshDatabaseName(prefix + "_events");
        String keys = TestMongo.freshDatabaseName(prefix + "_keys");
        contact = start(ContactServiceApplication.class, "contact", TestMongo.freshDatabaseName(prefix + "_contact"), eventLog, keys);
        handoff = start(HandoffServiceApplication.class, "handoff", TestMongo.freshDatabaseName(prefix + "_handoff"), eventLog, keys,
                        handoffSettings);
    }

    /**
     * Settings go in as command-line arguments, which outrank the application.yml on the classpath: both
     * applications share this module's classpath, so both would read handoff's own.
     */
    private static ConfigurableApplicationContext start(Class<?> application, String name, String database, String eventLog, String keys,
                                                        String... more) {
        List<String> arguments = new ArrayList<>(List.of(
                "--spring.application.name=" + name,
                "--server.port=0",
                "--spring.mongodb.uri=" + TestMongo.uri(),
                "--handraiser.service.database=" + database,
                "--handraiser.event-log.database=" + eventLog,
                "--handraiser.personal-data.key-database=" + keys,
                "--logging.level.root=WARN"));
        arguments.addAll(List.of(more));
        return new SpringApplicationBuilder(application).run(arguments.toArray(String[]::new));
    }

    Api contactApi() {
        return new Api(port(contact));
    }

    Api handoffApi() {
        return new Api(port(handoff));
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    @Override
    public void close() {
        handoff.close();
        contact.close();
    }
}
