package io.handraiser.eventstore;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.handraiser.testsupport.TestMongo;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.bson.Document;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static io.handraiser.eventstore.EventLogFixture.commitOf;

/**
 * Appends and tracking reads of our engine, the raw driver writing and reading the very documents our engine
 * stores (already serialized, so the raw figures are the driver and server alone), and the Axon Mongo extension's
 * engine, on the same server in one run. Prints events per second and the ratios the event-log issue sets targets
 * for. Run it with {@code ./mvnw -pl infra/eventstore -am verify -Pbenchmark -DskipTests} (MONGODB_URI picks the
 * server; the embedded one otherwise).
 */
public final class EventLogBenchmark {

    private static final int EVENTS_PER_RUN = Integer.getInteger("benchmark.events", 20_000);
    private static final AtomicInteger runs = new AtomicInteger();

    private interface Contender {
        String name();

        void append(int writer, List<EventMessage<?>> commit);

        long readAll();
    }

    public static void main(String[] args) throws Exception {
        System.out.printf("Event log benchmark on %s, %,d events per run, JDK %s%n",
                          TestMongo.source(), EVENTS_PER_RUN, Runtime.version());
        warmUp();
        for (int commitSize : new int[]{1, 5}) {
            for (int writers : new int[]{1, 4}) {
                double ours = appendRate(new Ours(), commitSize, writers);
                double raw = appendRate(new Raw(), commitSize, writers);
                double extension = appendRate(new Extension(), commitSize, writers);
                System.out.println(String.format(Locale.ROOT, "append %d-event commits, %d writer(s) | ours %,9.0f/s | raw %,9.0f/s | extension %,9.0f/s | ours/raw %.2f (target >= 0.70) | ours/extension %.2f (target >= 2.00)",
                                       commitSize, writers, ours, raw, extension, ours / raw, ours / extension));
            }
        }
        double[] reads = readRates();
        System.out.println(String.format(Locale.ROOT, "tracking read             | ours %,9.0f/s | raw %,9.0f/s | extension %,9.0f/s | ours/raw %.2f (target >= 0.80) | ours/extension %.2f",
                               reads[0], reads[1], reads[2], reads[0] / reads[1], reads[0] / reads[2]));
    }

    private static void warmUp() throws Exception {
        for (Contender contender : List.of(new Ours(), new Raw(), new Extension())) {
            run(contender, 5, 2, EVENTS_PER_RUN / 4);
            contender.readAll();
        }
    }

    private static double appendRate(Contender contender, int commitSize, int writers) throws Exception {
        return EVENTS_PER_RUN / seconds(run(contender, commitSize, writers, EVENTS_PER_RUN));
    }

    private static double[] readRates() throws Exception {
        List<Contender> contenders = List.of(new Ours(), new Raw(), new Extension());
        double[] rates = new double[contenders.size()];
        for (int i = 0; i < contenders.size(); i++) {
            Contender contender = contenders.get(i);
            run(contender, 1, 1, EVENTS_PER_RUN);
            contender.readAll();
            long started = System.nanoTime();
            long events = contender.readAll();
            rates[i] = events / seconds(System.nanoTime() - started);
            if (events != EVENTS_PER_RUN) {
                throw new IllegalStateException(contender.name() + " read " + events + " events, expected " + EVENTS_PER_RUN);
            }
        }
        return rates;
    }

    /** Nanoseconds to append {@code events} events in commits of {@code commitSize} from {@code writers} threads. */
    private static long run(Contender contender, int commitSize, int writers, int events) throws Exception {
        int run = runs.incrementAndGet();
        int commitsPerWriter = events / commitSize / writers;
        List<List<List<EventMessage<?>>>> work = new ArrayList<>();
        for (int writer = 0; writer < writers; writer++) {
            List<List<EventMessage<?>>> commits = new ArrayList<>();
            for (int commit = 0; commit < commitsPerWriter; commit++) {
                commits.add(commitOf(contender.name() + "-r" + run + "-w" + writer + "-c" + commit, 0, commitSize));
            }
            work.add(commits);
        }
        if (contender instanceof Raw raw) {
            raw.prepare(work);
        }
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            long started = System.nanoTime();
            List<Future<?>> running = new ArrayList<>();
            for (int writer = 0; writer < writers; writer++) {
                int index = writer;
                running.add(pool.submit(() -> work.get(index).forEach(commit -> contender.append(index, commit))));
            }
            for (Future<?> writer : running) {
                writer.get();
            }
            return System.nanoTime() - started;
        } finally {
            pool.shutdownNow();
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static long drainCount(EventStorageEngine engine) {
        long count = 0;
        TrackingToken token = null;
        while (true) {
            TrackedEventMessage<?> last = null;
            long batch = 0;
            try (Stream<? extends TrackedEventMessage<?>> stream = engine.readEvents(token, true)) {
                Iterator<? extends TrackedEventMessage<?>> events = stream.iterator();
                while (events.hasNext()) {
                    last = events.next();
                    batch++;
                }
            }
            if (batch == 0) {
                return count;
            }
            count += batch;
            token = last.trackingToken();
        }
    }

    private static final class Ours implements Contender {
        private final CommitLogEventStorageEngine engine =
                EventLogFixture.engine(TestMongo.freshDatabase("bench_ours"), Duration.ofSeconds(10));

        public String name() {
            return "ours";
        }

        public void append(int writer, List<EventMessage<?>> commit) {
            engine.appendEvents(commit);
        }

        public long readAll() {
            return drainCount(engine);
        }
    }

    private static final class Extension implements Contender {
        private final EventStorageEngine engine =
                AxonMongoExtensionComparisonTest.extensionEngine(TestMongo.freshDatabase("bench_extension"));

        public String name() {
            return "extension";
        }

        public void append(int writer, List<EventMessage<?>> commit) {
            engine.appendEvents(commit);
        }

        public long readAll() {
            return drainCount(engine);
        }
    }

    /** The driver alone: the same commit documents, serialized beforehand, positions assigned beforehand. */
    private static final class Raw implements Contender {
        private final MongoCollection<Document> commits;
        private final List<Iterator<Document>> prepared = new ArrayList<>();
        private long nextPosition = 1;

        Raw() {
            MongoDatabase database = TestMongo.freshDatabase("bench_raw");
            commits = database.getCollection("commits").withWriteConcern(WriteConcern.MAJORITY.withJournal(true));
            // the same unique index ours keeps, so the ratio measures the engine, not the index
            commits.createIndex(Indexes.ascending(CommitDocuments.KEYS), new IndexOptions().unique(true).sparse(true));
        }

        void prepare(List<List<List<EventMessage<?>>>> work) {
            prepared.clear();
            for (List<List<EventMessage<?>>> writerCommits : work) {
                List<Document> documents = new ArrayList<>();
                for (List<EventMessage<?>> commit : writerCommits) {
                    documents.add(CommitDocuments.commit(commit, EventLogFixture.SERIALIZER).append(CommitDocuments.POSITION, nextPosition++));
                }
                prepared.add(documents.iterator());
            }
        }

        public String name() {
            return "raw";
        }

        public void append(int writer, List<EventMessage<?>> commit) {
            commits.insertMany(List.of(prepared.get(writer).next()));
        }

        public long readAll() {
            long events = 0;
            for (Document commit : commits.find().batchSize(1000)) {
                events += CommitDocuments.events(commit).size();
            }
            return events;
        }
    }
}
