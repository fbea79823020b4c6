package io.handraiser.local;

import io.handraiser.local.Suite.Instance;
import io.handraiser.local.Suite.Service;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    /** Five JVMs starting at once on two busy cores take minutes; a service that dies is noticed at once anyway. */
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(10);
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
        List<Service> available = Suite.SERVICES.stream().filter(service -> Files.isRegularFile(service.jar(root))).toList();
        if (available.isEmpty()) {
            System.err.println("No service is built; run ./mvnw install -DskipTests first.");
            System.exit(1);
        }
        if (options.demoContacts() > 0 && available.stream().noneMatch(Service::isGateway)) {
            System.err.println("--demo loads through the gateway, which is not built; run ./mvnw install -DskipTests first.");
            System.exit(1);
        }

        EmbeddedMongo embedded = null;
        String mongoUri = System.getenv("MONGODB_URI");
        if (mongoUri == null || mongoUri.isBlank()) {
            embedded = EmbeddedMongo.start(data, Integer.parseInt(envOr("HANDRAISER_MONGO_PORT", "27017")));
            mongoUri = embedded.uri();
            System.out.println("Embedded MongoDB-protocol server at " + mongoUri + ", data in " + data);
        } else {
            System.out.println("Using MongoDB at " + mongoUri.replaceAll("//[^@/]*@", "//***@"));
        }
        Suite suite = new Suite(root, data.resolve("logs"), List.of("-XX:+UseSerialGC", "-Xss512k"),
                                Map.of("MONGODB_URI", mongoUri, "HANDRAISER_SECURITY_JWT_SECRET", secret));
        EmbeddedMongo stopLast = embedded;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAll(suite, stopLast), "handraiser-stop"));

        DevelopmentTokens tokens = new DevelopmentTokens(secret, Clock.systemUTC());
        try {
            List<Instance> instances = available.stream().map(Instance::new).toList();
            List<Process> processes = new ArrayList<>();
            for (Instance instance : instances) {
                System.out.println("Starting " + instance.name() + " on port " + instance.port() + " (log: " + suite.log(instance) + ")");
                processes.add(suite.start(instance));
            }
            for (Instance instance : instances) {
                suite.awaitHealthy(instance, STARTUP_TIMEOUT,
                                   () -> System.out.println("Still waiting for " + instance.name() + " to be healthy..."));
                System.out.println(instance.name() + " is healthy at " + instance.url());
            }
            printWelcome(available, tokens);
            if (options.demoContacts() > 0) {
                Service gateway = available.stream().filter(Service::isGateway).findFirst().orElseThrow();
                loadDemo(options, URI.create("http://localhost:" + gateway.port()), tokens, suite);
            }
            System.out.println("Press Ctrl-C to stop.");
            for (Process process : processes) {
                process.waitFor();
            }
        } catch (RuntimeException | IOException | InterruptedException failed) {
            // after Ctrl-C a service that stops while starting is no failure worth a trace
            if (!suite.stopping()) {
                System.err.println("Handraiser could not start: " + failed.getMessage());
                System.exit(1);
            }
        }
    }

    private static void printWelcome(List<Service> services, DevelopmentTokens tokens) {
        System.out.println();
        System.out.println("Handraiser is running.");
        services.stream().filter(Service::isGateway).findFirst().ifPresentOrElse(gateway -> {
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
    private static void loadDemo(Options options, URI gateway, DevelopmentTokens tokens, Suite suite) throws InterruptedException {
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
            if (!suite.stopping()) {
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

    private static void stopAll(Suite suite, EmbeddedMongo embedded) {
        System.out.println("Stopping Handraiser...");
        suite.close();
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
