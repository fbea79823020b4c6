package io.handraiser.e2e;

import io.handraiser.e2e.Http.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 12, soak: mixed traffic at a steady rate (engagement batches, captures, reads of contacts, inboxes and
 * reports) while every service's live heap (after a full collection, taken with jcmd) and the processing lag (an
 * engagement acknowledged until the contact view counts it) are sampled. Memory must stay flat and lag must not grow.
 * One minute in the build, five in the reliability suite, an hour with {@code -Dreliability.soak=PT1H}.
 */
class SoakTest {

    private static final Duration SOAK = Duration.parse(System.getProperty("reliability.soak", "PT1M"));
    private static final int SAMPLES = 6;
    private static final int ENGAGEMENTS_PER_SECOND = 20;

    @RegisterExtension
    static final SharedSuite.Extension SUITE = new SharedSuite.Extension();

    record Sample(Instant at, Map<String, Long> liveHeap, Duration lag) {
    }

    @Test
    void memoryStaysFlatAndProcessingLagDoesNotGrow() throws Exception {
        SuiteUnderTest suite = SUITE.suite();
        Http gateway = new Http(suite.gateway());
        String automation = suite.token("reliability-soak", "automation");
        EngagementLoad load = new EngagementLoad(gateway, automation, 56);
        load.capture(50, 4);
        String probe = load.contactIds().values().iterator().next();

        AtomicBoolean soaking = new AtomicBoolean(true);
        AtomicLong reads = new AtomicLong();
        CompletableFuture<Void> engaging = CompletableFuture.runAsync(() -> {
            try {
                load.engage((int) (SOAK.toSeconds() * ENGAGEMENTS_PER_SECOND), 2, ENGAGEMENTS_PER_SECOND);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> {
            String analyst = suite.token("reliability-soak", "analyst");
            String sales = suite.token("reliability-soak", "sales");
            while (soaking.get()) {
                for (Reply reply : List.of(gateway.get("/api/contacts/" + probe, sales), gateway.get("/api/inbox", sales),
                                           gateway.get("/api/reports/stages", analyst), gateway.get("/api/scores/" + probe, analyst))) {
                    assertThat(reply.status()).as(reply.toString()).isIn(200, 404, 429);
                    reads.incrementAndGet();
                }
            }
        });

        List<Sample> samples = new ArrayList<>();
        Instant started = Instant.now();
        for (int i = 1; i <= SAMPLES; i++) {
            Instant due = started.plus(SOAK.multipliedBy(i).dividedBy(SAMPLES));
            await().atMost(SOAK.plusMinutes(5)).until(() -> !Instant.now().isBefore(due));
            samples.add(new Sample(Instant.now(), liveHeaps(suite), lag(gateway, automation, probe)));
        }
        soaking.set(false);
        engaging.get(5, TimeUnit.MINUTES);
        reading.get(1, TimeUnit.MINUTES);

        StringBuilder table = new StringBuilder("Soak of " + SOAK + ": " + load.engagementsAcknowledged() + " engagements, " + reads.get()
                                                + " reads; live heap MB per instance and processing lag per sample\n");
        for (Sample sample : samples) {
            table.append(String.format("  +%4d s  lag %5d ms  ", Duration.between(started, sample.at()).toSeconds(), sample.lag().toMillis()));
            sample.liveHeap().forEach((name, bytes) -> table.append(name).append(' ').append(bytes / (1 << 20)).append("  "));
            table.append('\n');
        }
        System.out.print(table);

        // the first sample is still warming up (caches filling, classes loading); flat from the second on
        Sample warm = samples.get(1);
        Sample last = samples.get(samples.size() - 1);
        warm.liveHeap().forEach((name, bytes) -> assertThat(last.liveHeap().get(name))
                .as("live heap of " + name + " at the end vs after warm-up (" + bytes + " bytes)\n" + table)
                .isLessThan(bytes + Math.max(bytes / 2, 32L << 20)));
        Duration firstLags = samples.subList(0, 3).stream().map(Sample::lag).max(Duration::compareTo).orElseThrow();
        Duration lastLags = samples.subList(3, SAMPLES).stream().map(Sample::lag).min(Duration::compareTo).orElseThrow();
        assertThat(lastLags).as("processing lag late in the soak vs early\n" + table)
                            .isLessThanOrEqualTo(firstLags.multipliedBy(3).plusSeconds(2));
    }

    /** Heap in use right after a full collection, per instance: what the process keeps, not what it has not freed yet. */
    private static Map<String, Long> liveHeaps(SuiteUnderTest suite) throws IOException, InterruptedException {
        Map<String, Long> heaps = new LinkedHashMap<>();
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        for (Map.Entry<String, Long> instance : suite.pids().entrySet()) {
            Process gc = new ProcessBuilder(jcmd, Long.toString(instance.getValue()), "GC.run").redirectErrorStream(true).start();
            gc.getInputStream().readAllBytes();
            gc.waitFor(1, TimeUnit.MINUTES);
            heaps.put(instance.getKey(), heapUsed(suite.url(instance.getKey())));
        }
        return heaps;
    }

    private static long heapUsed(URI instance) throws IOException, InterruptedException {
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(instance.resolve("/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        long used = 0;
        for (String line : metrics.body().split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                used += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return used;
    }

    /** From an engagement acknowledged to the contact view counting it: the event log and a projection, end to end. */
    private static Duration lag(Http gateway, String automation, String probe) {
        long before = gateway.get("/api/contacts/" + probe, automation).body().path("engagements").path("total").asLong();
        Instant sent = Instant.now();
        Reply recorded = gateway.post("/api/contacts/" + probe + "/engagements", automation,
                                      "{\"engagementId\":\"soak-probe-" + UUID.randomUUID() + "\",\"type\":\"EMAIL_OPENED\",\"occurredAt\":\""
                                      + Instant.now() + "\"}");
        assertThat(recorded.status()).as(recorded.toString()).isBetween(200, 202);
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50))
               .until(() -> gateway.get("/api/contacts/" + probe, automation).body().path("engagements").path("total").asLong() > before);
        return Duration.between(sent, Instant.now());
    }
}
