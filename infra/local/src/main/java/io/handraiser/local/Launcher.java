package io.handraiser.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs Handraiser on one machine: the embedded MongoDB-protocol server with data on disk (unless MONGODB_URI
 * names a real one) and every built service as its own process, each waited on until healthy. Prints where to
 * reach them and a development token per role; Ctrl-C stops everything.
 */
public final class Launcher {

    /** Handed to every service so that the tokens printed here are the ones they accept. */
    static final String DEVELOPMENT_SECRET = "handraiser-development-secret-not-for-production-use";

    record Service(String name, int port) {
        Path jar(Path root) {
            return root.resolve(name).resolve("target").resolve(name + "-exec.jar");
        }
    }

    static final List<Service> SERVICES = List.of(new Service("contact-service", 8081),
                                                  new Service("scoring-service", 8082),
                                                  new Service("handoff-service", 8083),
                                                  new Service("reporting-service", 8084),
                                                  new Service("gateway", 8080));

    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(3);

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("handraiser.home", ".")).toAbsolutePath().normalize();
        Path data = Path.of(envOr("HANDRAISER_DATA", root.resolve("data").toString()));
        String secret = envOr("HANDRAISER_SECURITY_JWT_SECRET", DEVELOPMENT_SECRET);
        List<Process> processes = new ArrayList<>();
        EmbeddedMongo embedded = null;
        String mongoUri = System.getenv("MONGODB_URI");
        if (mongoUri == null || mongoUri.isBlank()) {
            embedded = EmbeddedMongo.start(data, Integer.parseInt(envOr("HANDRAISER_MONGO_PORT", "27017")));
            mongoUri = embedded.uri();
            System.out.println("Embedded MongoDB-protocol server at " + mongoUri + ", data in " + data);
        } else {
            System.out.println("Using MongoDB at " + mongoUri.replaceAll("//[^@/]*@", "//***@"));
        }
        EmbeddedMongo stopLast = embedded;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAll(processes, stopLast), "handraiser-stop"));

        List<Service> available = SERVICES.stream().filter(service -> Files.isRegularFile(service.jar(root))).toList();
        if (available.isEmpty()) {
            System.err.println("No service is built; run ./mvnw install -DskipTests first.");
            System.exit(1);
        }
        Path logs = Files.createDirectories(data.resolve("logs"));
        for (Service service : available) {
            processes.add(start(service, root, logs, mongoUri, secret));
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        for (int i = 0; i < available.size(); i++) {
            awaitHealthy(http, available.get(i), processes.get(i), logs);
        }
        printWelcome(available, secret);
        for (Process process : processes) {
            process.waitFor();
        }
    }

    private static Process start(Service service, Path root, Path logs, String mongoUri, String secret) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(javaExecutable(), "-XX:+UseSerialGC", "-Xss512k",
                                                    "-jar", service.jar(root).toString());
        Map<String, String> environment = builder.environment();
        environment.put("MONGODB_URI", mongoUri);
        environment.put("SERVER_PORT", Integer.toString(service.port()));
        environment.put("HANDRAISER_SECURITY_JWT_SECRET", secret);
        Path log = logs.resolve(service.name() + ".log");
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        System.out.println("Starting " + service.name() + " on port " + service.port() + " (log: " + log + ")");
        return builder.start();
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void awaitHealthy(HttpClient http, Service service, Process process, Path logs) throws Exception {
        URI health = URI.create("http://127.0.0.1:" + service.port() + "/actuator/health");
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(service.name() + " stopped while starting; see " + logs.resolve(service.name() + ".log"));
            }
            if (isUp(http, health)) {
                System.out.println(service.name() + " is healthy at http://localhost:" + service.port());
                return;
            }
            process.waitFor(500, TimeUnit.MILLISECONDS);
        }
        throw new IllegalStateException(service.name() + " was not healthy within " + STARTUP_TIMEOUT);
    }

    private static boolean isUp(HttpClient http, URI health) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).build(),
                                                       HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void printWelcome(List<Service> services, String secret) {
        Service entry = services.stream().filter(service -> service.name().equals("gateway")).findFirst()
                                .orElse(services.get(0));
        DevelopmentTokens tokens = new DevelopmentTokens(secret, Clock.systemUTC());
        System.out.println();
        System.out.println("Handraiser is running. API: http://localhost:" + entry.port() + "/api");
        System.out.println("Development tokens (valid 12 hours), use as 'Authorization: Bearer <token>':");
        for (String role : DevelopmentTokens.ROLES) {
            System.out.println("  " + role + ": " + tokens.mint("dev-" + role, Duration.ofHours(12), role));
        }
        System.out.println("Press Ctrl-C to stop.");
    }

    private static void stopAll(List<Process> processes, EmbeddedMongo embedded) {
        processes.forEach(Process::destroy);
        for (Process process : processes) {
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        if (embedded != null) {
            embedded.close();
        }
        System.out.println("Handraiser stopped.");
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
