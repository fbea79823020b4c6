package io.handraiser.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.handraiser.local.DemoHistory.DemoContact;
import io.handraiser.local.DemoHistory.DemoRep;
import io.handraiser.local.DemoHistory.Engagement;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Loads a {@link DemoHistory} through the public API only, as marketing automation, an admin and the sales reps
 * would: reps first (so routing has someone to give MQLs to), then the contacts, then their engagements in batches;
 * then it works the reps' inboxes while scoring turns engagement into MQLs, accepting, returning and moving contacts
 * on as each contact's sales plan says, until no new MQL has arrived for a while.
 */
final class DemoLoader {

    /**
     * @param quietPeriod how long without a new MQL in any inbox counts as scoring having caught up
     * @param mqlTimeout  how long to keep working the inboxes at most; with no MQL at all by then the load fails
     */
    record Settings(int workers, int batchSize, Duration pollInterval, Duration quietPeriod, Duration mqlTimeout, Duration reportTimeout) {
        static Settings defaults() {
            return new Settings(4, 250, Duration.ofSeconds(3), Duration.ofSeconds(60), Duration.ofMinutes(20), Duration.ofMinutes(2));
        }
    }

    private static final Duration TOKEN_LIFETIME = Duration.ofHours(12);
    private static final String MANAGER = "sam.taylor";
    private static final Set<Integer> OK = Set.of(200);
    /** A decision sales already made: the inbox read model may list a handoff a moment after it closed. */
    private static final Set<Integer> DECIDED_OR_ALREADY = Set.of(200, 409);

    private final GatewayClient api;
    private final DevelopmentTokens tokens;
    private final Settings settings;
    private final PrintStream out;

    DemoLoader(GatewayClient api, DevelopmentTokens tokens, Settings settings, PrintStream out) {
        this.api = api;
        this.tokens = tokens;
        this.settings = settings;
        this.out = out;
    }

    /**
     * What one load did, and the funnel as reporting counts it afterwards.
     *
     * @param mqls          contacts of this history whose handoff turned up in a sales inbox during the load
     * @param decidedBefore handoffs still listed in an inbox although sales had decided them already (409)
     */
    record Summary(int contacts, int newContacts, int sources, int campaigns, int engagements, int reps, int mqls, int accepted,
                   int opportunities, int customers, Map<String, Integer> returned, int keptOpen, int decidedBefore,
                   Funnel funnel, Duration took) {

        int returnedTotal() {
            return returned.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    Summary load(DemoHistory history) throws InterruptedException {
        Instant started = Instant.now();
        String automation = tokens.mint("demo-automation", TOKEN_LIFETIME, "automation");
        String admin = tokens.mint("demo-admin", TOKEN_LIFETIME, "admin");
        ExecutorService pool = Executors.newFixedThreadPool(settings.workers(), runnable -> {
            Thread thread = new Thread(runnable, "demo-worker");
            thread.setDaemon(true);
            return thread;
        });
        try {
            out.printf("Loading the demo history through the gateway (seed %d): %,d contacts, %,d engagements, %d sales reps%n",
                       history.seed(), history.contacts().size(), history.engagementCount(), history.reps().size());
            for (DemoRep rep : history.reps()) {
                api.put("/api/reps/" + rep.id(), admin, rep.body());
            }
            Map<String, DemoContact> byId = new ConcurrentHashMap<>();
            AtomicInteger created = new AtomicInteger();
            Progress captured = new Progress("Contacts captured", history.contacts().size());
            runAll(pool, history.contacts(), contact -> () -> {
                JsonNode reply = api.post("/api/contacts", automation, contact.capture(), Set.of(200, 201)).body();
                byId.put(reply.path("id").asText(), contact);
                if (reply.path("created").asBoolean()) {
                    created.incrementAndGet();
                }
                captured.add(1);
                return null;
            });

            List<List<Engagement>> batches = batches(history);
            Progress recorded = new Progress("Engagements recorded", history.engagementCount());
            runAll(pool, batches, batch -> () -> {
                JsonNode result = api.post("/api/engagements/batch", automation, Map.of("items", batch), OK).body();
                if (result.path("rejected").asLong() > 0) {
                    throw new GatewayClient.Failed("POST /api/engagements/batch rejected items: " + rejectedItems(result));
                }
                recorded.add(batch.size());
                return null;
            });

            Sales sales = workInboxes(pool, history, byId, created.get() > 0);
            Funnel funnel = awaitFunnel(sales.accepted.get());
            return new Summary(history.contacts().size(), created.get(), history.sourceSystems().size(), history.campaigns().size(),
                               history.engagementCount(), history.reps().size(), sales.seen.size(), sales.accepted.get(),
                               sales.opportunities.get(), sales.customers.get(), new TreeMap<>(sales.returned), sales.keptOpen.get(),
                               sales.decidedBefore.get(), funnel, Duration.between(started, Instant.now()));
        } finally {
            pool.shutdownNow();
        }
    }

    private List<List<Engagement>> batches(DemoHistory history) {
        List<Engagement> all = history.contacts().stream().flatMap(contact -> contact.engagements().stream()).toList();
        List<List<Engagement>> batches = new ArrayList<>();
        for (int from = 0; from < all.size(); from += settings.batchSize()) {
            batches.add(all.subList(from, Math.min(all.size(), from + settings.batchSize())));
        }
        return batches;
    }

    private static String rejectedItems(JsonNode result) {
        List<String> rejected = new ArrayList<>();
        for (JsonNode item : result.path("items")) {
            if (!"ACCEPTED".equals(item.path("status").asText()) && rejected.size() < 5) {
                rejected.add(item.path("engagementId").asText() + " " + item.path("status").asText() + " " + item.path("errors"));
            }
        }
        return String.join("; ", rejected);
    }

    // ---- sales

    /** What sales did in this load; {@code seen} holds every contact whose handoff turned up in an inbox. */
    private static final class Sales {
        final Set<String> seen = new HashSet<>();
        final AtomicInteger accepted = new AtomicInteger();
        final AtomicInteger opportunities = new AtomicInteger();
        final AtomicInteger customers = new AtomicInteger();
        final AtomicInteger keptOpen = new AtomicInteger();
        final AtomicInteger decidedBefore = new AtomicInteger();
        final Map<String, Integer> returned = new ConcurrentHashMap<>();
    }

    private record Handoff(String handoffId, String contactId, String rep, boolean unassigned, DemoContact contact) {
    }

    /**
     * Scoring qualifies contacts while it works through the engagements, so MQLs keep arriving for a while after the
     * last batch. Every rep reads their own inbox with their own token (the token subject is the rep id); the manager
     * claims what routing could not place. When nothing new has arrived for the quiet period, scoring has caught up.
     * A load of contacts that all existed before may find no new MQL at all, which is no failure.
     */
    private Sales workInboxes(ExecutorService pool, DemoHistory history, Map<String, DemoContact> byId, boolean expectMqls)
            throws InterruptedException {
        Map<String, String> repTokens = new LinkedHashMap<>();
        for (DemoRep rep : history.reps()) {
            repTokens.put(rep.id(), tokens.mint(rep.id(), TOKEN_LIFETIME, "sales"));
        }
        Sales sales = new Sales();
        Instant deadline = Instant.now().plus(settings.mqlTimeout());
        Instant lastArrival = Instant.now();
        out.println("Waiting for scoring to mark MQLs; sales works them as they arrive in the inboxes...");
        while (true) {
            List<Handoff> arrived = new ArrayList<>();
            repTokens.forEach((rep, token) -> {
                for (JsonNode item : api.get("/api/inbox", token)) {
                    newHandoff(item, rep, false, byId, sales).ifPresent(arrived::add);
                }
            });
            for (JsonNode item : api.get("/api/inbox/unassigned", repTokens.get(MANAGER))) {
                newHandoff(item, MANAGER, true, byId, sales).ifPresent(arrived::add);
            }
            Instant now = Instant.now();
            if (!arrived.isEmpty()) {
                lastArrival = now;
                runAll(pool, arrived, handoff -> () -> {
                    decide(handoff, repTokens.get(handoff.rep()), sales);
                    return null;
                });
                out.printf("  %,d MQLs handed to sales so far: %,d accepted, %,d returned, %,d left open%n", sales.seen.size(),
                           sales.accepted.get(), sales.returned.values().stream().mapToInt(Integer::intValue).sum(),
                           sales.keptOpen.get());
            }
            boolean caughtUp = (!sales.seen.isEmpty() || !expectMqls)
                               && Duration.between(lastArrival, now).compareTo(settings.quietPeriod()) >= 0;
            if (caughtUp) {
                return sales;
            }
            if (now.isAfter(deadline)) {
                if (sales.seen.isEmpty()) {
                    throw new GatewayClient.Failed("no MQL reached a sales inbox within " + settings.mqlTimeout()
                                                   + "; see data/logs/scoring-service.log and handoff-service.log");
                }
                out.println("  still receiving MQLs after " + settings.mqlTimeout() + "; stopping here, scoring goes on without us");
                return sales;
            }
            TimeUnit.MILLISECONDS.sleep(settings.pollInterval().toMillis());
        }
    }

    private static Optional<Handoff> newHandoff(JsonNode item, String rep, boolean unassigned, Map<String, DemoContact> byId,
                                                Sales sales) {
        String contactId = item.path("contactId").asText();
        DemoContact contact = byId.get(contactId);
        // someone else's contacts in the same database are theirs to work
        if (contact == null || !sales.seen.add(contactId)) {
            return Optional.empty();
        }
        return Optional.of(new Handoff(item.path("handoffId").asText(), contactId, rep, unassigned, contact));
    }

    private void decide(Handoff handoff, String token, Sales sales) {
        if (handoff.unassigned()) {
            api.post("/api/inbox/handoffs/" + handoff.handoffId() + "/claim", token, null, DECIDED_OR_ALREADY);
        }
        DemoHistory.SalesPlan plan = handoff.contact().plan();
        String contact = handoff.contactId();
        switch (plan.decision()) {
            case KEEP_OPEN -> sales.keptOpen.incrementAndGet();
            case ACCEPT -> {
                if (api.post("/api/inbox/" + contact + "/accept", token, Map.of("note", plan.note()), DECIDED_OR_ALREADY).status() == 409) {
                    sales.decidedBefore.incrementAndGet();
                    return;
                }
                sales.accepted.incrementAndGet();
                for (String stage : plan.advanceTo()) {
                    String reason = stage.equals("CUSTOMER") ? "contract signed" : "qualified opportunity in the pipeline";
                    api.post("/api/contacts/" + contact + "/stage", token, Map.of("stage", stage, "reason", reason), OK);
                    (stage.equals("CUSTOMER") ? sales.customers : sales.opportunities).incrementAndGet();
                }
            }
            case RETURN -> {
                Map<String, String> body = Map.of("reason", plan.returnReason(), "note", plan.note());
                if (api.post("/api/inbox/" + contact + "/return", token, body, DECIDED_OR_ALREADY).status() == 409) {
                    sales.decidedBefore.incrementAndGet();
                    return;
                }
                sales.returned.merge(plan.returnReason(), 1, Integer::sum);
            }
        }
    }

    // ---- the funnel as reporting sees it

    /** Contacts per stage and how many of them are disqualified, in the whole database. */
    record Funnel(Map<String, Long> stages, long disqualified) {
    }

    /** Reporting follows the event log too: waits until it counts at least the contacts accepted here as past MQL. */
    private Funnel awaitFunnel(int accepted) throws InterruptedException {
        String analyst = tokens.mint("demo-analyst", TOKEN_LIFETIME, "analyst");
        Instant deadline = Instant.now().plus(settings.reportTimeout());
        while (true) {
            JsonNode report = api.get("/api/reports/stages", analyst);
            Map<String, Long> stages = new LinkedHashMap<>();
            long disqualified = 0;
            for (JsonNode group : report.path("groups")) {
                group.path("stages").fields().forEachRemaining(stage -> stages.merge(stage.getKey(), stage.getValue().asLong(), Long::sum));
                disqualified += group.path("disqualified").asLong();
            }
            long pastMql = Stream.of("SQL", "OPPORTUNITY", "CUSTOMER", "EVANGELIST").mapToLong(stage -> stages.getOrDefault(stage, 0L)).sum();
            if (pastMql >= accepted || Instant.now().isAfter(deadline)) {
                return new Funnel(stages, disqualified);
            }
            TimeUnit.MILLISECONDS.sleep(settings.pollInterval().toMillis());
        }
    }

    // ---- workers

    private static <T> void runAll(ExecutorService pool, Collection<T> items, Function<T, Callable<Void>> task) throws InterruptedException {
        List<Future<Void>> futures = new ArrayList<>(items.size());
        for (T item : items) {
            futures.add(pool.submit(task.apply(item)));
        }
        try {
            for (Future<Void> future : futures) {
                future.get();
            }
        } catch (ExecutionException failed) {
            futures.forEach(future -> future.cancel(true));
            if (failed.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new GatewayClient.Failed(failed.getCause().toString(), failed.getCause());
        }
    }

    /** Prints a line at each tenth of the way, so a long load shows it is moving without flooding the terminal. */
    private final class Progress {
        private final String what;
        private final int total;
        private int done;
        private int printedTenth;

        Progress(String what, int total) {
            this.what = what;
            this.total = total;
        }

        synchronized void add(int count) {
            done += count;
            int tenth = done * 10 / total;
            if (tenth > printedTenth) {
                printedTenth = tenth;
                out.printf("  %s: %,d of %,d%n", what, done, total);
            }
        }
    }
}
