package io.handraiser.eventstore;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.json.JacksonSerializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Test-data language for the event log: engines on a test database, events, and a reader that drains. */
final class EventLogFixture {

    record Engaged(String contactId, int number) {
    }

    record Published(String fact) {
    }

    static final JacksonSerializer SERIALIZER = JacksonSerializer.builder().objectMapper(new ObjectMapper()).build();

    private EventLogFixture() {
    }

    static CommitLogEventStorageEngine.Builder engineOn(MongoDatabase database) {
        return CommitLogEventStorageEngine.builder()
                                          .database(database)
                                          .eventSerializer(SERIALIZER)
                                          .snapshotSerializer(SERIALIZER);
    }

    static CommitLogEventStorageEngine engine(MongoDatabase database, Duration gapTimeout) {
        return engineOn(database).gapTimeout(gapTimeout).build();
    }

    static DomainEventMessage<Engaged> event(String contactId, long sequence) {
        return event(contactId, sequence, Instant.now());
    }

    static DomainEventMessage<Engaged> event(String contactId, long sequence, Instant at) {
        return new GenericDomainEventMessage<>("Contact", contactId, sequence,
                                               new Engaged(contactId, (int) sequence), MetaData.with("by", "test"),
                                               java.util.UUID.randomUUID().toString(), at);
    }

    static EventMessage<Published> fact(String text) {
        return GenericEventMessage.asEventMessage(new Published(text));
    }

    static List<EventMessage<?>> commitOf(String contactId, long firstSequence, int size) {
        List<EventMessage<?>> events = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            events.add(event(contactId, firstSequence + i));
        }
        return events;
    }

    /** Everything the reader delivers now, as one processor would see it. */
    static List<TrackedEventMessage<?>> drain(EventStorageEngine engine, TrackingToken from) {
        List<TrackedEventMessage<?>> all = new ArrayList<>();
        TrackingToken token = from;
        while (true) {
            List<TrackedEventMessage<?>> batch;
            try (Stream<? extends TrackedEventMessage<?>> stream = engine.readEvents(token, false)) {
                batch = new ArrayList<>(stream.toList());
            }
            if (batch.isEmpty()) {
                return all;
            }
            all.addAll(batch);
            token = batch.get(batch.size() - 1).trackingToken();
        }
    }

    static List<String> identifiers(List<? extends EventMessage<?>> events) {
        return events.stream().map(EventMessage::getIdentifier).toList();
    }
}
