package io.handraiser.handoff.inbox;

import io.handraiser.contract.contact.ContactId;
import io.handraiser.contract.handoff.ClaimHandoff;
import io.handraiser.contract.handoff.HandoffId;
import io.handraiser.contract.handoff.ReassignHandoff;
import io.handraiser.handoff.routing.Reps;
import io.handraiser.starter.web.BadRequest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.bson.Document;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sales inbox: the calling rep's open handoffs, soonest due first, each with who the contact is, why they
 * qualified and where the SLA stands. Managers see the unassigned queue and move handoffs between reps. Accepting
 * and returning are contact decisions and go to contact-service.
 */
@RestController
public class InboxController {

    private final Handoffs handoffs;
    private final ContactCards cards;
    private final Reps reps;
    private final CommandGateway commands;
    private final Clock clock;

    public InboxController(Handoffs handoffs, ContactCards cards, Reps reps, CommandGateway commands, Clock clock) {
        this.handoffs = handoffs;
        this.cards = cards;
        this.reps = reps;
        this.commands = commands;
        this.clock = clock;
    }

    @GetMapping("/api/inbox")
    @PreAuthorize("hasAnyRole('sales', 'admin')")
    public List<Map<String, Object>> inbox(Authentication caller) {
        return items(handoffs.openFor(caller.getName()));
    }

    @GetMapping("/api/inbox/unassigned")
    @PreAuthorize("hasAnyRole('sales', 'admin')")
    public List<Map<String, Object>> unassigned() {
        return items(handoffs.unassigned());
    }

    @PostMapping("/api/inbox/handoffs/{id}/claim")
    @PreAuthorize("hasRole('sales')")
    public Map<String, Object> claim(@PathVariable HandoffId id) {
        commands.sendAndWait(new ClaimHandoff(id));
        return Map.of("handoffId", id.toString(), "status", "CLAIMED");
    }

    @PostMapping("/api/inbox/handoffs/{id}/reassign")
    @PreAuthorize("hasAnyRole('sales', 'admin')")
    public Map<String, Object> reassign(@PathVariable HandoffId id, @RequestBody ReassignBody body) {
        if (body.to() == null || body.to().isBlank()) {
            throw BadRequest.field("to", "to is required: the id of the rep who takes the handoff");
        }
        if (reps.find(body.to()).isEmpty()) {
            throw BadRequest.field("to", "no rep has id " + body.to());
        }
        commands.sendAndWait(new ReassignHandoff(id, body.to()));
        return Map.of("handoffId", id.toString(), "assignee", body.to());
    }

    private List<Map<String, Object>> items(List<Document> open) {
        Instant now = clock.instant();
        return open.stream().map(handoff -> item(handoff, now)).toList();
    }

    private Map<String, Object> item(Document handoff, Instant now) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("handoffId", handoff.getString("_id"));
        item.put("contactId", handoff.getString("contactId"));
        item.put("contact", cards.find(ContactId.of(handoff.getString("contactId"))).map(InboxController::card).orElse(null));
        item.put("tier", handoff.getString("tier"));
        item.put("evidence", handoff.get("evidence"));
        item.put("assignee", handoff.getString("assignee"));
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

    /** ON_TRACK until the reminder, DUE_SOON after it, OVERDUE past the due time until the escalation lands. */
    private static String slaState(Document handoff, Instant now) {
        if (now.isAfter(handoff.getDate("dueAt").toInstant())) {
            return "OVERDUE";
        }
        return Boolean.TRUE.equals(handoff.getBoolean("reminded")) ? "DUE_SOON" : "ON_TRACK";
    }

    public record ReassignBody(String to) {
    }
}
