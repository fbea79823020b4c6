package io.handraiser.scoring.evaluation;

import com.mongodb.client.MongoCollection;
import io.handraiser.contract.contact.ContactEvent;
import io.handraiser.scoring.engine.VersionedModel;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Prints, does not judge: how fast a what-if replay goes through the event log, against the raw driver reading the
 * very same commit documents (whole, one cursor, counting events) in the same run. The log is the planted history
 * ({@link PlantedHistory}), personal data encrypted as in production, one event per commit as contact-service
 * commits them, written straight into the commits collection in bulk. Every replay reads with a key cache of its own,
 * cold, as scoring-service reads what contact-service wrote, and reads and decodes every event anew. Size: {@code
 * -Dbenchmark.events} (default 1,000,000). Run with
 * {@code ./mvnw -pl scoring-service verify -Dtest=EvaluationBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 * <p>
 * Both are warmed up on a smaller log after the setup, a few times: the replay runs far more code than a raw read
 * (JSON binding, AES-GCM, scoring), and the compiler, which shares the two cores, was still compiling it through a
 * measured replay after one pass (and after a setup whose own compilations queued ahead of it). Then both are measured
 * in alternate rounds, each printed, and the medians compared: on cores shared with other work one round alone says
 * more about the neighbours than about the replay. Every round's report must equal the first.
 */
class EvaluationBenchmark {

    static final int EVENTS = Integer.getInteger("benchmark.events", 1_000_000);
    static final int CONTACTS_PER_BLOCK = 2_000;
    static final int WARM_UP_EVENTS = 50_000;
    static final int WARM_UPS = 3;
    static final int ROUNDS = 5;

    @Test
    void replayRateAgainstTheRawReadRate() {
        EventLogOnMongo warmUp = new EventLogOnMongo();
        write(warmUp, WARM_UP_EVENTS);
        EventLogOnMongo log = new EventLogOnMongo();
        long writeStarted = System.nanoTime();
        long written = write(log, EVENTS);
        double writeSeconds = seconds(writeStarted);
        for (int i = 0; i < WARM_UPS; i++) {
            rawRead(warmUp);
            replay(warmUp);
        }

        double[] rawRates = new double[ROUNDS];
        double[] replayRates = new double[ROUNDS];
        EvaluationReport report = null;
        for (int round = 0; round < ROUNDS; round++) {
            long rawStarted = System.nanoTime();
            long raw = rawRead(log);
            double rawSeconds = seconds(rawStarted);
            long replayStarted = System.nanoTime();
            EvaluationReport replayed = replay(log);
            double replaySeconds = seconds(replayStarted);

            assertThat(raw).isEqualTo(written);
            assertThat(replayed.eventsRead()).isEqualTo(written);
            if (report != null) {
                assertThat(replayed).isEqualTo(report);
            }
            report = replayed;
            rawRates[round] = raw / rawSeconds;
            replayRates[round] = written / replaySeconds;
            System.out.println(String.format(Locale.ROOT,
                                             "evaluation benchmark: round %d: raw read %,.0f events/s (%.1f s) | replay %,.0f events/s (%.1f s) | replay/raw %.2f",
                                             round + 1, rawRates[round], rawSeconds, replayRates[round], replaySeconds,
                                             replayRates[round] / rawRates[round]));
        }
        System.out.println(String.format(Locale.ROOT, "evaluation benchmark: %,d events of %,d contacts written in %.1f s (%,.0f/s, bulk, setup only)",
                                         written, report.contacts(), writeSeconds, written / writeSeconds));
        System.out.println(String.format(Locale.ROOT,
                                         "evaluation benchmark: median of %d rounds: raw read %,.0f events/s | replay %,.0f events/s | replay/raw %.2f (target >= 0.50)",
                                         ROUNDS, median(rawRates), median(replayRates), median(replayRates) / median(rawRates)));
        System.out.println(String.format(Locale.ROOT, "evaluation benchmark: candidate qualified %,d, precision %s, recall %s",
                                         report.candidate().qualified(), report.candidate().precision(), report.candidate().recall()));
    }

    /** Blocks of contacts, each block's events in time order, one commit per event; returns the events written. */
    private static long write(EventLogOnMongo log, int events) {
        MongoCollection<Document> commits = log.database.getCollection(ContactEventLog.COMMITS);
        String metaData = log.serializer.serialize(MetaData.emptyInstance(), String.class).getData();
        long position = 0;
        for (int block = 0; position < events; block++) {
            PlantedHistory history = PlantedHistory.generate(CONTACTS_PER_BLOCK, 1_000 + block);
            List<Document> documents = new ArrayList<>(1_000);
            for (ContactEventLog.Recorded recorded : history.events) {
                if (position == events) {
                    break;
                }
                documents.add(commit(++position, recorded, log, metaData));
                if (documents.size() == 1_000) {
                    commits.insertMany(documents);
                    documents = new ArrayList<>(1_000);
                }
            }
            if (!documents.isEmpty()) {
                commits.insertMany(documents);
            }
            history.erased.forEach(id -> log.keys.erase(id.value().toString()));
        }
        return position;
    }

    /** A commit document as the engine writes it (infra/eventstore's README). */
    private static Document commit(long position, ContactEventLog.Recorded recorded, EventLogOnMongo log, String metaData) {
        ContactEvent event = recorded.event();
        String aggregateId = event.contactId().value().toString();
        SerializedObject<String> payload = log.serializer.serialize(event, String.class);
        Document stored = new Document("eventId", aggregateId + "-" + recorded.sequence()).append("aggregateType", ContactEventLog.CONTACT_AGGREGATE)
                                                                                         .append("aggregateId", aggregateId)
                                                                                         .append("sequence", recorded.sequence())
                                                                                         .append("timestamp", event.at().toString())
                                                                                         .append("payloadType", payload.getType().getName())
                                                                                         .append("payloadRevision", payload.getType().getRevision())
                                                                                         .append("payload", payload.getData())
                                                                                         .append("metaData", metaData);
        return new Document("_id", position).append("commit", "bench-" + position).append("timestamp", Date.from(event.at()))
                                            .append("keys", List.of(aggregateId + "#" + recorded.sequence())).append("events", List.of(stored));
    }

    private static long rawRead(EventLogOnMongo log) {
        long events = 0;
        for (Document commit : log.database.getCollection(ContactEventLog.COMMITS).find().batchSize(1_000)) {
            events += commit.getList("events", Document.class).size();
        }
        return events;
    }

    private static EvaluationReport replay(EventLogOnMongo log) {
        VersionedModel model = PlantedHistory.model("candidate", PlantedHistory.SIGNAL_MODEL);
        Replay replay = Replay.withoutFeatures(model, TimeRange.ALL);
        long started = System.nanoTime();
        long read = log.logReadElsewhere().replay(replay, events -> { }, 100_000);
        long scored = System.nanoTime();
        Replay.Result result = replay.finish();
        long finished = System.nanoTime();
        EvaluationReport report = EvaluationReport.of(result, model.model(), read, 1_000);
        System.out.println(String.format(Locale.ROOT, "evaluation benchmark: replay read and scored in %.2f s, finished in %.2f s, reported in %.2f s",
                                         (scored - started) / 1e9, (finished - scored) / 1e9, seconds(finished)));
        return report;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
