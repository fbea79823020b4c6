package io.handraiser.starter.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PersonalDataSerializerTest {

    private static final Instant AT = Instant.parse("2026-11-23T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(AT, ZoneOffset.UTC);
    private static final Actor REP = Actor.person("rep-1");

    private final MongoDatabase keyDatabase = TestMongo.freshDatabase("keys");
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final SubjectKeys keys = new SubjectKeys(keyDatabase, Duration.ofMinutes(1), 1_000, CLOCK);
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

    /** Custom properties defined as personal are sealed as one value, names and all; the others stay readable. */
    @Test
    void personalCustomPropertiesAreSealedAndVanishOnErasure() {
        ContactId id = ContactId.of(UUID.randomUUID().toString());
        ContactCaptured captured = new ContactCaptured(id, new Email("ada@example.com"), Profile.empty(), Source.of("form"), Stage.LEAD, REP, AT,
                                                       Map.of("plan", "pro"), Map.of("birthday", "1815-12-10", "home-town", "London"));
        SerializedObject<String> stored = serializer.serialize(captured, String.class);
        SerializedObject<byte[]> storedBytes = serializer.serialize(captured, byte[].class);

        assertThat(stored.getData()).doesNotContain("birthday", "1815-12-10", "home-town", "London").contains("\"plan\":\"pro\"");
        assertThat(serializer.<String, ContactCaptured>deserialize(stored)).isEqualTo(captured);
        assertThat(serializer.<byte[], ContactCaptured>deserialize(storedBytes).allProperties())
                .containsOnlyKeys("birthday", "home-town", "plan");

        keys.erase(id.toString());
        ContactCaptured read = serializer.deserialize(stored);

        assertThat(read.personalProperties()).isEmpty();
        assertThat(read.allProperties()).containsExactly(Map.entry("plan", "pro"));
    }

    @Test
    void noCustomPropertiesCostNoSealing() {
        ContactCaptured captured = new ContactCaptured(ContactId.of(UUID.randomUUID().toString()), new Email("ada@example.com"),
                                                       Profile.empty(), Source.of("form"), Stage.LEAD, REP, AT);

        String stored = serializer.serialize(captured, String.class).getData();

        assertThat(stored).doesNotContain("personalProperties").contains("\"properties\":{}");
        assertThat(serializer.<String, ContactCaptured>deserialize(serializer.serialize(captured, String.class))).isEqualTo(captured);
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
                EventSerialization.serializer(), new SubjectKeys(keyDatabase, Duration.ofMinutes(1), 1_000, CLOCK), meters);

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

    @Test
    void everyValueIsSealedUnderAFreshIvAndOpensOnAnyThread() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> sealedPerThread = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                sealedPerThread.add(threads.submit(() -> {
                    List<String> sealed = new ArrayList<>();
                    for (int i = 0; i < 50; i++) {
                        // each contact twice: the same value under the same key must still never share an IV
                        ContactCaptured captured = captured(ContactId.of(UUID.randomUUID().toString()), "ada" + i + "@example.com");
                        for (int twice = 0; twice < 2; twice++) {
                            SerializedObject<String> stored = serializer.serialize(captured, String.class);
                            assertThat(serializer.<String, ContactCaptured>deserialize(stored)).isEqualTo(captured);
                            sealed.addAll(sealedValuesOf(stored.getData()));
                        }
                    }
                    return sealed;
                }));
            }
            Set<String> ivs = new HashSet<>();
            int values = 0;
            for (Future<List<String>> sealed : sealedPerThread) {
                for (String value : sealed.get(1, TimeUnit.MINUTES)) {
                    ivs.add(Base64.getEncoder().encodeToString(Arrays.copyOf(Base64.getDecoder().decode(value), 12)));
                    values++;
                }
            }
            assertThat(values).isEqualTo(4 * 50 * 2 * 6);
            assertThat(ivs).hasSize(values);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aBulkReaderOpensWithKeysReadInOneGoAndStillBlanksTheErased() {
        ContactCaptured kept = captured(ContactId.of(UUID.randomUUID().toString()), "kept@example.com");
        ContactCaptured erased = captured(ContactId.of(UUID.randomUUID().toString()), "erased@example.com");
        ContactCaptured unnamed = captured(ContactId.of(UUID.randomUUID().toString()), "unnamed@example.com");
        SerializedObject<String> storedKept = serializer.serialize(kept, String.class);
        SerializedObject<String> storedErased = serializer.serialize(erased, String.class);
        SerializedObject<String> storedUnnamed = serializer.serialize(unnamed, String.class);
        keys.erase(erased.contactId().toString());
        PersonalDataSerializer elsewhere = new PersonalDataSerializer(
                EventSerialization.serializer(), new SubjectKeys(keyDatabase, Duration.ofMinutes(1), 1_000, CLOCK), meters);

        Serializer bulk = elsewhere.forBulkReading(PersonalValueSelection.ALL)
                             .forBatch(List.of(kept.contactId().toString(), erased.contactId().toString(), "never-seen"));

        assertThat(bulk.<String, ContactCaptured>deserialize(storedKept)).isEqualTo(kept);
        assertThat(bulk.<String, ContactCaptured>deserialize(storedErased).email()).isNull();
        // a subject the reader did not name is looked up one by one, as without a snapshot
        assertThat(bulk.<String, ContactCaptured>deserialize(storedUnnamed)).isEqualTo(unnamed);
    }

    @Test
    void aBulkReaderSeesAnErasureMadeAfterItsSnapshotOnceTheKeyCacheTimeHasPassed() {
        MovableClock clock = new MovableClock(AT);
        ContactCaptured captured = captured(ContactId.of(UUID.randomUUID().toString()), "late@example.com");
        SerializedObject<String> stored = serializer.serialize(captured, String.class);
        PersonalDataSerializer elsewhere = new PersonalDataSerializer(
                EventSerialization.serializer(), new SubjectKeys(keyDatabase, Duration.ofSeconds(30), 1_000, clock), meters);
        Serializer bulk = elsewhere.forBulkReading(PersonalValueSelection.ALL).forBatch(List.of(captured.contactId().toString()));

        keys.erase(captured.contactId().toString());
        clock.advance(Duration.ofSeconds(29));
        assertThat(bulk.<String, ContactCaptured>deserialize(stored)).as("trusted like a cached key").isEqualTo(captured);
        clock.advance(Duration.ofSeconds(1));
        assertThat(bulk.<String, ContactCaptured>deserialize(stored).email()).isNull();
    }

    @Test
    void aBulkReaderKeepsAKeyItReadForLaterBatchesUntilTheKeyCacheTimeHasPassed() {
        MovableClock clock = new MovableClock(AT);
        ContactCaptured captured = captured(ContactId.of(UUID.randomUUID().toString()), "again@example.com");
        SerializedObject<String> stored = serializer.serialize(captured, String.class);
        PersonalDataSerializer elsewhere = new PersonalDataSerializer(
                EventSerialization.serializer(), new SubjectKeys(keyDatabase, Duration.ofSeconds(30), 1_000, clock), meters);
        PersonalDataSerializer.BulkReading reading = elsewhere.forBulkReading(PersonalValueSelection.ALL);
        List<String> batch = List.of(captured.contactId().toString());
        assertThat(reading.forBatch(batch).<String, ContactCaptured>deserialize(stored)).isEqualTo(captured);

        // the key is gone from the database, as if erased elsewhere: a later batch still holds the key it read
        keyDatabase.getCollection(SubjectKeys.COLLECTION).deleteOne(Filters.eq("_id", captured.contactId().toString()));
        clock.advance(Duration.ofSeconds(29));
        assertThat(reading.forBatch(batch).<String, ContactCaptured>deserialize(stored)).as("trusted like a cached key").isEqualTo(captured);
        clock.advance(Duration.ofSeconds(1));
        assertThat(reading.forBatch(batch).<String, ContactCaptured>deserialize(stored).email()).isNull();
    }

    @Test
    void aBulkReaderOfMoreSubjectsThanTheCacheHoldsReadsTheirKeysBatchByBatchAndLetsThemGo() {
        ContactCaptured first = captured(ContactId.of(UUID.randomUUID().toString()), "first@example.com");
        ContactCaptured second = captured(ContactId.of(UUID.randomUUID().toString()), "second@example.com");
        SerializedObject<String> storedFirst = serializer.serialize(first, String.class);
        SerializedObject<String> storedSecond = serializer.serialize(second, String.class);
        PersonalDataSerializer holdingOne = new PersonalDataSerializer(
                EventSerialization.serializer(), new SubjectKeys(keyDatabase, Duration.ofMinutes(1), 1, CLOCK), meters);
        PersonalDataSerializer.BulkReading reading = holdingOne.forBulkReading(PersonalValueSelection.ALL);

        assertThat(reading.forBatch(List.of(first.contactId().toString())).<String, ContactCaptured>deserialize(storedFirst)).isEqualTo(first);
        assertThat(reading.forBatch(List.of(second.contactId().toString())).<String, ContactCaptured>deserialize(storedSecond)).isEqualTo(second);

        // the first key was let go for the second: gone from the database now, it is not found again
        keyDatabase.getCollection(SubjectKeys.COLLECTION).deleteOne(Filters.eq("_id", first.contactId().toString()));
        assertThat(reading.forBatch(List.of(first.contactId().toString())).<String, ContactCaptured>deserialize(storedFirst).email()).isNull();
    }

    @Test
    void aBulkReaderSeesAnErasureMadeInItsOwnProcessAtOnce() {
        ContactCaptured captured = captured(ContactId.of(UUID.randomUUID().toString()), "now@example.com");
        SerializedObject<String> stored = serializer.serialize(captured, String.class);
        Serializer bulk = serializer.forBulkReading(PersonalValueSelection.ALL).forBatch(List.of(captured.contactId().toString()));

        keys.erase(captured.contactId().toString());

        assertThat(bulk.<String, ContactCaptured>deserialize(stored).email()).isNull();
    }

    @Test
    void aTypeThisServiceDoesNotKnowReadsAsAxonsPlaceholderEveryTime() {
        SerializedObject<String> unknown = new SimpleSerializedObject<>("{\"a\":1}", String.class, "io.handraiser.Gone", "1");

        for (int time = 0; time < 2; time++) {
            assertThat(serializer.classForType(unknown.getType())).isEqualTo(UnknownSerializedType.class);
            assertThat(serializer.<String, Object>deserialize(unknown)).isInstanceOf(UnknownSerializedType.class);
        }
        assertThat(serializer.<String, Object>deserialize(new SimpleSerializedObject<>("", String.class, SimpleSerializedType.emptyType())))
                .isNull();
    }

    @Test
    void aMessageWithoutPersonalDataReadsAsAxonReadsItInEveryForm() {
        LifecycleStageAdvanced advanced = new LifecycleStageAdvanced(ContactId.of(UUID.randomUUID().toString()), Stage.SQL,
                                                                     Stage.OPPORTUNITY, "deal", REP, AT);

        for (Class<?> form : List.of(String.class, byte[].class, JsonNode.class)) {
            SerializedObject<?> stored = serializer.serialize(advanced, form);
            assertThat(serializer.<Object, LifecycleStageAdvanced>deserialize((SerializedObject<Object>) stored)).isEqualTo(advanced);
            assertThat(serializer.<Object, LifecycleStageAdvanced>deserialize((SerializedObject<Object>) stored))
                    .isEqualTo(EventSerialization.serializer().deserialize(stored));
        }
    }

    @Test
    void aMessageWithPersonalDataReadsTheSameInEveryForm() {
        ContactCaptured captured = captured(ContactId.of(UUID.randomUUID().toString()), "forms@example.com");

        for (Class<?> form : List.of(String.class, byte[].class, JsonNode.class)) {
            SerializedObject<?> stored = serializer.serialize(captured, form);
            assertThat(serializer.<Object, ContactCaptured>deserialize((SerializedObject<Object>) stored)).as("read from %s", form).isEqualTo(captured);
        }
    }

    @Test
    void aMessageNamingItsSubjectAfterItsPersonalValuesOpensAllTheSame() throws Exception {
        ContactCaptured captured = captured(ContactId.of(UUID.randomUUID().toString()), "last@example.com");
        ObjectNode stored = (ObjectNode) EventSerialization.objectMapper().readTree(serializer.serialize(captured, String.class).getData());
        JsonNode subject = stored.remove("contactId");
        stored.set("contactId", subject);
        String subjectLast = EventSerialization.objectMapper().writeValueAsString(stored);
        assertThat(subjectLast.indexOf("contactId")).isGreaterThan(subjectLast.indexOf("email"));

        ContactCaptured read = serializer.deserialize(new SimpleSerializedObject<>(subjectLast, String.class,
                                                                                   serializer.typeForClass(ContactCaptured.class)));

        assertThat(read).isEqualTo(captured);
    }

    @Test
    void aMessageNamingItsSubjectAfterANestedPersonalValueOpensAllTheSame() throws Exception {
        ContactCaptured captured = captured(ContactId.of(UUID.randomUUID().toString()), "nested@example.com");
        ObjectNode stored = (ObjectNode) EventSerialization.objectMapper().readTree(serializer.serialize(captured, String.class).getData());
        stored.set("contactId", stored.remove("contactId"));
        SerializedObject<String> subjectLast = new SimpleSerializedObject<>(EventSerialization.objectMapper().writeValueAsString(stored),
                                                                            String.class, serializer.typeForClass(ContactCaptured.class));
        // the e-mail stays shut, so the first value to open is the job title, inside the profile object
        PersonalValueSelection title = PersonalValueSelection.only(Map.of(ContactCaptured.class, Set.of("profile.jobTitle")));

        ContactCaptured read = serializer.forBulkReading(title).forBatch(List.of(captured.contactId().toString())).deserialize(subjectLast);

        assertThat(read.profile().jobTitle()).isEqualTo(captured.profile().jobTitle());
        assertThat(read.email()).isNull();
    }

    @Test
    void aMessageWithPersonalDataButNoSubjectInTheLogIsRefused() throws Exception {
        ContactCaptured captured = captured(ContactId.of(UUID.randomUUID().toString()), "nobody@example.com");
        ObjectNode stored = (ObjectNode) EventSerialization.objectMapper().readTree(serializer.serialize(captured, String.class).getData());
        stored.remove("contactId");
        SerializedObject<String> withoutSubject = new SimpleSerializedObject<>(EventSerialization.objectMapper().writeValueAsString(stored),
                                                                               String.class, serializer.typeForClass(ContactCaptured.class));

        assertThatThrownBy(() -> serializer.deserialize(withoutSubject))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("contactId");
    }

    @Test
    void aBulkReaderOpensOnlyTheValuesItSelectsAndLeavesTheOthersShut() {
        ContactCaptured kept = captured(ContactId.of(UUID.randomUUID().toString()), "kept@example.com");
        ContactCaptured erased = captured(ContactId.of(UUID.randomUUID().toString()), "erased@example.com");
        SerializedObject<String> storedKept = serializer.serialize(kept, String.class);
        SerializedObject<String> storedErased = serializer.serialize(erased, String.class);
        keys.erase(erased.contactId().toString());
        PersonalValueSelection emailAndTitle = PersonalValueSelection.only(Map.of(ContactCaptured.class, Set.of("email", "profile.jobTitle")));

        Serializer bulk = serializer.forBulkReading(emailAndTitle).forBatch(List.of(kept.contactId().toString(), erased.contactId().toString()));
        ContactCaptured readKept = bulk.deserialize(storedKept);
        ContactCaptured readErased = bulk.deserialize(storedErased);

        assertThat(readKept.email()).isEqualTo(kept.email());
        assertThat(readKept.profile()).isEqualTo(new Profile(null, null, null, "CTO", "Software", 250, "GB", null));
        assertThat(readKept.source()).isEqualTo(kept.source());
        assertThat(readErased.email()).isNull();
        assertThat(readErased.profile()).isEqualTo(new Profile(null, null, null, null, "Software", 250, "GB", null));
        // an upcaster's tree is opened apart from the stored text, and selects alike
        assertThat(bulk.<JsonNode, ContactCaptured>deserialize(serializer.serialize(kept, JsonNode.class))).isEqualTo(readKept);
        // a value left shut is not one that failed to open: only the erased subject's two selected values count
        assertThat(meters.counter("handraiser.personal.data.reads", "outcome", "no-key").count()).isEqualTo(2);
        assertThat(meters.counter("handraiser.personal.data.reads", "outcome", "damaged").count()).isZero();
    }

    @Test
    void aSelectionNamingWhatIsNoPersonalValueIsRefused() {
        assertThatThrownBy(() -> PersonalValueSelection.only(Map.of(ContactCaptured.class, Set.of("profile.industry"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("profile.industry");
        assertThatThrownBy(() -> PersonalValueSelection.only(Map.of(EngagementRecorded.class, Set.of("url"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("detail.url");
    }

    @Test
    void anUpcastTreeKeepsItsCiphertextForTheNextRead() {
        ContactCaptured captured = captured(ContactId.of(UUID.randomUUID().toString()), "twice@example.com");
        SerializedObject<JsonNode> upcast = serializer.serialize(captured, JsonNode.class);

        assertThat(serializer.<JsonNode, ContactCaptured>deserialize(upcast)).isEqualTo(captured);
        assertThat(upcast.getData().get("email").asText()).doesNotContain("twice@example.com");
        assertThat(serializer.<JsonNode, ContactCaptured>deserialize(upcast)).isEqualTo(captured);
    }

    /** The sealed personal values of a stored {@link ContactCaptured}: email and five profile fields. */
    private List<String> sealedValuesOf(String json) throws Exception {
        JsonNode tree = EventSerialization.objectMapper().readTree(json);
        List<String> sealed = new ArrayList<>();
        sealed.add(tree.get("email").asText());
        for (String field : List.of("firstName", "lastName", "company", "jobTitle", "phone")) {
            sealed.add(tree.get("profile").get(field).asText());
        }
        return sealed;
    }

    private static final class MovableClock extends Clock {

        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    private static ContactCaptured captured(ContactId id, String email) {
        return new ContactCaptured(id, new Email(email),
                                   new Profile("Ada", "Lovelace", "Analytical Engines", "CTO", "Software", 250, "gb", "+44 20 7946 0000"),
                                   new Source("hubspot", "webinar"), Stage.LEAD, REP, AT);
    }

    record Anonymous(@PersonalData String secret) {
    }
}
