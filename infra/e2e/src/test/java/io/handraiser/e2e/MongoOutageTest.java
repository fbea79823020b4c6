package io.handraiser.e2e;

import io.handraiser.e2e.EngagementLoad.Failure;
import io.handraiser.e2e.Http.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 12, MongoDB unavailable: the server goes away for 30 s in the middle of the load. Requests fail fast with
 * a 503 problem (not a 500, not a hang), the load's client tries again as a real one would, nothing acknowledged is
 * lost, and the services recover without being restarted.
 */
class MongoOutageTest {

    private static final Duration OUTAGE = Duration.parse(System.getProperty("reliability.outage", "PT30S"));
    /** The services give up on MongoDB after a few seconds; a single request slower than this is a hang. */
    private static final Duration FAST = Duration.ofSeconds(10);
    /**
     * A batch records its engagements one by one; one caught mid-way may wait out a read and a pool wait (10 s each)
     * before it fails, which is still half of the gateway's 60 s for a batch.
     */
    private static final Duration FAST_BATCH = Duration.ofSeconds(30);

    @RegisterExtension
    static final SharedSuite.Extension SUITE = new SharedSuite.Extension();

    @Test
    void requestsFailFastWhileMongoDbIsAwayAndNothingAcknowledgedIsLost() throws Exception {
        SuiteUnderTest suite = SUITE.suite();
        Map<String, Long> pidsBefore = suite.pids();
        Http gateway = new Http(suite.gateway());
        EngagementLoad load = new EngagementLoad(gateway, suite.token("reliability-load", "automation"), 34);
        load.capture(100, 4);
        String someContact = load.contactIds().values().iterator().next();
        int engagements = (int) (OUTAGE.toSeconds() * 2 * 20);
        CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
            try {
                load.engage(engagements, 4, 20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        await().atMost(Duration.ofMinutes(2)).until(() -> load.batchesAcknowledged() >= 3);

        List<Reply> probes = Collections.synchronizedList(new ArrayList<>());
        List<Duration> probeTimes = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean down = new AtomicBoolean(true);
        suite.stopMongo();
        Instant wentDown = Instant.now();
        // reads and a capture during the outage, besides the load's batches
        CompletableFuture<Void> probing = CompletableFuture.runAsync(() -> {
            String marketing = suite.token("reliability-probe", "marketing");
            while (down.get()) {
                long started = System.nanoTime();
                probes.add(gateway.get("/api/contacts/" + someContact, marketing));
                probes.add(gateway.post("/api/contacts", marketing, "{\"email\":\"outage-" + System.nanoTime() + "@acme.example\"}"));
                probeTimes.add(Duration.ofNanos((System.nanoTime() - started) / 2));
            }
        });
        // the outage's length is what is being tested, not something to wait for
        TimeUnit.MILLISECONDS.sleep(OUTAGE.toMillis());
        suite.startMongo();
        Instant cameBack = Instant.now();
        down.set(false);
        probing.get(1, TimeUnit.MINUTES);
        Duration recovery = await().atMost(Duration.ofMinutes(2)).until(() -> {
            Reply read = gateway.get("/api/contacts/" + someContact, suite.token("reliability-probe", "marketing"));
            return read.status() == 200 ? Duration.between(cameBack, Instant.now()) : null;
        }, took -> took != null);
        sending.get(10, TimeUnit.MINUTES);

        List<Failure> duringOutage = load.failures().stream()
                                         .filter(failure -> !failure.at().isBefore(wentDown) && !failure.at().isAfter(cameBack.plus(FAST)))
                                         .toList();
        List<Reply> failedProbes = probes.stream().filter(probe -> probe.status() != 200 && probe.status() != 201).toList();
        Duration slowest = duringOutage.stream().map(Failure::took).max(Comparator.naturalOrder()).orElse(Duration.ZERO);
        Duration slowestProbe = probeTimes.stream().max(Comparator.naturalOrder()).orElse(Duration.ZERO);
        System.out.printf("""
                MongoDB away for %d s under load: %d batches failed meanwhile %s, slowest %d ms; %d probe requests, %d failed, \
                statuses %s, slowest %d ms; reads served again %d ms after MongoDB came back; load of %,d engagements acknowledged
                """, OUTAGE.toSeconds(), duringOutage.size(), EngagementLoad.histogram(duringOutage), slowest.toMillis(), probes.size(),
                          failedProbes.size(), probes.stream().map(probe -> Integer.toString(probe.status())).distinct().toList(),
                          slowestProbe.toMillis(), recovery.toMillis(), load.engagementsAcknowledged());

        assertThat(failedProbes).as("requests answered while MongoDB was away").isNotEmpty();
        assertThat(failedProbes).allSatisfy(probe -> {
            assertThat(probe.status()).as(probe.toString()).isEqualTo(503);
            assertThat(probe.contentType()).as(probe.toString()).startsWith("application/problem+json");
        });
        assertThat(duringOutage).allSatisfy(failure -> {
            assertThat(failure.status()).as("a batch's answer during the outage").isEqualTo(503);
            assertThat(failure.contentType()).startsWith("application/problem+json");
        });
        assertThat(slowest).as("slowest failed batch").isLessThan(FAST_BATCH);
        assertThat(slowestProbe).as("slowest probe").isLessThan(FAST);

        ReadModelCheck.awaitAgreement(suite, gateway, load.acknowledged());
        assertThat(suite.pids()).as("no service was restarted").isEqualTo(pidsBefore);
    }
}
