package io.handraiser.e2e;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.handraiser.local.DevelopmentTokens;
import io.handraiser.local.EmbeddedMongo;
import io.handraiser.local.Suite;
import io.handraiser.local.Suite.Instance;
import io.handraiser.local.Suite.Service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The suite as the launcher runs it: the embedded MongoDB-protocol server with its data on disk and every service
 * as a process of its own jar, on free ports so that a suite already running on this machine is not disturbed.
 * Scoring and handoff may run as several instances ({@code scoring-1}, {@code scoring-2}, ...); the others are
 * {@code contact}, {@code reporting} and {@code gateway}. Output of each process goes to {@code target/e2e-logs}.
 */
final class SuiteUnderTest implements AutoCloseable {

    static final String SECRET = "end-to-end-test-secret-of-at-least-32-bytes";

    /** Seven JVMs starting side by side on two cores shared with a build. */
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(10);

    private final Map<String, Instance> instances = new LinkedHashMap<>();
    private final Map<String, Process> processes = new HashMap<>();
    private final DevelopmentTokens tokens = new DevelopmentTokens(SECRET, Clock.systemUTC());
    private final Path data;
    private final int mongoPort = freePort();
    private EmbeddedMongo mongo;
    private final Suite suite;
    private final MongoClient client;

    /**
     * @param serviceSettings Spring settings per service name, as JSON (SPRING_APPLICATION_JSON keeps map keys' case)
     * @param instancesOfTwo  how many instances scoring-service and handoff-service each run as
     */
    SuiteUnderTest(Path data, Map<String, String> serviceSettings, int instancesOfTwo) throws IOException, InterruptedException {
        Path root = Path.of(System.getProperty("handraiser.root", "../..")).toAbsolutePath().normalize();
        this.data = data;
        mongo = EmbeddedMongo.start(data, mongoPort);
        client = MongoClients.create(mongo.uri());
        // a directory per suite: the journey and the reliability suite may run at once
        suite = new Suite(root, root.resolve("infra/e2e/target/e2e-logs").resolve(data.getFileName().toString()),
                          // C1 only: these JVMs live minutes, and start twice as fast without the optimising compiler
                          List.of("-XX:+UseSerialGC", "-Xss512k", "-XX:TieredStopAtLevel=1", "-Xmx384m"),
                          Map.of("MONGODB_URI", mongo.uri(), "HANDRAISER_SECURITY_JWT_SECRET", SECRET));
        Map<String, Service> services = new HashMap<>();
        Suite.SERVICES.forEach(service -> services.put(service.name(), service));
        add(services.get("contact-service"), "contact", serviceSettings);
        for (int i = 1; i <= instancesOfTwo; i++) {
            add(services.get("scoring-service"), "scoring-" + i, serviceSettings);
            add(services.get("handoff-service"), "handoff-" + i, serviceSettings);
        }
        add(services.get("reporting-service"), "reporting", serviceSettings);
        Map<String, String> gateway = new HashMap<>();
        // the gateway routes to the first instance of each; the second ones take part through the event log only
        gateway.put("HANDRAISER_SERVICES_CONTACT", instances.get("contact").url().toString());
        gateway.put("HANDRAISER_SERVICES_SCORING", instances.get("scoring-1").url().toString());
        gateway.put("HANDRAISER_SERVICES_HANDOFF", instances.get("handoff-1").url().toString());
        gateway.put("HANDRAISER_SERVICES_REPORTING", instances.get("reporting").url().toString());
        instances.put("gateway", new Instance(services.get("gateway"), "gateway", freePort(), gateway));

        for (Instance instance : instances.values()) {
            processes.put(instance.name(), suite.start(instance));
        }
        for (Instance instance : instances.values()) {
            suite.awaitHealthy(instance, STARTUP_TIMEOUT);
        }
    }

    private void add(Service service, String name, Map<String, String> serviceSettings) {
        Map<String, String> environment = new HashMap<>();
        String settings = serviceSettings.get(service.name());
        if (settings != null) {
            environment.put("SPRING_APPLICATION_JSON", settings);
        }
        instances.put(name, new Instance(service, name, freePort(), environment));
    }

    List<String> instanceNames() {
        return List.copyOf(instances.keySet());
    }

    URI url(String instance) {
        return instances.get(instance).url();
    }

    URI gateway() {
        return instances.get("gateway").url();
    }

    MongoClient mongo() {
        return client;
    }

    /** The owner name Axon's token store records for an instance's segment claims. */
    String owner(String instance) {
        return processes.get(instance).pid() + "@";
    }

    /** Process ids by instance name, to tell a recovered instance from a restarted one. */
    Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        processes.forEach((name, process) -> pids.put(name, process.pid()));
        return pids;
    }

    void stop(String instance) throws InterruptedException {
        suite.stop(instances.get(instance));
    }

    /** SIGKILL: no shutdown hook runs, nothing is released or flushed. */
    void kill(String instance) throws InterruptedException {
        suite.kill(instances.get(instance));
    }

    void restart(String instance) throws IOException, InterruptedException {
        Instance restarted = instances.get(instance);
        processes.put(instance, suite.start(restarted));
        suite.awaitHealthy(restarted, STARTUP_TIMEOUT);
    }

    /** The embedded server stops as a MongoDB outage looks to the services: connections refused. */
    void stopMongo() {
        mongo.close();
    }

    /** Again on the same port with the same data file, as a restarted server. */
    void startMongo() throws IOException {
        mongo = EmbeddedMongo.start(data, mongoPort);
    }

    String token(String subject, String role) {
        return tokens.mint(subject, Duration.ofHours(1), role);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Path> logs() {
        List<Path> logs = new ArrayList<>();
        instances.values().forEach(instance -> logs.add(suite.log(instance)));
        return logs;
    }

    @Override
    public void close() {
        suite.close();
        client.close();
        mongo.close();
    }
}
