package io.handraiser.gateway;

import io.handraiser.testsupport.TestMongo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * The built contact-service jar as a process of its own, on fresh databases of the test MongoDB: a servlet and
 * Axon application cannot share a classpath with the reactive gateway, and in production they run apart anyway.
 * The jar's path comes from the build ({@code contact-service.jar} system property), which builds contact-service
 * before the gateway; its log goes to {@code contact-service.log-dir}.
 */
final class ContactServiceProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private ContactServiceProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static ContactServiceProcess start() {
        Path jar = Path.of(System.getProperty("contact-service.jar", "../contact-service/target/contact-service-exec.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("contact-service is not built at " + jar.toAbsolutePath()
                                            + "; run ./mvnw -pl contact-service -am install -DskipTests first");
        }
        int port = freePort();
        Path log = Path.of(System.getProperty("contact-service.log-dir", "target"), "contact-service-" + port + ".log");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                       "-jar", jar.toString(),
                                       "--server.port=" + port,
                                       "--spring.mongodb.uri=" + TestMongo.uri(),
                                       "--handraiser.event-log.database=" + TestMongo.freshDatabaseName("gateway_events"),
                                       "--handraiser.service.database=" + TestMongo.freshDatabaseName("gateway_contact"),
                                       "--handraiser.personal-data.key-database=" + TestMongo.freshDatabaseName("gateway_keys"));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                                                         .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
            ContactServiceProcess service = new ContactServiceProcess(process, port, log);
            service.awaitHealthy();
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** CPU time the service has used so far, for the benchmark's cost per request. */
    Duration cpuTime() {
        return process.info().totalCpuDuration().orElseThrow(() -> new IllegalStateException("this platform reports no process CPU time"));
    }

    private void awaitHealthy() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(url() + "/actuator/health")).timeout(Duration.ofSeconds(2)).build();
        await("contact-service healthy (log: " + log.toAbsolutePath() + ")")
                .atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                .failFast("contact-service stopped; see " + log.toAbsolutePath(), () -> !process.isAlive())
                .until(() -> {
                    try {
                        return http.send(health, HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
                    } catch (IOException notYet) {
                        return false;
                    }
                });
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
