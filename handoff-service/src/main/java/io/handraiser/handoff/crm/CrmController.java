package io.handraiser.handoff.crm;

import io.handraiser.contract.shared.RuleViolation;
import io.handraiser.handoff.crm.CrmDeliveries.State;
import io.handraiser.starter.web.Fields;
import io.handraiser.starter.web.ProblemAdvice;
import org.bson.Document;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The CRM outbox for admins: what went out, what waits for another try, and the dead letters to replay once the CRM is fixed. */
@RestController
public class CrmController {

    private static final int MAX_PAGE = 200;

    private final CrmDeliveries deliveries;

    public CrmController(CrmDeliveries deliveries) {
        this.deliveries = deliveries;
    }

    /** A page in id order; {@code next} is the {@code after} of the following page, null on the last. */
    @GetMapping("/api/crm/deliveries")
    @PreAuthorize("hasRole('admin')")
    public Map<String, Object> deliveries(@RequestParam(required = false) String state, @RequestParam(required = false) String after,
                                          @RequestParam(defaultValue = "50") int limit) {
        Fields fields = new Fields();
        State wanted = state == null ? null : fields.value("state", () -> state(state));
        String from = after == null ? null : fields.value("after", () -> deliveryId(after));
        if (limit < 1 || limit > MAX_PAGE) {
            fields.reject("limit", "limit is 1 to " + MAX_PAGE);
        }
        fields.check();
        List<Document> page = deliveries.page(wanted, from, limit);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("items", page.stream().map(CrmController::view).toList());
        answer.put("next", page.size() < limit ? null : page.get(page.size() - 1).getString("_id"));
        return answer;
    }

    /** Puts a dead letter back in line with a fresh count of tries; only a dead letter can be replayed. */
    @PostMapping("/api/crm/deliveries/{id}/replay")
    @PreAuthorize("hasRole('admin')")
    public Map<String, Object> replay(@PathVariable String id) {
        Fields fields = new Fields();
        String deliveryId = fields.value("id", () -> deliveryId(id));
        fields.check();
        Optional<Document> replayed = deliveries.replay(deliveryId);
        if (replayed.isPresent()) {
            return view(replayed.get());
        }
        Document delivery = deliveries.find(deliveryId).orElseThrow(() -> ProblemAdvice.notFound("no CRM delivery has id " + deliveryId));
        throw new RuleViolation("replay-only-dead", "CRM delivery " + deliveryId + " is " + delivery.getString(CrmDeliveries.STATE)
                                                    + "; only a dead letter is replayed");
    }

    private static State state(String value) {
        try {
            return State.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("state is one of pending, delivered, dead; got '" + value + "'");
        }
    }

    private static String deliveryId(String value) {
        try {
            return UUID.fromString(value).toString();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + value + "' is not a delivery id (a UUID)");
        }
    }

    private static Map<String, Object> view(Document delivery) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", delivery.getString("_id"));
        view.put("handoffId", delivery.getString(CrmDeliveries.HANDOFF_ID));
        view.put("contactId", delivery.getString(CrmDeliveries.CONTACT_ID));
        view.put("state", delivery.getString(CrmDeliveries.STATE));
        view.put("attempts", delivery.getInteger(CrmDeliveries.ATTEMPTS));
        view.put("createdAt", instant(delivery.getDate(CrmDeliveries.CREATED_AT)));
        view.put("nextAttemptAt", State.PENDING.name().equals(delivery.getString(CrmDeliveries.STATE))
                ? instant(delivery.getDate(CrmDeliveries.NEXT_ATTEMPT_AT)) : null);
        view.put("deliveredAt", instant(delivery.getDate(CrmDeliveries.DELIVERED_AT)));
        view.put("lastStatus", delivery.getInteger(CrmDeliveries.LAST_STATUS));
        view.put("lastError", delivery.getString(CrmDeliveries.LAST_ERROR));
        view.put("payload", Document.parse(delivery.getString(CrmDeliveries.BODY)));
        return view;
    }

    private static Object instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
