package io.handraiser.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.handraiser.e2e.Http.Reply;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Marketing automation under bad weather: captures contacts, then sends their engagements through the gateway in
 * batches from a few clients, as a real integration would, retrying a batch that got no answer or a 5xx until it is
 * acknowledged (engagement ids make a retry record nothing twice). Keeps what was acknowledged and every failed
 * answer, so a test can hold the log to it and say how the failures looked.
 */
final class EngagementLoad {

    /** Demo, trial and contact-sales requests qualify at once under the default model; the rest only add points. */
    private static final String[] TYPES = {"PAGE_VIEW", "PAGE_VIEW", "EMAIL_CLICKED", "EMAIL_OPENED", "CONTENT_DOWNLOAD",
                                           "WEBINAR_ATTENDED", "FORM_SUBMITTED"};
    private static final String[] HAND_RAISERS = {"DEMO_REQUESTED", "TRIAL_STARTED", "CONTACT_SALES_REQUESTED"};
    private static final int BATCH = 50;
    private static final Duration RETRY_PAUSE = Duration.ofMillis(500);

    /** One failed attempt: its status (0 when no answer came), content type, and how long it took. */
    record Failure(int status, String contentType, Duration took, Instant at) {
    }

    private final Http gateway;
    private final String token;
    private final Random random;
    private final String run;
    private final List<String> emails = new ArrayList<>();
    private final Map<String, String> contactIds = new ConcurrentHashMap<>();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final List<Failure> failures = Collections.synchronizedList(new ArrayList<>());
    private final LongAdder batchesAcknowledged = new LongAdder();
    private final AtomicLong sent = new AtomicLong();

    EngagementLoad(Http gateway, String automationToken, long seed) {
        this.gateway = gateway;
        this.token = automationToken;
        this.random = new Random(seed);
        this.run = Long.toHexString(seed) + "-" + Long.toHexString(System.nanoTime());
    }

    /** Captures {@code contacts} contacts, each retried until acknowledged. */
    void capture(int contacts, int clients) throws InterruptedException {
        ConcurrentLinkedQueue<Integer> queue = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < contacts; i++) {
            emails.add("load-" + run + "-" + i + "@" + (i % 3 == 0 ? "acme.example" : "globex.example"));
            queue.add(i);
        }
        runClients(clients, () -> {
            Integer i;
            while ((i = queue.poll()) != null) {
                String email = emails.get(i);
                String profile = i % 4 == 0
                        ? "\"jobTitle\":\"Head of Marketing\",\"industry\":\"Software\",\"companySize\":200,\"country\":\"DE\""
                        : "\"jobTitle\":\"Analyst\",\"industry\":\"Retail\",\"companySize\":20,\"country\":\"BR\"";
                String body = "{\"email\":\"" + email + "\",\"firstName\":\"Load\",\"company\":\"Load Co\"," + profile
                              + ",\"source\":{\"system\":\"reliability\",\"campaign\":\"c" + (i % 5) + "\"}}";
                Reply reply = untilAcknowledged(() -> gateway.post("/api/contacts", token, body));
                contactIds.put(email, reply.body().path("id").asText());
            }
        });
    }

    /**
     * Sends {@code engagements} engagements spread over the captured contacts, about one in twelve contacts raising its
     * hand, at most {@code perSecond} a second in all, and returns when every one is acknowledged.
     */
    void engage(int engagements, int clients, int perSecond) throws InterruptedException {
        ConcurrentLinkedQueue<String> batches = new ConcurrentLinkedQueue<>();
        StringBuilder items = new StringBuilder();
        int inBatch = 0;
        Instant now = Instant.now();
        for (int i = 0; i < engagements; i++) {
            int contact = random.nextInt(emails.size());
            String email = emails.get(contact);
            boolean handRaiser = contact % 12 == 0 && random.nextInt(10) == 0;
            String type = handRaiser ? HAND_RAISERS[random.nextInt(HAND_RAISERS.length)] : TYPES[random.nextInt(TYPES.length)];
            String detail = switch (type) {
                case "PAGE_VIEW" -> ",\"detail\":{\"url\":\"https://handraiser.example/" + (random.nextBoolean() ? "pricing" : "blog/" + i) + "\"}";
                case "CONTENT_DOWNLOAD" -> ",\"detail\":{\"asset\":\"" + (random.nextBoolean() ? "buyers-guide.pdf" : "ebook.pdf") + "\"}";
                case "FORM_SUBMITTED" -> ",\"detail\":{\"form\":\"newsletter\"}";
                default -> "";
            };
            if (inBatch > 0) {
                items.append(',');
            }
            items.append("{\"email\":\"").append(email).append("\",\"engagementId\":\"").append(run).append("-e").append(i)
                 .append("\",\"type\":\"").append(type).append("\",\"occurredAt\":\"")
                 .append(now.minus(Duration.ofMinutes(random.nextInt(60 * 24 * 7)))).append('"').append(detail).append('}');
            if (++inBatch == BATCH || i == engagements - 1) {
                batches.add("{\"items\":[" + items + "]}");
                items.setLength(0);
                inBatch = 0;
            }
        }
        long batchInterval = TimeUnit.SECONDS.toNanos(1) * BATCH / Math.max(1, perSecond);
        AtomicLong nextSlot = new AtomicLong(System.nanoTime());
        runClients(clients, () -> {
            String batch;
            while ((batch = batches.poll()) != null) {
                long slot = nextSlot.getAndAdd(batchInterval);
                long wait = slot - System.nanoTime();
                if (wait > 0) {
                    // pacing the load generator, not waiting for the system under test
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                String body = batch;
                Reply reply = untilAcknowledged(() -> gateway.post("/api/engagements/batch", token, body));
                for (JsonNode item : reply.body().path("items")) {
                    if (!item.path("status").asText().equals("ACCEPTED")) {
                        throw new IllegalStateException("an engagement of the load was refused: " + item);
                    }
                    acknowledged.add(item.path("engagementId").asText());
                }
                sent.addAndGet(reply.body().path("items").size());
                batchesAcknowledged.increment();
            }
        });
    }

    private interface Client {
        void run() throws InterruptedException;
    }

    private static void runClients(int clients, Client client) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                running.add(pool.submit(() -> {
                    client.run();
                    return null;
                }));
            }
            for (Future<?> future : running) {
                try {
                    future.get();
                } catch (ExecutionException failed) {
                    throw new IllegalStateException("a load client failed", failed.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A 2xx is an acknowledgement; a 5xx or no answer is weather, tried again after a pause; a 4xx other than 429
     * means the load itself is wrong, and the test fails.
     */
    private Reply untilAcknowledged(Supplier<Reply> request) throws InterruptedException {
        while (true) {
            long started = System.nanoTime();
            Reply reply;
            try {
                reply = request.get();
            } catch (UncheckedIOException noAnswer) {
                failures.add(new Failure(0, "", Duration.ofNanos(System.nanoTime() - started), Instant.now()));
                TimeUnit.MILLISECONDS.sleep(RETRY_PAUSE.toMillis());
                continue;
            }
            if (reply.status() / 100 == 2) {
                return reply;
            }
            failures.add(new Failure(reply.status(), reply.contentType(), Duration.ofNanos(System.nanoTime() - started), Instant.now()));
            if (reply.status() != 429 && reply.status() < 500) {
                throw new IllegalStateException("the load was refused: " + reply);
            }
            TimeUnit.MILLISECONDS.sleep(RETRY_PAUSE.toMillis());
        }
    }

    Set<String> acknowledged() {
        return acknowledged;
    }

    Map<String, String> contactIds() {
        return contactIds;
    }

    long batchesAcknowledged() {
        return batchesAcknowledged.sum();
    }

    long engagementsAcknowledged() {
        return sent.get();
    }

    List<Failure> failures() {
        synchronized (failures) {
            return List.copyOf(failures);
        }
    }

    static String histogram(List<Failure> failures) {
        return failures.stream().collect(Collectors.groupingBy(failure -> failure.status() == 0 ? "no answer" : Integer.toString(failure.status()),
                                                               TreeMap::new, Collectors.counting())).toString();
    }
}
