package io.handraiser.scoring.evaluation;

import com.mongodb.client.MongoDatabase;
import io.handraiser.contract.contact.ContactEvent;
import io.handraiser.eventstore.CommitLogEventStorageEngine;
import io.handraiser.starter.eventlog.EventSerialization;
import io.handraiser.starter.privacy.PersonalDataSerializer;
import io.handraiser.starter.privacy.SubjectKeys;
import io.handraiser.testsupport.TestMongo;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A fresh event log on the test MongoDB, written by the real engine through the serializer every service uses,
 * so personal data is encrypted under per-contact keys as in production.
 */
final class EventLogOnMongo {

    final MongoDatabase database = TestMongo.freshDatabase("evaluation_log");
    final MongoDatabase keyDatabase = TestMongo.freshDatabase("evaluation_keys");
    final SubjectKeys keys = new SubjectKeys(keyDatabase, Duration.ofMinutes(10), 100_000, Clock.systemUTC());
    final PersonalDataSerializer serializer = new PersonalDataSerializer(EventSerialization.serializer(), keys, new SimpleMeterRegistry());
    final CommitLogEventStorageEngine engine = CommitLogEventStorageEngine.builder().database(database).eventSerializer(serializer)
                                                                          .snapshotSerializer(serializer).build();

    ContactEventLog log() {
        return new ContactEventLog(database, serializer, List.of(), 2);
    }

    /**
     * The log as a service that wrote none of it reads it: no key in its cache yet, as for a scoring-service replaying
     * what contact-service recorded.
     */
    ContactEventLog logReadElsewhere() {
        SubjectKeys coldKeys = new SubjectKeys(keyDatabase, Duration.ofSeconds(30), 100_000, Clock.systemUTC());
        return new ContactEventLog(database, new PersonalDataSerializer(EventSerialization.serializer(), coldKeys, new SimpleMeterRegistry()),
                                   List.of(), Runtime.getRuntime().availableProcessors());
    }

    /** Appends the history in commits of up to {@code commitSize} events, as contact-service's units of work would. */
    void append(PlantedHistory history, int commitSize) {
        List<EventMessage<?>> commit = new ArrayList<>(commitSize);
        for (ContactEventLog.Recorded recorded : history.events) {
            commit.add(message(recorded.event(), recorded.sequence()));
            if (commit.size() == commitSize) {
                engine.appendEvents(commit);
                commit = new ArrayList<>(commitSize);
            }
        }
        if (!commit.isEmpty()) {
            engine.appendEvents(commit);
        }
        history.erased.forEach(id -> keys.erase(id.value().toString()));
    }

    static GenericDomainEventMessage<ContactEvent> message(ContactEvent event, long sequence) {
        return new GenericDomainEventMessage<>(ContactEventLog.CONTACT_AGGREGATE, event.contactId().value().toString(), sequence, event, Map.of());
    }
}
