package io.handraiser.local;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.IntConsumer;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Prints, does not judge: the suite's embedded server ({@link IndexedH2Backend}) against the library's own H2
 * backend, on the same documents in files of their own, through the same driver, for the three requests that the
 * services make per event: a read by {@code _id}, a conditional write by {@code _id} (a projection's "not seen yet"
 * guard), and a window of commit positions ({@code $in}). Run with
 * {@code ./mvnw -pl infra/local test -Dtest=EmbeddedMongoBenchmark -Dbenchmark.documents=20000}.
 */
class EmbeddedMongoBenchmark {

    private static final int DOCUMENTS = Integer.getInteger("benchmark.documents", 20_000);
    private static final int WINDOW = 100;

    @Test
    void indexedAgainstTheLibrarysBackend(@TempDir Path data) {
        double[] stock = measure(new H2Backend(data.resolve("stock.mv").toString()), "library's H2 backend");
        double[] indexed = measure(new IndexedH2Backend(data.resolve("indexed.mv").toString()), "indexed H2 backend");
        System.out.printf(Locale.ROOT, "embedded server benchmark, %,d documents: indexed/library: read by _id %.1fx, conditional write by _id %.1fx,"
                                       + " window of %d positions %.1fx%n",
                          DOCUMENTS, indexed[0] / stock[0], indexed[1] / stock[1], WINDOW, indexed[2] / stock[2]);
    }

    /** Requests per second: reads by _id, conditional writes by _id, windows of positions. */
    private static double[] measure(H2Backend backend, String name) {
        MongoServer server = new MongoServer(backend);
        InetSocketAddress address = server.bind();
        try (MongoClient client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort())) {
            MongoCollection<Document> things = client.getDatabase("bench").getCollection("things");
            List<Document> documents = new ArrayList<>();
            for (long i = 0; i < DOCUMENTS; i++) {
                documents.add(new Document("_id", i).append("contact", "contact-" + i).append("lastSequence", 0L)
                                                    .append("payload", "x".repeat(400)));
            }
            things.insertMany(documents);
            Random random = new Random(7);
            double reads = rate(2_000, i -> assertThat(things.find(Filters.eq("_id", (long) random.nextInt(DOCUMENTS))).first()).isNotNull());
            double writes = rate(200, i -> things.updateOne(Filters.and(Filters.eq("_id", (long) random.nextInt(DOCUMENTS)), Filters.lt("lastSequence", i + 1L)),
                                                           Updates.set("lastSequence", i + 1L)));
            double windows = rate(200, i -> {
                long from = random.nextInt(DOCUMENTS - WINDOW);
                List<Long> positions = LongStream.range(from, from + WINDOW).boxed().toList();
                assertThat(things.find(Filters.in("_id", positions)).into(new ArrayList<>())).hasSize(WINDOW);
            });
            System.out.printf(Locale.ROOT, "embedded server benchmark, %s: read by _id %,.0f/s, conditional write by _id %,.0f/s, window %,.0f/s%n",
                              name, reads, writes, windows);
            return new double[]{reads, writes, windows};
        } finally {
            server.shutdownNow();
            backend.close();
        }
    }

    private static double rate(int requests, IntConsumer request) {
        for (int i = 0; i < requests / 10; i++) {
            request.accept(i);
        }
        long started = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            request.accept(i);
        }
        return requests / ((System.nanoTime() - started) / 1e9);
    }
}
