package io.handraiser.handoff.journey;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.handraiser.contract.contact.ContactId;
import io.handraiser.handoff.Api;
import io.handraiser.handoff.EventStream;
import io.handraiser.handoff.inbox.ContactCards;
import io.handraiser.handoff.inbox.Handoffs;
import io.handraiser.testsupport.TestMongo;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Prints, does not judge: how long an MQL takes from contact-service's {@code MarkedMQL} (committed when the mark
 * request returns) to its handoff in the rep's inbox across both services, p50 and p99, read two ways: the inbox
 * read model that {@code GET /api/inbox} answers from, and the push on the rep's {@code /api/inbox/stream}. Beside
 * it, in the same run and on the same MongoDB, the baseline: the raw driver inserting the same inbox document and
 * reading it back with the inbox's query. One contact at a time, so the figures are latency, not queueing. The
 * services run with their default settings (the log is polled every {@code handraiser.event-log.fetch-delay}).
 * Size: {@code -Dbenchmark.contacts} (default 300). Run it alone: {@code ./mvnw verify -pl handoff-service
 * -Dtest=InboxLatencyBenchmark}; its name keeps it out of the normal run.
 */
class InboxLatencyBenchmark {

    static final int CONTACTS = Integer.getInteger("benchmark.contacts", 300);
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String REP = "bench-rep";
    static TwoServices services;

    @BeforeAll
    static void start() {
        services = new TwoServices("benchmark");
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    @Test
    void markedMqlToHandoffInTheRepsInbox() {
        Api contacts = services.contactApi();
        Api handoffs = services.handoffApi();
        assertThat(handoffs.put("/api/reps/" + REP, "admin", "{\"name\":\"Bench\",\"capacity\":10000}").statusCode()).isEqualTo(200);
        ContactCards cards = services.handoff.getBean(ContactCards.class);
        String database = services.handoff.getEnvironment().getRequiredProperty("handraiser.service.database");
        MongoCollection<Document> inbox = TestMongo.client().getDatabase(database).getCollection("handoffs");
        List<Long> opened = new ArrayList<>();
        List<Long> visible = new ArrayList<>();
        List<Long> pushed = new ArrayList<>();

        try (EventStream stream = handoffs.stream("/api/inbox/stream", "sales", REP)) {
            for (int i = 0; i < CONTACTS; i++) {
                String contact = captured(contacts, i);
                await().atMost(Duration.ofSeconds(30)).until(() -> cards.find(ContactId.of(contact)).isPresent());

                HttpResponse<String> marked = contacts.post("/api/contacts/" + contact + "/mql", "marketing", "{\"tier\":\"A\",\"reason\":\"benchmark\"}");
                long decided = System.nanoTime();
                long decidedAtMillis = System.currentTimeMillis();
                assertThat(marked.statusCode()).as(marked.body()).isEqualTo(200);
                Document handoff = await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
                                          .until(() -> inbox.find(inboxQuery(contact)).first(), found -> found != null);
                visible.add(System.nanoTime() - decided);
                opened.add(Duration.ofMillis(handoff.getDate("openedAt").getTime() - decidedAtMillis).toNanos());
                EventStream.Event push = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(1)).until(
                        () -> stream.events().stream().filter(event -> event.data().contains(contact)).findFirst().orElse(null), found -> found != null);
                pushed.add(push.receivedAt() - decided);
            }
        }
        List<Long> baseline = rawDriverInsertThenRead(TestMongo.client().getDatabase(database).getCollection("benchmark_baseline"));

        String fetchDelay = services.handoff.getEnvironment().getProperty("handraiser.event-log.fetch-delay", "200ms (default)");
        System.out.printf(Locale.ROOT, "MarkedMQL to handoff in the rep's inbox across contact-service and handoff-service on %s, %d contacts, "
                                       + "fetch-delay %s:%n", TestMongo.source(), CONTACTS, fetchDelay);
        print("  of which until HandoffOpened (its time) ", opened, baseline);
        print("  in the inbox read model (GET /api/inbox)", visible, baseline);
        print("  pushed on /api/inbox/stream            ", pushed, baseline);
        print("  baseline: raw driver insert, then read  ", baseline, baseline);
        assertThat(inbox.countDocuments(Filters.and(Filters.eq("assignee", REP), Filters.eq("status", Handoffs.OPEN)))).isEqualTo(CONTACTS);
    }

    private static String captured(Api contacts, int i) {
        HttpResponse<String> captured = contacts.post("/api/contacts", "automation",
                "{\"email\":\"bench-" + i + "-" + UUID.randomUUID() + "@acme.fi\",\"lastName\":\"Bench\",\"country\":\"FI\","
                + "\"source\":{\"system\":\"benchmark\"}}");
        assertThat(captured.statusCode()).as(captured.body()).isEqualTo(201);
        return JSON.readTree(captured.body()).path("id").asText();
    }

    /** What {@code GET /api/inbox} asks the read model, narrowed to one contact. */
    private static Bson inboxQuery(String contact) {
        return Filters.and(Filters.eq("status", Handoffs.OPEN), Filters.eq("assignee", REP), Filters.eq("contactId", contact));
    }

    private static List<Long> rawDriverInsertThenRead(MongoCollection<Document> collection) {
        List<Long> took = new ArrayList<>();
        for (int i = 0; i < CONTACTS; i++) {
            String contact = UUID.randomUUID().toString();
            Date now = new Date();
            Document handoff = new Document("_id", UUID.randomUUID().toString()).append("lastSequence", 0L).append("contactId", contact)
                    .append("tier", "A").append("evidence", new Document("score", null).append("signals", List.of())).append("assignee", REP)
                    .append("status", Handoffs.OPEN).append("openedAt", now).append("dueAt", now).append("reminded", false)
                    .append("escalations", 0).append("updatedAt", now);
            long started = System.nanoTime();
            collection.insertOne(handoff);
            assertThat(collection.find(inboxQuery(contact)).first()).isNotNull();
            took.add(System.nanoTime() - started);
        }
        return took;
    }

    private static void print(String what, List<Long> nanos, List<Long> baseline) {
        double p50 = percentile(nanos, 50) / 1e6;
        double p99 = percentile(nanos, 99) / 1e6;
        System.out.printf(Locale.ROOT, "%s: p50 %.1f ms, p99 %.1f ms, max %.1f ms; x%.0f and x%.0f the baseline's p50 and p99%n", what, p50, p99,
                          Collections.max(nanos) / 1e6, p50 / (percentile(baseline, 50) / 1e6), p99 / (percentile(baseline, 99) / 1e6));
    }

    private static long percentile(List<Long> values, int percent) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
