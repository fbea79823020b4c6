package io.handraiser.handoff.inbox;

import io.handraiser.contract.contact.ContactId;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One handoff as the sales inbox shows it, the same in the list and on the stream, so a client merges a streamed
 * change into its list by {@code handoffId} without a second shape to know.
 */
@Component
public class InboxItems {

    private final ContactCards cards;
    private final Clock clock;

    public InboxItems(ContactCards cards, Clock clock) {
        this.cards = cards;
        this.clock = clock;
    }

    public List<Map<String, Object>> of(List<Document> handoffs) {
        Instant now = clock.instant();
        return handoffs.stream().map(handoff -> item(handoff, now)).toList();
    }

    public Map<String, Object> of(Document handoff) {
        return item(handoff, clock.instant());
    }

    private Map<String, Object> item(Document handoff, Instant now) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("handoffId", handoff.getString("_id"));
        item.put("contactId", handoff.getString("contactId"));
        item.put("contact", cards.find(ContactId.of(handoff.getString("contactId"))).map(InboxItems::card).orElse(null));
        item.put("tier", handoff.getString("tier"));
        item.put("evidence", handoff.get("evidence"));
        item.put("assignee", handoff.getString("assignee"));
        item.put("status", handoff.getString("status"));
        item.put("openedAt", handoff.getDate("openedAt").toInstant());
        item.put("dueAt", handoff.getDate("dueAt").toInstant());
        item.put("escalations", handoff.getInteger("escalations"));
        item.put("sla", slaState(handoff, now));
        return item;
    }

    private static Map<String, Object> card(Document card) {
        Map<String, Object> contact = new LinkedHashMap<>(card);
        contact.remove("_id");
        return contact;
    }

    /**
     * ON_TRACK until the reminder, DUE_SOON after it, OVERDUE past the due time until the escalation lands; a
     * handoff that has ended has no SLA left to keep.
     */
    private static String slaState(Document handoff, Instant now) {
        if (!Handoffs.OPEN.equals(handoff.getString("status"))) {
            return "ENDED";
        }
        if (now.isAfter(handoff.getDate("dueAt").toInstant())) {
            return "OVERDUE";
        }
        return Boolean.TRUE.equals(handoff.getBoolean("reminded")) ? "DUE_SOON" : "ON_TRACK";
    }
}
