package io.handraiser.e2e;

import io.handraiser.e2e.EventLogRecount.Counts;
import io.handraiser.e2e.Http.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 12, crash under load: while marketing automation sends engagements through the gateway, services are
 * killed with SIGKILL in turn and started again, and the MongoDB server is stopped and started once. Afterwards the
 * log holds every acknowledged engagement exactly once and every read model agrees with a recount from the log.
 * <p>
 * The build runs a short version: 2,000 engagements, contact-service, the gateway and scoring-service killed once
 * each. {@code -Preliability} runs the figures: 100,000 engagements of 10,000 contacts, 20 kills, every
 * service in turn (docs/reliability.md).
 */
class CrashRecoveryTest {

    private static final int CONTACTS = Integer.getInteger("reliability.crash.contacts", 300);
    private static final int ENGAGEMENTS = Integer.getInteger("reliability.crash.engagements", 2_000);
    private static final int KILLS = Integer.getInteger("reliability.crash.kills", 3);
    private static final int RATE = Integer.getInteger("reliability.crash.rate", 15);
    private static final Duration MONGO_DOWN = Duration.ofSeconds(5);
    private static final List<String> VICTIMS = List.of("contact", "gateway", "scoring-1", "handoff-1", "reporting");

    @RegisterExtension
    static final SharedSuite.Extension SUITE = new SharedSuite.Extension();

    @Test
    void killedServicesLoseNothingAcknowledgedAndTheReadModelsAgreeWithTheLog() throws Exception {
        SuiteUnderTest suite = SUITE.suite();
        Http gateway = new Http(suite.gateway());
        EngagementLoad load = new EngagementLoad(gateway, suite.token("reliability-load", "automation"), 12);
        Reply rep = gateway.put("/api/reps/crash-rep", suite.token("reliability-admin", "admin"), "{\"name\":\"Crash\",\"capacity\":10000}");
        assertThat(rep.status()).as(rep.toString()).isEqualTo(200);
        load.capture(CONTACTS, 4);
        long batches = (ENGAGEMENTS + 49) / 50;

        Instant started = Instant.now();
        CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
            try {
                load.engage(ENGAGEMENTS, 4, RATE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        List<String> killed = new ArrayList<>();
        for (int kill = 0; kill < KILLS; kill++) {
            // spread the kills over the load: each waits for its share of acknowledged batches
            long due = batches * (kill + 1) / (KILLS + 2);
            await().atMost(Duration.ofMinutes(10)).until(() -> load.batchesAcknowledged() >= due || sending.isDone());
            String victim = VICTIMS.get(kill % VICTIMS.size());
            suite.kill(victim);
            suite.restart(victim);
            killed.add(victim);
            if (kill == KILLS / 2) {
                suite.stopMongo();
                // the outage's length is what is being tested, not something to wait for
                TimeUnit.MILLISECONDS.sleep(MONGO_DOWN.toMillis());
                suite.startMongo();
            }
        }
        sending.get(20, TimeUnit.MINUTES);
        Duration loadTook = Duration.between(started, Instant.now());

        Instant recovering = Instant.now();
        Counts counts = ReadModelCheck.awaitAgreement(suite, gateway, load.acknowledged());
        System.out.printf("""
                Crash under load: %,d contacts, %,d engagements acknowledged in %d s, %d kills (%s) and one MongoDB restart
                  failed attempts retried by the client: %d %s
                  log: %,d events, %,d engagements recorded, %d recorded twice, %d acknowledged but missing
                  %,d contacts, %,d MQLs, %,d handoffs opened, %d double MQLs, %d doubled handoffs
                  read models agreed with the log %d s after the load ended
                """, CONTACTS, load.engagementsAcknowledged(), loadTook.toSeconds(), killed.size(), String.join(", ", killed),
                          load.failures().size(), EngagementLoad.histogram(load.failures()), counts.events(),
                          counts.engagementRecordings().size(), counts.recordedMoreThanOnce(),
                          load.acknowledged().stream().filter(id -> !counts.engagementRecordings().containsKey(id)).count(),
                          counts.stages().size(), counts.mqls().values().stream().mapToLong(Long::longValue).sum(),
                          counts.handoffsOpened().values().stream().mapToLong(Long::longValue).sum(), counts.doubleMqls().size(),
                          counts.doubledHandoffs().size(), Duration.between(recovering, Instant.now()).toSeconds());
        assertThat(load.engagementsAcknowledged()).isEqualTo(ENGAGEMENTS);
        assertThat(killed).hasSize(KILLS);
    }
}
