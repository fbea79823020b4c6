package io.handraiser.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.handraiser.e2e.HostileRequests.Expect;
import io.handraiser.e2e.HostileRequests.Request;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 12, hostile input: generated malformed and hostile requests (wrong types, missing fields, huge strings, deep
 * JSON, invalid UTF-8, unknown enum values, bad numbers, injection strings in every field, operator keys, path
 * traversal and garbage in ids, broken query strings, bad tokens, odd methods and content types) against every public
 * endpoint, through the gateway. Every answer must be a 4xx problem+json (a 5xx is a bug, and so is a 2xx: each request
 * is invalid by construction, see {@link HostileRequests}), and nothing may be stored: the event log and every read
 * model hold as many documents afterwards as before.
 * <p>
 * The build sends 1,000 requests; {@code -Dreliability.hostile.requests=N} sends more, {@code -Dreliability.hostile.seed=S}
 * another set (the seed is printed with every failure, so a failing set can be sent again). Some come without a token or
 * with a broken one; the rest carry a valid token of the endpoint's role, so that they reach the service's own checks.
 */
class HostileInputTest {

    private static final int REQUESTS = Integer.getInteger("reliability.hostile.requests", 1_000);
    private static final long SEED = Long.getLong("reliability.hostile.seed", 20_261_112L);
    /** A few clients at once, as hostile traffic comes; more would only queue behind two shared cores. */
    private static final int CLIENTS = 4;
    /** A 429 is a fair answer but tests nothing; the request goes to the back of the queue and is sent again. */
    private static final int ATTEMPTS = 5;
    private static final Pattern PROBLEM_JSON = Pattern.compile("application/problem\\+json(;.*)?");

    /**
     * Collections the services write on their own while nothing happens, left out of the comparison: event processors'
     * token claims ({@code trackingtokens}) and the instances that share their segments ({@code processing_instances}),
     * deadline schedules, dead letters, sagas in flight and report rebuilds. What a request would store (contacts, email
     * claims, import jobs and files, scores, models, evaluations, reps, handoffs, CRM deliveries, report facts,
     * personal data keys) is in none of them.
     */
    private static final Set<String> BOOKKEEPING = Set.of("trackingtokens", "processing_instances", "deadlines", "deadletters", "sagas",
                                                          "rebuilds");
    private static final List<String> READ_MODELS = List.of("contact", "scoring", "handoff", "reporting", "keys");

    @RegisterExtension
    static final SharedSuite.Extension SUITE = new SharedSuite.Extension();

    /** @param attempts how often it was sent: more than once after a 429 */
    private record Outcome(Request request, int status, String contentType, String body, String failure, int attempts) {
    }

    @Test
    void malformedAndHostileRequestsAreRefusedWithProblemsAndStoreNothing() throws Exception {
        SuiteUnderTest suite = SUITE.suite();
        MongoClient mongo = suite.mongo();
        HostileRequests generator = new HostileRequests(SEED, SuiteUnderTest.SECRET);
        List<Request> requests = generator.generate(REQUESTS);

        long eventsBefore = awaitQuietLog(mongo);
        Map<String, Long> storedBefore = readModelCounts(mongo);

        Instant started = Instant.now();
        List<Outcome> outcomes = send(suite, requests);
        Duration took = Duration.between(started, Instant.now());

        System.out.println(summary(outcomes, took));
        List<Outcome> wrong = outcomes.stream().filter(outcome -> !acceptable(outcome)).toList();
        assertThat(wrong).as("answers that are not a 4xx problem+json (seed %d):%n%s", SEED, describe(wrong)).isEmpty();
        assertThat(outcomes).hasSize(REQUESTS);
        assertThat(outcomes.stream().map(outcome -> outcome.request().endpoint()).distinct())
                .as("every endpoint was attacked").hasSameSizeAs(generator.endpoints());

        assertThat(eventCount(mongo)).as("events in the log; the latest: %s", latestEvents(mongo)).isEqualTo(eventsBefore);
        // a command wrongly accepted shows in the log at once, its read model entries within moments: watch for a while
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(30))
               .untilAsserted(() -> assertThat(readModelCounts(mongo)).as("documents per read model collection").isEqualTo(storedBefore));
        assertThat(ourEvents(mongo)).as("events caused by a hostile request").isEmpty();
    }

    // --- sending ---------------------------------------------------------------------------------------------------

    private static List<Outcome> send(SuiteUnderTest suite, List<Request> requests) throws Exception {
        RawHttp http = new RawHttp(suite.gateway());
        Map<String, String> tokens = new ConcurrentHashMap<>();
        Deque<Request> queue = new ConcurrentLinkedDeque<>(requests);
        Map<Integer, Integer> attempts = new ConcurrentHashMap<>();
        List<Outcome> outcomes = new CopyOnWriteArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int client = 0; client < CLIENTS; client++) {
                int number = client;
                running.add(clients.submit(() -> {
                    for (Request request = queue.pollFirst(); request != null; request = queue.pollFirst()) {
                        Outcome outcome = send(http, request, role -> tokens.computeIfAbsent(role + "/" + number, key ->
                                suite.token("hostile-" + role + "-" + number, role)), attempts.merge(request.index(), 1, Integer::sum));
                        if (outcome.status() == 429 && outcome.attempts() < ATTEMPTS) {
                            queue.addLast(request);
                        } else {
                            outcomes.add(outcome);
                        }
                    }
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
        } finally {
            clients.shutdownNow();
        }
        return outcomes;
    }

    private static Outcome send(RawHttp http, Request request, Function<String, String> token, int attempt) {
        Map<String, String> headers = new HashMap<>(request.headers());
        headers.put("X-Request-Id", requestId(request));
        headers.putIfAbsent("Accept", "application/json, application/problem+json");
        if (request.authorization() != null) {
            headers.put("Authorization", request.authorization());
        } else if (request.role() != null) {
            headers.put("Authorization", "Bearer " + token.apply(request.role()));
        }
        try {
            RawHttp.Response response = http.send(request.method(), request.target(), headers, request.body());
            return new Outcome(request, response.status(), response.contentType(), response.text(), null, attempt);
        } catch (UncheckedIOException failed) {
            return new Outcome(request, 0, "", "", failed.getCause().toString(), attempt);
        }
    }

    /** Recognisable in the metadata of any event a request caused, which the gateway passes on from this header. */
    private static String requestId(Request request) {
        return "hostile-" + SEED + "-" + request.index();
    }

    // --- judging ---------------------------------------------------------------------------------------------------

    private static boolean acceptable(Outcome outcome) {
        if (outcome.failure() != null) {
            return false;
        }
        if (outcome.request().status() != 0 && outcome.status() != outcome.request().status()) {
            return false;
        }
        if (outcome.request().expect() == Expect.ITEMS_REFUSED && outcome.status() == 200) {
            JsonNode result = json(outcome.body());
            return result != null && result.path("accepted").asLong(-1) == 0;
        }
        return outcome.status() >= 400 && outcome.status() < 500 && isProblem(outcome);
    }

    /** problem+json, and a body that says the same status and has a title. */
    private static boolean isProblem(Outcome outcome) {
        if (!PROBLEM_JSON.matcher(outcome.contentType()).matches()) {
            return false;
        }
        JsonNode problem = json(outcome.body());
        return problem != null && problem.path("status").asInt() == outcome.status() && problem.hasNonNull("title");
    }

    private static JsonNode json(String body) {
        try {
            JsonNode node = Http.JSON.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException notJson) {
            return null;
        }
    }

    private static String describe(List<Outcome> wrong) {
        return wrong.stream().limit(40)
                    .map(outcome -> "  " + outcome.request() + "\n    -> " + (outcome.failure() != null ? outcome.failure()
                            : outcome.status() + " " + outcome.contentType() + " " + RawHttp.abbreviated(outcome.body())))
                    .collect(Collectors.joining("\n")) + (wrong.size() > 40 ? "\n  ... and " + (wrong.size() - 40) + " more" : "");
    }

    private static String summary(List<Outcome> outcomes, Duration took) {
        long resent = outcomes.stream().mapToInt(outcome -> outcome.attempts() - 1).sum();
        StringBuilder summary = new StringBuilder(String.format("Hostile input: %,d requests (seed %d) in %d s, %d clients, %d sent again "
                                                                + "after a 429%n", outcomes.size(), SEED, took.toSeconds(), CLIENTS, resent));
        summary.append(String.format("  %-14s %8s   %s%n", "group", "requests", "statuses"));
        Map<String, List<Outcome>> byGroup = new TreeMap<>(outcomes.stream().collect(Collectors.groupingBy(outcome -> outcome.request().group())));
        byGroup.forEach((group, inGroup) -> summary.append(String.format("  %-14s %8d   %s%n", group, inGroup.size(), histogram(inGroup))));
        summary.append(String.format("  %-14s %8d   %s%n", "all", outcomes.size(), histogram(outcomes)));
        summary.append("  by family:\n");
        new TreeMap<>(outcomes.stream().collect(Collectors.groupingBy(outcome -> outcome.request().family().name())))
                .forEach((family, inFamily) -> summary.append(String.format("  %-14s %8d   %s%n", family.toLowerCase(), inFamily.size(),
                                                                            histogram(inFamily))));
        return summary.toString();
    }

    private static Map<Integer, Long> histogram(Collection<Outcome> outcomes) {
        return new TreeMap<>(outcomes.stream().collect(Collectors.groupingBy(Outcome::status, Collectors.counting())));
    }

    // --- what is stored --------------------------------------------------------------------------------------------

    /**
     * Whatever another test class left in flight (an SLA running out, a decay, a projection catching up) settles
     * before the count that the hostile requests must leave as it is.
     */
    private static long awaitQuietLog(MongoClient mongo) {
        AtomicLong last = new AtomicLong(-1);
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2))
               .until(() -> last.getAndSet(eventCount(mongo)) == last.get());
        return last.get();
    }

    private static long eventCount(MongoClient mongo) {
        Document total = mongo.getDatabase("events").getCollection("commits")
                              .aggregate(List.of(new Document("$project", new Document("n", new Document("$size",
                                                         new Document("$ifNull", List.of("$events", List.of()))))),
                                                 new Document("$group", new Document("_id", null).append("n", new Document("$sum", "$n")))))
                              .first();
        return total == null ? 0 : total.get("n", Number.class).longValue();
    }

    /** Each new event's type and the request that caused it, to tell what went wrong when the count moved. */
    private static List<String> latestEvents(MongoClient mongo) {
        List<String> events = new ArrayList<>();
        for (Document commit : mongo.getDatabase("events").getCollection("commits").find()
                                    .sort(new Document("_id", -1)).limit(20)) {
            for (Document event : commit.getList("events", Document.class, List.of())) {
                events.add(event.getString("payloadType") + " " + event.getString("metaData"));
            }
        }
        return events;
    }

    private static List<String> ourEvents(MongoClient mongo) {
        List<String> ours = new ArrayList<>();
        for (Document commit : mongo.getDatabase("events").getCollection("commits").find()) {
            for (Document event : commit.getList("events", Document.class, List.of())) {
                String metaData = event.getString("metaData");
                if (metaData != null && metaData.contains("\"hostile-" + SEED + "-")) {
                    ours.add(event.getString("payloadType") + " " + metaData);
                }
            }
        }
        return ours;
    }

    /**
     * Documents per collection. An empty collection holds nothing: an import's file store is created on the first
     * upload, refused or not.
     */
    private static Map<String, Long> readModelCounts(MongoClient mongo) {
        Map<String, Long> counts = new TreeMap<>();
        for (String database : READ_MODELS) {
            MongoDatabase db = mongo.getDatabase(database);
            for (String collection : db.listCollectionNames()) {
                long documents = BOOKKEEPING.contains(collection) ? 0 : db.getCollection(collection).countDocuments();
                if (documents > 0) {
                    counts.put(database + "." + collection, documents);
                }
            }
        }
        return counts;
    }
}
