package io.handraiser.testsupport;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;

/**
 * Several services' Spring applications in one JVM, each on its own fresh service database and a random port,
 * sharing one fresh event log and key database: the services as they run in production, talking only through the
 * log. Each has its own event store, so the log reaches the others by polling, as it does across processes.
 * <p>
 * Settings go in as command-line arguments, which outrank the application.yml on the classpath: the applications
 * share one test classpath, so every one of them would otherwise read the same module's file.
 */
public final class ServicesOnOneLog implements AutoCloseable {

    private final String prefix;
    private final String eventLog;
    private final String keys;
    private final List<ConfigurableApplicationContext> started = new ArrayList<>();

    public ServicesOnOneLog(String prefix) {
        this.prefix = prefix;
        this.eventLog = TestMongo.freshDatabaseName(prefix + "_events");
        this.keys = TestMongo.freshDatabaseName(prefix + "_keys");
    }

    /** Starts {@code application} as service {@code name}; {@code settings} are further command-line settings. */
    public ConfigurableApplicationContext start(Class<?> application, String name, String... settings) {
        List<String> arguments = new ArrayList<>(List.of(
                "--spring.application.name=" + name,
                "--server.port=0",
                "--spring.mongodb.uri=" + TestMongo.uri(),
                "--handraiser.service.database=" + TestMongo.freshDatabaseName(prefix + "_" + name.replace('-', '_')),
                "--handraiser.event-log.database=" + eventLog,
                "--handraiser.personal-data.key-database=" + keys,
                "--logging.level.root=WARN"));
        arguments.addAll(List.of(settings));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(application).run(arguments.toArray(String[]::new));
        started.add(context);
        return context;
    }

    /** The port {@code context}'s web server listens on. */
    public static int port(ConfigurableApplicationContext context) {
        return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    /** Stops the applications in the reverse order of their start, so a consumer stops before what it consumes. */
    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }
}
