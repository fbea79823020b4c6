package io.handraiser.journey;

import io.handraiser.contact.ContactServiceApplication;
import io.handraiser.scoring.Api;
import io.handraiser.scoring.ScoringServiceApplication;
import io.handraiser.testsupport.TestMongo;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;

/**
 * contact-service and scoring-service as two Spring applications in this JVM, each on its own database and a
 * random port, sharing one fresh event log and key database: the two services as they run in production, talking
 * only through the log.
 */
final class TwoServices implements AutoCloseable {

    final ConfigurableApplicationContext contact;
    final ConfigurableApplicationContext scoring;

    TwoServices(String prefix) {
        String eventLog = TestMongo.freshDatabaseName(prefix + "_events");
        String keys = TestMongo.freshDatabaseName(prefix + "_keys");
        contact = start(ContactServiceApplication.class, "contact", TestMongo.freshDatabaseName(prefix + "_contact"), eventLog, keys);
        scoring = start(ScoringServiceApplication.class, "scoring-service", TestMongo.freshDatabaseName(prefix + "_scoring"), eventLog, keys);
    }

    /**
     * Settings go in as command-line arguments, which outrank the application.yml on the classpath: both
     * applications share this module's classpath, so both would read scoring's own.
     */
    private static ConfigurableApplicationContext start(Class<?> application, String name, String database, String eventLog, String keys) {
        List<String> arguments = new ArrayList<>(List.of(
                "--spring.application.name=" + name,
                "--server.port=0",
                "--spring.mongodb.uri=" + TestMongo.uri(),
                "--handraiser.service.database=" + database,
                "--handraiser.event-log.database=" + eventLog,
                "--handraiser.personal-data.key-database=" + keys,
                "--handraiser.event-log.fetch-delay=20ms",
                "--handraiser.scoring.deadline-poll-interval=100ms",
                "--logging.level.root=WARN"));
        return new SpringApplicationBuilder(application).run(arguments.toArray(String[]::new));
    }

    Api contactApi() {
        return new Api(port(contact));
    }

    Api scoringApi() {
        return new Api(port(scoring));
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    @Override
    public void close() {
        scoring.close();
        contact.close();
    }
}
