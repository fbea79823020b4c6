package io.handraiser.eventstore;

import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;

import java.time.Instant;

/**
 * One serialized event as read from a commit document. Events of an aggregate are {@link DomainEventData};
 * the others (facts a saga or policy publishes without an aggregate) are not, so Axon hands them to handlers as
 * plain event messages rather than inventing an aggregate for them.
 */
sealed class StoredEvent implements TrackedEventData<String> permits StoredEvent.OfAggregate {

    private final TrackingToken token;
    private final String eventIdentifier;
    private final Instant timestamp;
    private final SerializedObject<String> payload;
    private final SerializedObject<String> metaData;

    StoredEvent(TrackingToken token, String eventIdentifier, Instant timestamp,
                String payloadType, String payloadRevision, String payload, String metaData) {
        this.token = token;
        this.eventIdentifier = eventIdentifier;
        this.timestamp = timestamp;
        this.payload = new SimpleSerializedObject<>(payload, String.class, payloadType, payloadRevision);
        this.metaData = new SimpleSerializedObject<>(metaData, String.class, org.axonframework.messaging.MetaData.class.getName(), null);
    }

    @Override
    public TrackingToken trackingToken() {
        return token;
    }

    @Override
    public String getEventIdentifier() {
        return eventIdentifier;
    }

    @Override
    public Instant getTimestamp() {
        return timestamp;
    }

    @Override
    public SerializedObject<String> getMetaData() {
        return metaData;
    }

    @Override
    public SerializedObject<String> getPayload() {
        return payload;
    }

    static final class OfAggregate extends StoredEvent implements DomainEventData<String> {

        private final String aggregateType;
        private final String aggregateIdentifier;
        private final long sequenceNumber;

        OfAggregate(TrackingToken token, String eventIdentifier, Instant timestamp,
                    String payloadType, String payloadRevision, String payload, String metaData,
                    String aggregateType, String aggregateIdentifier, long sequenceNumber) {
            super(token, eventIdentifier, timestamp, payloadType, payloadRevision, payload, metaData);
            this.aggregateType = aggregateType;
            this.aggregateIdentifier = aggregateIdentifier;
            this.sequenceNumber = sequenceNumber;
        }

        @Override
        public String getType() {
            return aggregateType;
        }

        @Override
        public String getAggregateIdentifier() {
            return aggregateIdentifier;
        }

        @Override
        public long getSequenceNumber() {
            return sequenceNumber;
        }
    }
}
