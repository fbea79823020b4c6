package io.handraiser.starter.privacy;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.handraiser.contract.contact.ContactCaptured;
import io.handraiser.contract.contact.ContactId;
import io.handraiser.contract.contact.Email;
import io.handraiser.contract.contact.EngagementDetail;
import io.handraiser.contract.contact.EngagementRecorded;
import io.handraiser.contract.contact.EngagementType;
import io.handraiser.contract.contact.LifecycleStageAdvanced;
import io.handraiser.contract.contact.Profile;
import io.handraiser.contract.contact.Source;
import io.handraiser.contract.contact.Stage;
import io.handraiser.contract.shared.Actor;
import io.handraiser.contract.shared.PersonalData;
import io.handraiser.starter.eventlog.EventSerialization;
import io.handraiser.testsupport.TestMongo;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PersonalDataSerializerTest {

    private static final Instant AT = Instant.parse("2026-11-23T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(AT, ZoneOffset.UTC);
    private static final Actor REP = Actor.person("rep-1");

    private final MongoDatabase keyDatabase = TestMongo.freshDatabase("keys");
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final SubjectKeys keys = new SubjectKeys(keyDatabase, Duration.ofMinutes(1), CLOCK);
    private final PersonalDataSerializer serializer = new PersonalDataSerializer(EventSerialization.serializer(), keys, meters);

    @Test
    void handlersSeePlainValuesWhileTheStoredFormHoldsNone() {
        ContactCaptured captured = captured(ContactId.of(UUID.randomUUID().toString()), "ada@example.com");

        SerializedObject<String> stored = serializer.serialize(captured, String.class);

        assertThat(stored.getData()).doesNotContain("ada@example.com", "Ada", "Lovelace", "Analytical Engines", "CTO", "+44 20 7946 0000")
                                    .contains("Software", "GB", "webinar", captured.contactId().toString());
        assertThat(serializer.<String, ContactCaptured>deserialize(stored)).isEqualTo(captured);
    }

    @Test
    void erasingTheSubjectBlanksItsPersonalValuesAndKeepsTheFacts() {
        ContactCaptured captured = captured(ContactId.of(UUID.randomUUID().toString()), "grace@example.com");
        SerializedObject<String> stored = serializer.serialize(captured, String.class);

        keys.erase(captured.contactId().toString());
        ContactCaptured read = serializer.deserialize(stored);

        assertThat(read.email()).isNull();
        assertThat(read.profile()).isEqualTo(new Profile(null, null, null, null, "Software", 250, "GB", null));
        assertThat(read.source()).isEqualTo(captured.source());
        assertThat(read.stage()).isEqualTo(Stage.LEAD);
        assertThat(read.actor()).isEqualTo(REP);
        assertThat(meters.counter("handraiser.personal.data.reads", "outcome", "no-key").count()).isEqualTo(6);
    }

    @Test
    void anotherSubjectIsUntouchedByAnErasure() {
        ContactCaptured erased = captured(ContactId.of(UUID.randomUUID().toString()), "erased@example.com");
        ContactCaptured kept = captured(ContactId.of(UUID.randomUUID().toString()), "kept@example.com");
        serializer.serialize(erased, String.class);
        SerializedObject<String> storedKept = serializer.serialize(kept, String.class);

        keys.erase(erased.contactId().toString());

        assertThat(serializer.<String, ContactCaptured>deserialize(storedKept)).isEqualTo(kept);
    }

    @Test
    void nothingPersonalIsWrittenForAnErasedSubjectAgain() {
        ContactId id = ContactId.of(UUID.randomUUID().toString());
        keys.erase(id.toString());

        assertThatThrownBy(() -> serializer.serialize(captured(id, "late@example.com"), String.class))
                .isInstanceOf(SubjectErasedException.class);
        assertThat(serializer.serialize(new LifecycleStageAdvanced(id, Stage.SQL, Stage.OPPORTUNITY, "deal", REP, AT), String.class)
                             .getData()).contains("deal");
    }

    @Test
    void aLostKeyBlanksOnlyThatSubjectAndNeverFails() {
        ContactCaptured lost = captured(ContactId.of(UUID.randomUUID().toString()), "lost@example.com");
        ContactCaptured kept = captured(ContactId.of(UUID.randomUUID().toString()), "kept@example.com");
        SerializedObject<String> storedLost = serializer.serialize(lost, String.class);
        SerializedObject<String> storedKept = serializer.serialize(kept, String.class);
        keyDatabase.getCollection(SubjectKeys.COLLECTION).deleteOne(Filters.eq("_id", lost.contactId().toString()));
        PersonalDataSerializer restarted = new PersonalDataSerializer(
                EventSerialization.serializer(), new SubjectKeys(keyDatabase, Duration.ofMinutes(1), CLOCK), meters);

        assertThat(restarted.<String, ContactCaptured>deserialize(storedLost).email()).isNull();
        assertThat(restarted.<String, ContactCaptured>deserialize(storedKept)).isEqualTo(kept);
    }

    @Test
    void aCiphertextCopiedToAnotherSubjectDoesNotOpen() {
        ContactId victim = ContactId.of(UUID.randomUUID().toString());
        ContactId thief = ContactId.of(UUID.randomUUID().toString());
        serializer.serialize(captured(thief, "thief@example.com"), String.class);
        String stolen = serializer.serialize(captured(victim, "victim@example.com"), String.class).getData()
                                  .replace(victim.toString(), thief.toString());

        ContactCaptured read = serializer.deserialize(new SimpleSerializedObject<>(stolen, String.class,
                                                                                   serializer.typeForClass(ContactCaptured.class)));

        assertThat(read.email()).isNull();
        assertThat(meters.counter("handraiser.personal.data.reads", "outcome", "damaged").count()).isPositive();
    }

    @Test
    void nestedPersonalValuesAreFoundAndAbsentOnesStayAbsent() {
        ContactId id = ContactId.of(UUID.randomUUID().toString());
        EngagementRecorded visit = new EngagementRecorded(id, "e-1", EngagementType.PAGE_VIEW, AT,
                                                          new EngagementDetail("https://acme.test/pricing?email=ada@example.com", null, "q4", null),
                                                          Source.of("website"), REP, AT);

        String json = serializer.serialize(visit, String.class).getData();

        assertThat(json).doesNotContain("ada@example.com", "pricing").contains("\"asset\":null", "q4");
        assertThat(serializer.<String, EngagementRecorded>deserialize(serializer.serialize(visit, String.class))).isEqualTo(visit);
    }

    @Test
    void aMessageWithPersonalDataButNoSubjectIsRefused() {
        assertThatThrownBy(() -> serializer.serialize(new Anonymous("secret"), String.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no @DataSubject");
    }

    private static ContactCaptured captured(ContactId id, String email) {
        return new ContactCaptured(id, new Email(email),
                                   new Profile("Ada", "Lovelace", "Analytical Engines", "CTO", "Software", 250, "gb", "+44 20 7946 0000"),
                                   new Source("hubspot", "webinar"), Stage.LEAD, REP, AT);
    }

    record Anonymous(@PersonalData String secret) {
    }
}
