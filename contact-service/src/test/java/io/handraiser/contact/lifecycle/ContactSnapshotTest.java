package io.handraiser.contact.lifecycle;

import io.handraiser.contract.contact.ContactProfileUpdated;
import io.handraiser.contract.contact.EngagementDetail;
import io.handraiser.contract.contact.EngagementRecorded;
import io.handraiser.contract.contact.EngagementType;
import io.handraiser.contract.contact.Profile;
import io.handraiser.contract.contact.Stage;
import io.handraiser.starter.eventlog.EventSerialization;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;

import static io.handraiser.contact.lifecycle.ContactFixtures.EARLIER;
import static io.handraiser.contact.lifecycle.ContactFixtures.ID;
import static io.handraiser.contact.lifecycle.ContactFixtures.MARKETER;
import static io.handraiser.contact.lifecycle.ContactFixtures.SCORING;
import static io.handraiser.contact.lifecycle.ContactFixtures.captured;
import static io.handraiser.contact.lifecycle.ContactFixtures.disqualified;
import static io.handraiser.contact.lifecycle.ContactFixtures.markedMql;
import static io.handraiser.contact.lifecycle.ContactFixtures.returnedToNurture;
import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A contact is loaded from its snapshot, so a snapshot that loses state would make the contact forget engagements
 * (and record them twice) or its disqualification. Written with the serializer the service snapshots with.
 */
class ContactSnapshotTest {

    private static final int ENGAGEMENTS = 10_000;

    private final Serializer snapshotSerializer = EventSerialization.serializer();

    @Test
    void aContactWithTenThousandEngagementsComesBackFromItsSnapshotUnchanged() {
        Contact contact = aDisqualifiedLeadWithManyEngagements();

        SerializedObject<byte[]> snapshot = snapshotSerializer.serialize(contact, byte[].class);
        Contact restored = snapshotSerializer.deserialize(snapshot);

        assertThat(restored).usingRecursiveComparison()
                            .usingOverriddenEquals()
                            .withEqualsForFields(Object::equals, "engagementIds")
                            .withStrictTypeChecking()
                            .isEqualTo(contact);
        assertThat(restored).extracting("engagementIds", as(InstanceOfAssertFactories.collection(String.class)))
                            .hasSize(ENGAGEMENTS);
    }

    /** Sourced through the aggregate's own event sourcing handlers, as a load from the event log would. */
    private static Contact aDisqualifiedLeadWithManyEngagements() {
        Contact contact = new Contact();
        contact.on(captured(Stage.LEAD));
        Profile newCompany = new Profile(null, null, "Engines Ltd", null, null, 250, null, null);
        contact.on(new ContactProfileUpdated(ID, newCompany, MARKETER, EARLIER));
        contact.on(markedMql(Stage.LEAD));
        contact.on(returnedToNurture(Stage.MQL));
        contact.on(disqualified());
        for (int i = 0; i < ENGAGEMENTS; i++) {
            contact.on(new EngagementRecorded(ID, "hs-" + i, EngagementType.EMAIL_OPENED, EARLIER, EngagementDetail.none(), null,
                                              SCORING, EARLIER));
        }
        return contact;
    }
}
