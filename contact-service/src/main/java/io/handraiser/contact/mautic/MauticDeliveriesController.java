package io.handraiser.contact.mautic;

import io.handraiser.contact.mautic.MauticDeliveryBody.Pending;
import io.handraiser.contact.mautic.MauticDeliveryStore.EventState;
import io.handraiser.contact.mautic.MauticDeliveryStore.Totals;
import io.handraiser.starter.web.BadRequest;
import io.handraiser.starter.web.FieldError;
import org.bson.Document;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What became of the Mautic deliveries (admin): {@code GET /api/integrations/mautic/deliveries} lists them, newest
 * first, pending (received, not yet applied), applied, or with failed events; {@code .../{id}} shows one with what
 * became of each event, and the reason of each failure; {@code POST .../{id}/events/{index}/retry} applies a failed
 * event again, once its cause is fixed (an unexpected error; an event rejected for its content would be rejected again).
 */
@RestController
public class MauticDeliveriesController {

    static final String PATH = "/api/integrations/mautic/deliveries";
    private static final int MAX_PAGE = 1_000;
    private static final List<String> STATES = List.of("pending", "applied", "failed");

    private final MauticDeliveryStore store;
    private final MauticDeliveryWorker worker;
    private final JsonMapper json;

    MauticDeliveriesController(MauticDeliveryStore store, MauticDeliveryWorker worker, JsonMapper json) {
        this.store = store;
        this.worker = worker;
        this.json = json;
    }

    /** @param before the {@code next} of the page before */
    @GetMapping(PATH)
    @PreAuthorize("hasRole('admin')")
    public DeliveryPage deliveries(@RequestParam(required = false) String state, @RequestParam(required = false) String before,
                                   @RequestParam(defaultValue = "50") int limit) {
        List<FieldError> bad = new ArrayList<>();
        String wanted = state == null ? null : state.toLowerCase(Locale.ROOT);
        if (wanted != null && !STATES.contains(wanted)) {
            bad.add(new FieldError("state", "one of " + STATES));
        }
        checkLimit(limit, bad);
        Instant beforeReceived = null;
        String beforeId = null;
        if (before != null) {
            int separator = before.lastIndexOf('~');
            try {
                beforeReceived = Instant.parse(before.substring(0, Math.max(separator, 0)));
                beforeId = before.substring(separator + 1);
            } catch (DateTimeParseException unreadable) {
                bad.add(new FieldError("before", "the next of the page before, as it was given"));
            }
        }
        if (!bad.isEmpty()) {
            throw BadRequest.of(bad);
        }
        List<Document> page = store.page(wanted, beforeReceived, beforeId, limit);
        List<Summary> summaries = page.stream().map(this::summary).toList();
        Document last = page.size() == limit ? page.get(page.size() - 1) : null;
        String next = last == null ? null : last.getDate(MauticDeliveryStore.RECEIVED_AT).toInstant() + "~" + last.getString("_id");
        return new DeliveryPage(summaries, next);
    }

    /**
     * @param events which event records to list: all, applied or failed (pending events have none yet)
     * @param after  the index of the last event of the page before
     */
    @GetMapping(PATH + "/{id}")
    @PreAuthorize("hasRole('admin')")
    public Delivery delivery(@PathVariable String id, @RequestParam(defaultValue = "all") String events,
                             @RequestParam(defaultValue = "-1") int after, @RequestParam(defaultValue = "1000") int limit) {
        List<FieldError> bad = new ArrayList<>();
        EventState state = switch (events.toLowerCase(Locale.ROOT)) {
            case "all" -> null;
            case "applied" -> EventState.APPLIED;
            case "failed" -> EventState.FAILED;
            default -> {
                bad.add(new FieldError("events", "one of all, applied, failed"));
                yield null;
            }
        };
        checkLimit(limit, bad);
        if (!bad.isEmpty()) {
            throw BadRequest.of(bad);
        }
        Document delivery = store.find(id).orElseThrow(() -> notFound("no Mautic delivery " + id));
        List<EventRecord> records = store.events(id, state, after, limit).stream().map(MauticDeliveriesController::record).toList();
        Integer next = records.size() == limit ? records.get(records.size() - 1).index() : null;
        return new Delivery(summary(delivery), records, next);
    }

    /** Applies a failed event again, at once; it keeps its place in the delivery and its new outcome replaces the old. */
    @PostMapping(PATH + "/{id}/events/{index}/retry")
    @PreAuthorize("hasRole('admin')")
    public EventRecord retry(@PathVariable String id, @PathVariable int index) {
        Document before = store.event(id, index).orElseThrow(() -> notFound("delivery " + id + " has no applied or failed event " + index));
        if (!EventState.FAILED.name().equals(before.getString("state"))) {
            throw conflict("event-not-failed", "event " + index + " of delivery " + id + " was applied; only a failed event is retried");
        }
        if (!MauticDeliveryWorker.ERROR.equals(before.getString("outcome"))) {
            throw conflict("event-refused-by-content", "event " + index + " of delivery " + id + " was " + before.getString("outcome")
                                                       + " for what it holds: applied again it would be refused again");
        }
        Document kept = before.get("event", Document.class);
        if (kept == null) {
            throw conflict("event-erased", "event " + index + " of delivery " + id + " named a contact that was erased since: it is gone");
        }
        MauticEvent event = MauticDeliveryWorker.restored(json, kept);
        Document after = worker.applyOne(id, index, new Pending(MauticEventType.named(event.type()).orElse(null), event));
        store.retried(before, after);
        return record(after);
    }

    private Summary summary(Document delivery) {
        String id = delivery.getString("_id");
        boolean applied = MauticDeliveryStore.State.APPLIED.name().equals(delivery.getString("state"));
        Totals totals = applied ? new Totals(delivery.getInteger("applied", 0), delivery.getInteger("failed", 0), outcomes(delivery))
                                : store.totals(id);
        int received = delivery.getInteger("events", 0);
        return new Summary(id, applied ? "APPLIED" : "PENDING", delivery.getString("state"),
                           instant(delivery.getDate(MauticDeliveryStore.RECEIVED_AT)), instant(delivery.getDate("appliedAt")), received,
                           totals.applied(), totals.failed(), Math.max(0, received - totals.applied() - totals.failed()),
                           totals.outcomes(), delivery.getInteger("attempts", 0));
    }

    private static Map<String, Integer> outcomes(Document delivery) {
        Document outcomes = delivery.get("outcomes", Document.class);
        Map<String, Integer> counts = new java.util.TreeMap<>();
        if (outcomes != null) {
            outcomes.forEach((outcome, count) -> counts.put(outcome, ((Number) count).intValue()));
        }
        return counts;
    }

    private static EventRecord record(Document event) {
        return new EventRecord(event.getInteger("index"), event.getString("type"), event.getString("state"), event.getString("outcome"),
                               event.getString("contactId"), event.getString("detail"), instant(event.getDate("at")));
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    private static void checkLimit(int limit, List<FieldError> bad) {
        if (limit < 1 || limit > MAX_PAGE) {
            bad.add(new FieldError("limit", "between 1 and " + MAX_PAGE));
        }
    }

    private static ErrorResponseException notFound(String detail) {
        return new ErrorResponseException(HttpStatus.NOT_FOUND, ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail), null);
    }

    private static ErrorResponseException conflict(String rule, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail);
        problem.setProperty("rule", rule);
        return new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
    }

    /** @param next the {@code before} of the next page; null on the last */
    public record DeliveryPage(List<Summary> deliveries, String next) {
    }

    /**
     * @param state    PENDING until every event is applied or failed, then APPLIED
     * @param progress the worker's own state: QUEUED, RUNNING (under a lease) or APPLIED
     * @param received the events the delivery holds; {@code pending} of them have no outcome yet
     * @param attempts how often a worker took it up; more than one means a worker stopped and another resumed
     */
    public record Summary(String id, String state, String progress, Instant receivedAt, Instant appliedAt, int received, int applied,
                          int failed, int pending, Map<String, Integer> outcomes, int attempts) {
    }

    /** @param next the {@code after} of the next page of events; null on the last */
    public record Delivery(Summary delivery, List<EventRecord> events, Integer next) {
    }

    /** @param detail why, for a failure; what the caller may want to know otherwise (fields left out) */
    public record EventRecord(int index, String type, String state, String outcome, String contactId, String detail, Instant at) {
    }
}
