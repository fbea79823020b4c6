package io.handraiser.starter.eventlog;

import com.mongodb.client.MongoDatabase;
import io.handraiser.testsupport.TestMongo;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** Heartbeats are driven by hand and the clock is moved by hand, so every count below is exact. */
class SegmentShareTest {

    private static final Duration HEARTBEAT = Duration.ofSeconds(2);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final MongoDatabase database = TestMongo.client().getDatabase(TestMongo.freshDatabaseName("segment_share"));
    private final TokenStore tokenStore = MongoTokenStore.builder()
                                                         .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(database).build())
                                                         .serializer(JacksonSerializer.defaultSerializer())
                                                         .build();
    private Instant now = Instant.parse("2026-11-23T09:00:00Z");

    @AfterEach
    void dropDatabase() {
        database.drop();
    }

    @Test
    void anInstanceAloneMayHoldEverySegmentOnceItKnowsThem() {
        SegmentShare alone = share("a");
        assertThat(alone.getMaxSegments("lead-scores")).as("segments not known yet").isEqualTo(Short.MAX_VALUE);

        tokenStore.initializeTokenSegments("lead-scores", 16);
        alone.beat();

        assertThat(alone.liveInstances()).isEqualTo(1);
        assertThat(alone.getMaxSegments("lead-scores")).isEqualTo(16);
    }

    @Test
    void instancesSplitTheSegmentsRoundingUp() {
        tokenStore.initializeTokenSegments("inbox", 16);
        SegmentShare a = share("a");
        SegmentShare b = share("b");
        SegmentShare c = share("c");
        a.getMaxSegments("inbox");
        b.getMaxSegments("inbox");

        a.beat();
        b.beat();
        a.beat();
        assertThat(a.getMaxSegments("inbox")).isEqualTo(8);
        assertThat(b.getMaxSegments("inbox")).isEqualTo(8);

        c.beat();
        a.beat();
        assertThat(a.getMaxSegments("inbox")).as("16 / 3, rounded up, so that all 16 have a holder").isEqualTo(6);
    }

    @Test
    void aStoppedInstanceLeavesAtOnceAndADeadOneAfterTheTimeout() {
        tokenStore.initializeTokenSegments("crm", 16);
        SegmentShare survivor = share("survivor");
        SegmentShare stopped = share("stopped");
        SegmentShare killed = share("killed");
        survivor.getMaxSegments("crm");
        stopped.beat();
        killed.beat();
        survivor.beat();
        assertThat(survivor.liveInstances()).isEqualTo(3);

        stopped.close();
        survivor.beat();
        assertThat(survivor.liveInstances()).isEqualTo(2);
        assertThat(survivor.getMaxSegments("crm")).isEqualTo(8);

        now = now.plus(TIMEOUT.minus(HEARTBEAT));
        survivor.beat();
        assertThat(survivor.liveInstances()).as("a missed heartbeat or two is not death").isEqualTo(2);

        now = now.plus(HEARTBEAT.multipliedBy(2));
        survivor.beat();
        assertThat(survivor.liveInstances()).isEqualTo(1);
        assertThat(survivor.getMaxSegments("crm")).isEqualTo(16);
    }

    @Test
    void aSplitSegmentChangesTheShareAtTheNextHeartbeat() {
        tokenStore.initializeTokenSegments("reporting", 2);
        SegmentShare a = share("a");
        SegmentShare b = share("b");
        a.getMaxSegments("reporting");
        b.beat();
        a.beat();
        assertThat(a.getMaxSegments("reporting")).isEqualTo(1);

        tokenStore.initializeSegment(null, "reporting", 2);
        tokenStore.initializeSegment(null, "reporting", 3);
        a.beat();
        assertThat(a.getMaxSegments("reporting")).isEqualTo(2);
    }

    private SegmentShare share(String instanceId) {
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
        return new SegmentShare(database, tokenStore, clock, instanceId, HEARTBEAT, TIMEOUT, new SimpleMeterRegistry());
    }
}
