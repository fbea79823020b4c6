package io.handraiser.handoff.inbox;

import io.handraiser.contract.handoff.ClaimHandoff;
import io.handraiser.contract.handoff.HandoffId;
import io.handraiser.contract.handoff.ReassignHandoff;
import io.handraiser.handoff.routing.Reps;
import io.handraiser.starter.web.BadRequest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.util.List;
import java.util.Map;

/**
 * The sales inbox: the calling rep's open handoffs, soonest due first, each with who the contact is, why they
 * qualified and where the SLA stands, and a stream of the changes to it. Managers see the unassigned queue and move
 * handoffs between reps. Accepting and returning are contact decisions and go to contact-service.
 */
@RestController
public class InboxController {

    private final Handoffs handoffs;
    private final InboxItems items;
    private final InboxStream stream;
    private final Reps reps;
    private final CommandGateway commands;

    public InboxController(Handoffs handoffs, InboxItems items, InboxStream stream, Reps reps, CommandGateway commands) {
        this.handoffs = handoffs;
        this.items = items;
        this.stream = stream;
        this.reps = reps;
        this.commands = commands;
    }

    @GetMapping("/api/inbox")
    @PreAuthorize("hasAnyRole('sales', 'admin')")
    public List<Map<String, Object>> inbox(Authentication caller) {
        return items.of(handoffs.openFor(caller.getName()));
    }

    /**
     * Server-sent events of the caller's new and changed handoffs, each named after the event that changed it
     * ({@code HandoffOpened}, {@code HandoffReassigned}, ...) with the list's item as data; a handoff that left the
     * caller (reassigned, escalated, closed) comes once more showing its new assignee or status. Open the stream,
     * then read {@code GET /api/inbox}, and no change falls in between.
     */
    @GetMapping(path = "/api/inbox/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @PreAuthorize("hasAnyRole('sales', 'admin')")
    public SseEmitter stream(Authentication caller) {
        return stream.subscribe(caller.getName());
    }

    @GetMapping("/api/inbox/unassigned")
    @PreAuthorize("hasAnyRole('sales', 'admin')")
    public List<Map<String, Object>> unassigned() {
        return items.of(handoffs.unassigned());
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

    public record ReassignBody(String to) {
    }
}
