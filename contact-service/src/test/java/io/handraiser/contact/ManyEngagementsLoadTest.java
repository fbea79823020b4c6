package io.handraiser.contact;

import io.handraiser.contract.contact.CaptureContact;
import io.handraiser.contract.contact.ContactId;
import io.handraiser.contract.contact.Email;
import io.handraiser.contract.contact.EngagementDetail;
import io.handraiser.contract.contact.EngagementType;
import io.handraiser.contract.contact.RecordEngagement;
import io.handraiser.contract.shared.Actor;
import io.handraiser.testsupport.TestMongo;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A contact with 10,000 engagements must still answer a command quickly: snapshots bound what a load reads.
 * Prints the load time with the snapshot and the time to read the whole stream without one; asserts only
 * that a snapshot exists and that the contact still takes commands correctly.
 */
class ManyEngagementsLoadTest extends ContactServiceTestBase {

    private static final int ENGAGEMENTS = 10_000;

    @Autowired
    CommandGateway commands;

    @Autowired
    EventStore eventStore;

    @Autowired
    Cache contactCache;

    @Test
    void aContactWithTenThousandEngagementsLoadsFromItsSnapshot() {
        ContactId id = ContactId.generate();
        MetaData actor = MetaData.with(Actor.META_DATA_KEY, Actor.person("load-test"));
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(
                new CaptureContact(id, new Email(id + "@example.com"), null, null, null)).andMetaData(actor));
        long started = System.nanoTime();
        for (int i = 0; i < ENGAGEMENTS; i++) {
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(record(id, "e-" + i)).andMetaData(actor));
        }
        double recordSeconds = (System.nanoTime() - started) / 1e9;

        contactCache.removeAll();
        long loadStarted = System.nanoTime();
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(record(id, "e-0")).andMetaData(actor));
        double loadMillis = (System.nanoTime() - loadStarted) / 1e6;

        long fullStarted = System.nanoTime();
        DomainEventStream all = eventStore.readEvents(id.toString(), 0);
        long events = 0;
        while (all.hasNext()) {
            all.next().getPayload();
            events++;
        }
        double fullMillis = (System.nanoTime() - fullStarted) / 1e6;

        System.out.printf(Locale.ROOT, "%d engagements recorded in %.1f s (%.0f/s); command on the uncached contact: %.1f ms "
                                       + "(snapshot + tail); reading and deserializing all %d events instead: %.1f ms%n",
                          ENGAGEMENTS, recordSeconds, ENGAGEMENTS / recordSeconds, loadMillis, events, fullMillis);
        assertThat(events).isEqualTo(ENGAGEMENTS + 1);
        assertThat(TestMongo.client().getDatabase(EVENT_LOG).getCollection("snapshots")
                            .countDocuments(new org.bson.Document("_id", id.toString()))).isEqualTo(1);
    }

    private static RecordEngagement record(ContactId id, String engagementId) {
        return new RecordEngagement(id, engagementId, EngagementType.EMAIL_OPENED, Instant.parse("2026-11-20T10:00:00Z"),
                                    EngagementDetail.none(), null);
    }
}
