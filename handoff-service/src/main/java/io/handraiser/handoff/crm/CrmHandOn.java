package io.handraiser.handoff.crm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.handraiser.contract.contact.ContactErased;
import io.handraiser.contract.handoff.HandoffClosed;
import io.handraiser.contract.handoff.HandoffEscalated;
import io.handraiser.contract.handoff.HandoffOpened;
import io.handraiser.contract.handoff.HandoffOutcome;
import io.handraiser.handoff.inbox.ContactCards;
import io.handraiser.starter.eventlog.EventSerialization;
import io.handraiser.starter.privacy.SubjectKeys;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Hands an accepted SQL on to the CRM: sales must work it now, in the tool they work in. It reacts to the handoff
 * closing as accepted, the handoff's own record of the contact's {@code AcceptedAsSQL}, because by then the
 * handoff's stream holds the whole trail: who had it, since when, and how long acceptance took.
 * <p>
 * The body is composed and stored once, here; every try sends and signs exactly those bytes. The delivery id is
 * derived from the handoff, so a redelivered event records nothing twice and the CRM sees one id however often a
 * delivery is tried. There is no reset handler on purpose: replaying this group would send history to the CRM again.
 * <p>
 * A contact erased before its acceptance reaches this group is never recorded: the card this group reads is kept
 * by another group, which may not have dropped it yet, and this group's own {@code ContactErased} may have come
 * first, so nothing would delete the delivery later.
 */
@Component
@ProcessingGroup("crm")
public class CrmHandOn {

    static final String TYPE = "contact.accepted-as-sql";
    private static final ObjectMapper JSON = EventSerialization.objectMapper();

    private final CrmProperties properties;
    private final CrmDeliveries deliveries;
    private final ContactCards cards;
    private final EventStore eventStore;
    private final SubjectKeys subjectKeys;

    public CrmHandOn(CrmProperties properties, CrmDeliveries deliveries, ContactCards cards, EventStore eventStore,
                     SubjectKeys subjectKeys) {
        this.properties = properties;
        this.deliveries = deliveries;
        this.cards = cards;
        this.eventStore = eventStore;
        this.subjectKeys = subjectKeys;
    }

    @EventHandler
    void on(HandoffClosed closed) throws JsonProcessingException {
        if (closed.outcome() != HandoffOutcome.ACCEPTED || !properties.enabled() || subjectKeys.isErased(closed.contactId().toString())) {
            return;
        }
        String deliveryId = UUID.nameUUIDFromBytes(("crm/" + closed.handoffId()).getBytes(StandardCharsets.UTF_8)).toString();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("deliveryId", deliveryId);
        body.put("type", TYPE);
        body.put("occurredAt", closed.at().toString());
        body.put("contact", contact(closed));
        body.put("qualification", trail(closed));
        deliveries.record(deliveryId, closed.handoffId().toString(), closed.contactId().toString(), JSON.writeValueAsString(body));
    }

    @EventHandler
    void on(ContactErased erased) {
        deliveries.forget(erased.contactId().toString());
    }

    private Map<String, Object> contact(HandoffClosed closed) {
        Map<String, Object> contact = new LinkedHashMap<>();
        contact.put("id", closed.contactId().toString());
        cards.find(closed.contactId()).ifPresent(card -> card.forEach((field, value) -> {
            if (!"_id".equals(field)) {
                contact.put(field, value);
            }
        }));
        return contact;
    }

    private Map<String, Object> trail(HandoffClosed closed) {
        HandoffOpened opened = null;
        int escalations = 0;
        DomainEventStream handoff = eventStore.readEvents(closed.handoffId().toString());
        while (handoff.hasNext()) {
            DomainEventMessage<?> event = handoff.next();
            if (event.getPayload() instanceof HandoffOpened first) {
                opened = first;
            } else if (event.getPayload() instanceof HandoffEscalated) {
                escalations++;
            }
        }
        if (opened == null) {
            throw new IllegalStateException("handoff " + closed.handoffId() + " closed but its stream holds no HandoffOpened");
        }
        Map<String, Object> trail = new LinkedHashMap<>();
        trail.put("handoffId", closed.handoffId().toString());
        trail.put("tier", opened.tier().name());
        trail.put("evidence", opened.evidence() == null ? null : JSON.convertValue(opened.evidence(), Map.class));
        trail.put("assignee", closed.assignee());
        trail.put("openedAt", opened.at().toString());
        trail.put("acceptedAt", closed.at().toString());
        trail.put("timeToAccept", closed.openFor().toString());
        trail.put("timeToAcceptSeconds", closed.openFor().toSeconds());
        trail.put("withinSla", closed.withinSla());
        trail.put("escalations", escalations);
        return trail;
    }
}
