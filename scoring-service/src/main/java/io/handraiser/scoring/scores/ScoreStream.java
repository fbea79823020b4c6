package io.handraiser.scoring.scores;

import io.handraiser.contract.scoring.LeadScoreEvent;
import io.handraiser.starter.eventlog.EventLogAutoConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Puts scoring's facts into the shared event log, exactly once. Each contact's facts form a stream of their own
 * ({@value #TYPE} "lead-score-{contactId}"), and each fact has its place in that stream fixed when it is decided,
 * so the log's unique aggregate-sequence index refuses a second copy: publishing again after a crash, or from a
 * second instance, stores nothing twice. The facts are appended straight to the storage engine, outside the
 * processor's unit of work, so a refused copy is an answer rather than a failed batch.
 */
@Component
class ScoreStream {

    static final String TYPE = "LeadScore";

    private final EventStorageEngine storage;

    ScoreStream(EventStorageEngine storage) {
        this.storage = storage;
    }

    static String streamOf(String contactId) {
        return "lead-score-" + contactId;
    }

    /** Appends the facts as one commit; returns normally when they are in the log, whoever put them there. */
    void publish(String contactId, List<StoredScore.Pending> facts) {
        if (facts.isEmpty()) {
            return;
        }
        List<DomainEventMessage<?>> messages = facts.stream().<DomainEventMessage<?>>map(fact -> message(contactId, fact)).toList();
        try {
            storage.appendEvents(messages);
        } catch (ConcurrencyException | AggregateStreamCreationException alreadyStored) {
            // the commit holding these very positions is in the log already: an earlier attempt succeeded
        }
    }

    private static DomainEventMessage<?> message(String contactId, StoredScore.Pending fact) {
        String stream = streamOf(contactId);
        Map<String, Object> metaData = new HashMap<>();
        if (fact.requestId() != null) {
            metaData.put(EventLogAutoConfiguration.REQUEST_ID, fact.requestId());
        }
        LeadScoreEvent event = fact.event();
        String identifier = UUID.nameUUIDFromBytes((stream + '#' + fact.sequence()).getBytes(StandardCharsets.UTF_8)).toString();
        return new GenericDomainEventMessage<>(TYPE, stream, fact.sequence(), event, metaData, identifier, event.at());
    }
}
