package io.handraiser.reporting;

import io.handraiser.contract.contact.ContactId;
import io.handraiser.contract.contact.Evidence;
import io.handraiser.contract.contact.Tier;
import io.handraiser.contract.handoff.HandoffClosed;
import io.handraiser.contract.handoff.HandoffEscalated;
import io.handraiser.contract.handoff.HandoffExpired;
import io.handraiser.contract.handoff.HandoffId;
import io.handraiser.contract.handoff.HandoffOpened;
import io.handraiser.contract.handoff.HandoffOutcome;
import io.handraiser.contract.handoff.HandoffReassigned;
import io.handraiser.contract.shared.Actor;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A handoff's history as handoff-service would have recorded it. */
final class HandoffStory {

    static final Actor ROUTING = Actor.system("handoff-service", "routing-1");

    private final HandoffId id = new HandoffId(UUID.randomUUID());
    private final ContactId contact;
    private final Instant openedAt;
    private final Instant dueAt;
    private final List<DomainEventMessage<?>> events = new ArrayList<>();
    private String assignee;

    private HandoffStory(ContactId contact, Instant openedAt, Instant dueAt, String assignee) {
        this.contact = contact;
        this.openedAt = openedAt;
        this.dueAt = dueAt;
        this.assignee = assignee;
    }

    static HandoffStory opened(ContactId contact, String tier, Instant at, Duration sla, String assignee) {
        HandoffStory story = new HandoffStory(contact, at, at.plus(sla), assignee);
        return story.add(new HandoffOpened(story.id, contact, Tier.of(tier), Evidence.none(), assignee, story.dueAt, ROUTING, at));
    }

    HandoffStory reassigned(Instant at, String to) {
        HandoffReassigned event = new HandoffReassigned(id, contact, assignee, to, Actor.person("manager"), at);
        assignee = to;
        return add(event);
    }

    HandoffStory escalated(Instant at, String to) {
        HandoffEscalated event = new HandoffEscalated(id, contact, assignee, to, 1, at.plus(Duration.ofHours(4)), ROUTING, at);
        assignee = to;
        return add(event);
    }

    HandoffStory expired(Instant at) {
        add(new HandoffExpired(id, contact, assignee, 1, ROUTING, at));
        return closed(at, HandoffOutcome.EXPIRED);
    }

    HandoffStory closed(Instant at, HandoffOutcome outcome) {
        return add(new HandoffClosed(id, contact, outcome, outcome == HandoffOutcome.RETURNED ? "NO_BUDGET" : null, assignee,
                                     Duration.between(openedAt, at), !at.isAfter(dueAt), ROUTING, at));
    }

    List<DomainEventMessage<?>> events() {
        return events;
    }

    private HandoffStory add(Object payload) {
        events.add(new GenericDomainEventMessage<>("Handoff", id.toString(), events.size(), payload));
        return this;
    }
}
