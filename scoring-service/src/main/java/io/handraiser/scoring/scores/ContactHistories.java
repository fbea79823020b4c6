package io.handraiser.scoring.scores;

import io.handraiser.contract.contact.ContactEvent;
import io.handraiser.scoring.engine.ContactHistory;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * Reads a contact's own events from the shared log when a new model version must match values scoring does not
 * keep (the job title, page URLs). The serializer opens personal values with the contact's key, so they exist in
 * memory only, and an erased contact's read as null.
 */
@Component
class ContactHistories {

    private final EventStore eventStore;

    ContactHistories(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** The contact's history up to and including event {@code lastSequence}; later ones are not applied yet. */
    ContactHistory upTo(String contactId, long lastSequence) {
        ContactHistory history = new ContactHistory();
        // from sequence 0 rather than the latest snapshot: a snapshot holds the Contact aggregate, not its events
        DomainEventStream stream = eventStore.readEvents(contactId, 0);
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            if (message.getSequenceNumber() > lastSequence) {
                break;
            }
            if (message.getPayload() instanceof ContactEvent event) {
                history.apply(event);
            }
        }
        return history;
    }
}
