package io.handraiser.eventstore;

import com.mongodb.client.MongoDatabase;
import io.handraiser.testsupport.TestMongo;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.handraiser.eventstore.EventLogFixture.Engaged;
import static io.handraiser.eventstore.EventLogFixture.SERIALIZER;
import static io.handraiser.eventstore.EventLogFixture.drain;
import static io.handraiser.eventstore.EventLogFixture.engine;
import static io.handraiser.eventstore.EventLogFixture.event;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Why Handraiser has its own engine: the Axon Mongo extension tracks by timestamp with a look-back window, so a
 * commit stamped by a writer whose clock runs behind lands before a reader's token and is never delivered.
 */
class AxonMongoExtensionComparisonTest {

    @Test
    void theExtensionMissesTheClockSkewedCommitThatOursDelivers() {
        assertThat(deliveredAfterASkewedCommit(extensionEngine(TestMongo.freshDatabase("extension")))).isEmpty();
        assertThat(deliveredAfterASkewedCommit(engine(TestMongo.freshDatabase("ours"), Duration.ofHours(1))))
                .containsExactly(new Engaged("skewed", 0));
    }

    private static List<Object> deliveredAfterASkewedCommit(EventStorageEngine engine) {
        engine.appendEvents(event("punctual", 0));
        TrackingToken afterPunctual = drain(engine, null).get(0).trackingToken();

        engine.appendEvents(event("skewed", 0, Instant.now().minus(Duration.ofMinutes(10))));

        List<TrackedEventMessage<?>> delivered = drain(engine, afterPunctual);
        return delivered.stream().<Object>map(EventMessage::getPayload).toList();
    }

    static MongoEventStorageEngine extensionEngine(MongoDatabase database) {
        MongoEventStorageEngine engine = MongoEventStorageEngine.builder()
                                                                .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(database).build())
                                                                .eventSerializer(SERIALIZER)
                                                                .snapshotSerializer(SERIALIZER)
                                                                .build();
        engine.ensureIndexes();
        return engine;
    }
}
