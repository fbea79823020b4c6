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
import java.util.stream.Collectors;

/**
 * Runs Handraiser on one machine: the embedded MongoDB-protocol server with data on disk (unless MONGODB_URI
 * names a real one) and every built service as its own process, each waited on until healthy. Prints where to
 * reach them and a development token per role, loads a demo history through the gateway on {@code --demo}, and
 * stops everything on Ctrl-C.
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

    /** Five JVMs starting at once on two busy cores take minutes; a service that dies is noticed at once anyway. */
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration STARTUP_NOTICE = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(12);

    static final String USAGE = """
            Usage: ./handraiser [--demo[=CONTACTS]] [--demo-seed=SEED]
              --demo[=CONTACTS]  once the suite is healthy, load a demo history through the gateway: CONTACTS contacts
                                 (default %d) from several sources and campaigns with weeks of engagements, sales reps,
                                 and sales accepting and returning the MQLs scoring finds. Loading it again records
                                 nothing twice.
              --demo-seed=SEED   a different demo history (default %d)
            Environment: MONGODB_URI (a real MongoDB; nothing embedded starts), HANDRAISER_DATA (default ./data),
                         HANDRAISER_MONGO_PORT (default 27017), HANDRAISER_SECURITY_JWT_SECRET.
            """.formatted(DemoHistory.DEFAULT_CONTACTS, DemoHistory.DEFAULT_SEED);

    /** @param demoContacts how many contacts the demo history has; 0 for no demo */
    record Options(boolean help, int demoContacts, long demoSeed) {

        static Options parse(String... args) {
            boolean help = false;
            int contacts = 0;
            long seed = DemoHistory.DEFAULT_SEED;
            for (String arg : args) {
                if (arg.equals("--help") || arg.equals("-h")) {
                    help = true;
                } else if (arg.equals("--demo")) {
                    contacts = DemoHistory.DEFAULT_CONTACTS;
                } else if (arg.startsWith("--demo=")) {
                    contacts = (int) number(arg, 1, 1_000_000);
                } else if (arg.startsWith("--demo-seed=")) {
                    seed = number(arg, Long.MIN_VALUE, Long.MAX_VALUE);
                } else {
                    throw new IllegalArgumentException("unknown option '" + arg + "'");
                }
            }
            return new Options(help, contacts, seed);
        }

        private static long number(String arg, long min, long max) {
            String value = arg.substring(arg.indexOf('=') + 1);
            long number;
            try {
                number = Long.parseLong(value);
            } catch (NumberFormatException notANumber) {
                throw new IllegalArgumentException(arg + ": '" + value + "' is not a whole number");
            }
            if (number < min || number > max) {
                throw new IllegalArgumentException(arg + ": from " + min + " to " + max + ", please");
            }
            return number;
        }
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException bad) {
            System.err.println(bad.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(USAGE);
            return;
        }
        Path root = Path.of(System.getProperty("handraiser.home", ".")).toAbsolutePath().normalize();
        Path data = Path.of(envOr("HANDRAISER_DATA", root.resolve("data").toString()));
        String secret = envOr("HANDRAISER_SECURITY_JWT_SECRET", DEVELOPMENT_SECRET);
        List<Service> available = SERVICES.stream().filter(service -> Files.isRegularFile(service.jar(root))).toList();
        if (available.isEmpty()) {
            System.err.println("No service is built; run ./mvnw install -DskipTests first.");
            System.exit(1);
        }
        if (options.demoContacts() > 0 && available.stream().noneMatch(Launcher::isGateway)) {
            System.err.println("--demo loads through the gateway, which is not built; run ./mvnw install -DskipTests first.");
            System.exit(1);
        }

        Children children = new Children();
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
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAll(children, stopLast), "handraiser-stop"));

        DevelopmentTokens tokens = new DevelopmentTokens(secret, Clock.systemUTC());
        try {
            Path logs = Files.createDirectories(data.resolve("logs"));
            List<Process> processes = new ArrayList<>();
            for (Service service : available) {
                processes.add(start(children, service, root, logs, mongoUri, secret));
            }
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            for (int i = 0; i < available.size(); i++) {
                awaitHealthy(http, available.get(i), processes.get(i), logs);
            }
            printWelcome(available, tokens);
            if (options.demoContacts() > 0) {
                Service gateway = available.stream().filter(Launcher::isGateway).findFirst().orElseThrow();
                loadDemo(options, URI.create("http://localhost:" + gateway.port()), tokens, children);
            }
            System.out.println("Press Ctrl-C to stop.");
            for (Process process : processes) {
                process.waitFor();
            }
        } catch (RuntimeException | IOException | InterruptedException failed) {
            // after Ctrl-C a service that stops while starting is no failure worth a trace
            if (!children.stopping()) {
                System.err.println("Handraiser could not start: " + failed.getMessage());
                System.exit(1);
            }
        }
    }

    /**
     * The processes started so far. Ctrl-C may arrive while they are being started; once stopping has begun no new
     * one starts, so none is left running behind the launcher.
     */
    private static final class Children {
        private final List<Process> processes = new ArrayList<>();
        private boolean stopping;

        synchronized Process start(ProcessBuilder builder) throws IOException {
            if (stopping) {
                throw new IllegalStateException("stopping");
            }
            Process process = builder.start();
            processes.add(process);
            return process;
        }

        synchronized List<Process> stop() {
            stopping = true;
            return List.copyOf(processes);
        }

        synchronized boolean stopping() {
            return stopping;
        }
    }

    private static Process start(Children children, Service service, Path root, Path logs, String mongoUri, String secret)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(javaExecutable(), "-XX:+UseSerialGC", "-Xss512k",
                                                    "-jar", service.jar(root).toString());
        Map<String, String> environment = builder.environment();
        environment.put("MONGODB_URI", mongoUri);
        environment.put("SERVER_PORT", Integer.toString(service.port()));
        environment.put("HANDRAISER_SECURITY_JWT_SECRET", secret);
        Path log = logs.resolve(service.name() + ".log");
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        System.out.println("Starting " + service.name() + " on port " + service.port() + " (log: " + log + ")");
        return children.start(builder);
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void awaitHealthy(HttpClient http, Service service, Process process, Path logs) throws InterruptedException {
        URI health = URI.create("http://127.0.0.1:" + service.port() + "/actuator/health");
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        Instant nextNotice = Instant.now().plus(STARTUP_NOTICE);
        while (Instant.now().isBefore(deadline)) {
            if (Instant.now().isAfter(nextNotice)) {
                System.out.println("Still waiting for " + service.name() + " to be healthy...");
                nextNotice = Instant.now().plus(STARTUP_NOTICE);
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(service.name() + " stopped while starting; see " + logs.resolve(service.name() + ".log"));
            }
            if (isUp(http, health)) {
                System.out.println(service.name() + " is healthy at http://localhost:" + service.port());
                return;
            }
            process.waitFor(500, TimeUnit.MILLISECONDS);
        }
        throw new IllegalStateException(service.name() + " was not healthy within " + STARTUP_TIMEOUT + "; see "
                                        + logs.resolve(service.name() + ".log"));
    }

    private static boolean isUp(HttpClient http, URI health) throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).build(),
                                                       HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (IOException notYet) {
            return false;
        }
    }

    private static boolean isGateway(Service service) {
        return service.name().equals("gateway");
    }

    private static void printWelcome(List<Service> services, DevelopmentTokens tokens) {
        System.out.println();
        System.out.println("Handraiser is running.");
        services.stream().filter(Launcher::isGateway).findFirst().ifPresentOrElse(gateway -> {
            String url = "http://localhost:" + gateway.port();
            System.out.println("  Gateway:   " + url + "  (API under " + url + "/api, documents at " + url + "/swagger-ui.html)");
            System.out.println("  Dashboard: " + url + "/dashboard  (paste the analyst token)");
        }, () -> System.out.println("  The gateway is not built; the services answer on their own ports: "
                                    + services.stream().map(service -> service.name() + " " + service.port())
                                              .collect(Collectors.joining(", "))));
        System.out.println("Development tokens (subject dev-<role>, valid 12 hours), use as 'Authorization: Bearer <token>':");
        for (String role : DevelopmentTokens.ROLES) {
            System.out.println("  " + role + ": " + tokens.mint("dev-" + role, TOKEN_LIFETIME, role));
        }
    }

    /** A demo that fails leaves the suite running: what loaded is there to look at, and the message says what broke. */
    private static void loadDemo(Options options, URI gateway, DevelopmentTokens tokens, Children children) throws InterruptedException {
        System.out.println();
        DemoHistory history = DemoHistory.generate(options.demoSeed(), options.demoContacts(), Instant.now());
        DemoLoader loader = new DemoLoader(new GatewayClient(gateway), tokens, DemoLoader.Settings.defaults(), System.out);
        try {
            printSummary(loader.load(history));
            System.out.println("The demo reps' sales tokens (subject = rep id; their inbox: GET /api/inbox):");
            for (DemoHistory.DemoRep rep : history.reps()) {
                System.out.println("  " + rep.id() + ": " + tokens.mint(rep.id(), TOKEN_LIFETIME, "sales"));
            }
        } catch (RuntimeException failed) {
            if (!children.stopping()) {
                System.err.println("The demo history stopped: " + failed.getMessage());
                System.err.println("The suite keeps running; loading it again (same options) records nothing twice.");
            }
        }
    }

    private static final List<String> FUNNEL_ORDER = List.of("SUBSCRIBER", "LEAD", "MQL", "SQL", "OPPORTUNITY", "CUSTOMER",
                                                             "EVANGELIST", "OTHER");

    private static void printSummary(DemoLoader.Summary summary) {
        System.out.printf("Demo history loaded in %d min %d s:%n", summary.took().toMinutes(), summary.took().toSecondsPart());
        System.out.printf("  contacts     %,d (%,d new) from %d sources and %d campaigns%n", summary.contacts(), summary.newContacts(),
                          summary.sources(), summary.campaigns());
        System.out.printf("  engagements  %,d over the last %d weeks%n", summary.engagements(), DemoHistory.SPAN.toDays() / 7);
        System.out.printf("  sales reps   %d%n", summary.reps());
        System.out.printf("  MQLs         %,d found in the sales inboxes%n", summary.mqls());
        System.out.printf("  accepted     %,d as SQL (%,d moved on to OPPORTUNITY, %,d of them to CUSTOMER)%n", summary.accepted(),
                          summary.opportunities(), summary.customers());
        System.out.printf("  returned     %,d to nurture%s%n", summary.returnedTotal(), summary.returned().isEmpty() ? ""
                : summary.returned().entrySet().stream().map(reason -> reason.getKey() + " " + reason.getValue())
                         .collect(Collectors.joining(", ", " (", ")")));
        System.out.printf("  left open    %,d in the reps' inboxes%s%n", summary.keptOpen(),
                          summary.decidedBefore() > 0 ? "; " + summary.decidedBefore() + " had been decided already" : "");
        Map<String, Long> stages = summary.funnel().stages();
        System.out.printf("Funnel (GET /api/reports/stages, whole database): %s; disqualified %,d%n",
                          FUNNEL_ORDER.stream().filter(stage -> stages.getOrDefault(stage, 0L) > 0)
                                      .map(stage -> stage + " " + stages.get(stage)).collect(Collectors.joining(", ")),
                          summary.funnel().disqualified());
    }

    private static void stopAll(Children children, EmbeddedMongo embedded) {
        List<Process> processes = children.stop();
        System.out.println("Stopping Handraiser...");
        processes.forEach(Process::destroy);
        // one deadline for all: they stop side by side, and a service still starting may not stop on request at all
        Instant deadline = Instant.now().plus(STOP_TIMEOUT);
        for (Process process : processes) {
            try {
                long left = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
                if (!process.waitFor(left, TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
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
