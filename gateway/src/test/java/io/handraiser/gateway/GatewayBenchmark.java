package io.handraiser.gateway;

import com.sun.management.OperatingSystemMXBean;
import io.netty.channel.epoll.Epoll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the gateway costs engagement ingestion: the same load sent straight to contact-service and through the
 * gateway, alternating in one run on one machine, printed as engagements per second, latency percentiles and their
 * ratios: once with one engagement per request, once in batches, since the gateway's cost is per request and
 * automation at volume sends batches. No assertion: the figures depend on the machine; the target (routed >= 0.85x
 * direct) is printed beside them.
 * <p>
 * {@code ./mvnw -pl gateway verify -Pbenchmark [-Dbenchmark.requests=2000 -Dbenchmark.concurrency=8
 * -Dbenchmark.rounds=3 -Dbenchmark.batch=50 -Dreactor.netty.native=false]}; not named *Test, so the ordinary build
 * never runs it.
 */
class GatewayBenchmark {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                                                     .connectTimeout(Duration.ofSeconds(5)).build();
    private static final String AUTOMATION = Tokens.valid("benchmark", "automation");
    private static final AtomicLong engagementIds = new AtomicLong();
    private static final OperatingSystemMXBean LOCAL = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    @Test
    void routedEngagementIngestionAgainstDirect() throws Exception {
        int requests = Integer.getInteger("benchmark.requests", 2000);
        int concurrency = Integer.getInteger("benchmark.concurrency", 8);
        int rounds = Integer.getInteger("benchmark.rounds", 3);
        int batch = Integer.getInteger("benchmark.batch", 50);
        System.out.printf("Gateway benchmark: %d engagements per round, %d concurrent clients, %d rounds, batches of %d; Netty native "
                          + "transport %s%n", requests, concurrency, rounds, batch,
                          Epoll.isAvailable() && !"false".equals(System.getProperty("reactor.netty.native")) ? "on (epoll)" : "off (NIO)");
        try (ContactServiceProcess contactService = ContactServiceProcess.start();
             ConfigurableApplicationContext gateway = startGateway(contactService.url())) {
            String direct = contactService.url();
            String routed = "http://127.0.0.1:" + ((WebServerApplicationContext) gateway).getWebServer().getPort();
            List<String> contacts = new ArrayList<>();
            for (int i = 0; i < concurrency; i++) {
                contacts.add(capture(direct));
            }
            compare("one engagement per request", direct, routed, contacts, requests, 1, rounds, contactService);
            compare("batches of " + batch + " engagements (POST /api/engagements/batch)", direct, routed, contacts,
                    requests / batch, batch, rounds, contactService);
        }
    }

    /**
     * Alternates direct and routed rounds after a warm-up round of each; {@code requests} per round of
     * {@code batch} engagements each, so rates are engagements per second and latencies per request.
     */
    private static void compare(String mode, String direct, String routed, List<String> contacts, int requests, int batch,
                                int rounds, ContactServiceProcess contactService) throws Exception {
        System.out.printf("%n%s: warming up both paths with a round each...%n", mode);
        run(direct, contacts, requests, batch, contactService);
        run(routed, contacts, requests, batch, contactService);
        List<Result> directResults = new ArrayList<>();
        List<Result> routedResults = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            Result straight = run(direct, contacts, requests, batch, contactService);
            Result through = run(routed, contacts, requests, batch, contactService);
            directResults.add(straight);
            routedResults.add(through);
            System.out.printf("round %d: direct %s | routed %s | routed/direct %.2f%n", round, straight, through,
                              through.perSecond() / straight.perSecond());
        }
        Result direct50 = median(directResults);
        Result routed50 = median(routedResults);
        System.out.printf("%s, median of %d rounds:%n  direct: %s%n  routed: %s%n", mode, rounds, direct50, routed50);
        System.out.printf("  throughput routed/direct: %.2f (target >= 0.85)%n", routed50.perSecond() / direct50.perSecond());
        System.out.printf("  added latency per request: p50 %+.2f ms, p99 %+.2f ms%n", routed50.p50() - direct50.p50(), routed50.p99() - direct50.p99());
        System.out.printf("  CPU per engagement, contact-service: direct %.2f ms, routed %.2f ms; this JVM (clients, embedded MongoDB, "
                          + "gateway): direct %.2f ms, routed %.2f ms; %d cores%n", direct50.serviceCpu(), routed50.serviceCpu(),
                          direct50.localCpu(), routed50.localCpu(), Runtime.getRuntime().availableProcessors());
    }

    private static ConfigurableApplicationContext startGateway(String contactService) {
        // as arguments, which override application.yml (builder properties would only be defaults)
        return new SpringApplicationBuilder(GatewayApplication.class)
                .run("--server.port=0",
                     "--handraiser.services.contact=" + contactService,
                     // the benchmark is one client sending as fast as it can: no limit must stop it
                     "--handraiser.gateway.limits.rate.capacity=100000000",
                     "--handraiser.gateway.limits.rate.refill-per-second=100000000",
                     "--logging.level.root=WARN");
    }

    private static String capture(String base) {
        String body = "{\"email\":\"bench-" + UUID.randomUUID() + "@example.com\",\"source\":{\"system\":\"benchmark\"}}";
        HttpResponse<String> response = post(base + "/api/contacts", body);
        if (response.statusCode() != 201) {
            throw new IllegalStateException("capture answered " + response.statusCode() + ": " + response.body());
        }
        return GatewayCalls.json(response.body()).get("id").asString();
    }

    /** Each client records engagements on a contact of its own, so that clients do not contend for one aggregate. */
    private static Result run(String base, List<String> contacts, int requests, int batch, ContactServiceProcess service) throws Exception {
        int perClient = requests / contacts.size();
        ExecutorService clients = Executors.newFixedThreadPool(contacts.size());
        try {
            Duration serviceCpuBefore = service.cpuTime();
            long localCpuBefore = LOCAL.getProcessCpuTime();
            long start = System.nanoTime();
            List<Future<long[]>> latencies = new ArrayList<>();
            for (String contact : contacts) {
                latencies.add(clients.submit(() -> {
                    long[] nanos = new long[perClient];
                    for (int i = 0; i < perClient; i++) {
                        String url = batch == 1 ? base + "/api/contacts/" + contact + "/engagements" : base + "/api/engagements/batch";
                        String body = batch == 1 ? engagement(null) : batchOf(contact, batch);
                        long sent = System.nanoTime();
                        HttpResponse<String> response = post(url, body);
                        nanos[i] = System.nanoTime() - sent;
                        if (response.statusCode() != (batch == 1 ? 202 : 200) || batch > 1 && !response.body().contains("\"rejected\":0")) {
                            throw new IllegalStateException("engagements answered " + response.statusCode() + ": " + response.body());
                        }
                    }
                    return nanos;
                }));
            }
            List<Long> all = new ArrayList<>();
            for (Future<long[]> client : latencies) {
                Arrays.stream(client.get()).forEach(all::add);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long engagements = (long) all.size() * batch;
            double serviceCpu = service.cpuTime().minus(serviceCpuBefore).toNanos() / 1e6 / engagements;
            double localCpu = (LOCAL.getProcessCpuTime() - localCpuBefore) / 1e6 / engagements;
            long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
            return new Result(engagements / seconds, percentile(sorted, 0.50), percentile(sorted, 0.99), serviceCpu, localCpu);
        } finally {
            clients.shutdownNow();
        }
    }

    private static String engagement(String contact) {
        return "{" + (contact == null ? "" : "\"contactId\":\"" + contact + "\",") + "\"engagementId\":\"bench-"
               + engagementIds.incrementAndGet() + "\",\"type\":\"EMAIL_OPENED\",\"occurredAt\":\"2026-11-20T10:00:00Z\"}";
    }

    private static String batchOf(String contact, int size) {
        StringBuilder items = new StringBuilder("{\"items\":[");
        for (int i = 0; i < size; i++) {
            items.append(i == 0 ? "" : ",").append(engagement(contact));
        }
        return items.append("]}").toString();
    }

    private static HttpResponse<String> post(String url, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                                         .header("Authorization", AUTOMATION).header("Content-Type", "application/json")
                                         .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static double percentile(long[] sortedNanos, double fraction) {
        return sortedNanos[Math.min(sortedNanos.length - 1, (int) (sortedNanos.length * fraction))] / 1e6;
    }

    private static Result median(List<Result> results) {
        List<Result> byRate = new ArrayList<>(results);
        byRate.sort((a, b) -> Double.compare(a.perSecond(), b.perSecond()));
        return byRate.get(byRate.size() / 2);
    }

    /** Engagements per second; latencies per request and CPU per engagement, of contact-service and of this JVM, in ms. */
    record Result(double perSecond, double p50, double p99, double serviceCpu, double localCpu) {

        @Override
        public String toString() {
            return String.format("%.0f engagements/s, p50 %.2f ms, p99 %.2f ms", perSecond, p50, p99);
        }
    }
}
