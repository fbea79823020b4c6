package io.handraiser.contract.contact;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.handraiser.contract.shared.Actor;
import io.handraiser.contract.shared.DataSubject;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every message must survive the event log's serializer unchanged, or a replay rebuilds something else. */
class ContactMessagesSerializationTest {

    private static final ContactId ID = ContactId.of("6f1c2a57-0f5e-4b83-9f1e-0d7b4f1c9a10");
    private static final Instant AT = Instant.parse("2026-11-23T09:15:30.123Z");
    private static final Actor REP = Actor.person("rep-17");
    private static final Actor SCORING = Actor.system("scoring-service", "model-3");

    private final JacksonSerializer serializer = JacksonSerializer.builder()
            .objectMapper(new ObjectMapper()
                    .registerModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES))
            .build();

    static Stream<Object> messages() {
        Profile profile = new Profile("Ada", "Lovelace", "Analytical Engines", "CTO", "Software", 250, "gb", "+44 20 0000");
        Evidence evidence = Evidence.scored(40, 65, List.of(new Signal("pricing-page-visit", 20, "/pricing"),
                                                            new Signal("job-title-cxo", 40, "CTO"),
                                                            new Signal("demo-requested", 45, null)));
        return Stream.of(
                new ContactCaptured(ID, new Email("Ada@Example.com"), profile, new Source("hubspot", "q4-webinar"), Stage.LEAD, REP, AT),
                new ContactProfileUpdated(ID, new Profile(null, null, "Engines Ltd", null, null, 300, null, null), REP, AT),
                new EngagementRecorded(ID, "hs-981", EngagementType.PAGE_VIEW, AT.minusSeconds(60),
                                       new EngagementDetail("https://example.com/pricing", null, "q4", null), Source.of("website"), REP, AT),
                new MarkedMQL(ID, Stage.LEAD, Tier.of("A"), "score reached 100", evidence, SCORING, AT),
                new AcceptedAsSQL(ID, "budget confirmed", REP, AT),
                new ReturnedToNurture(ID, Stage.SQL, ReturnReason.NO_BUDGET, "next fiscal year", REP, AT),
                new ContactDisqualified(ID, DisqualificationReason.COMPETITOR, "works at a rival", REP, AT),
                new ContactRequalified(ID, "changed employer", REP, AT),
                new LifecycleStageAdvanced(ID, Stage.SQL, Stage.OPPORTUNITY, "deal opened", REP, AT),
                new ContactErased(ID, REP, AT),
                new CaptureContact(ID, new Email("ada@example.com"), profile, Source.of("form"), Stage.SUBSCRIBER),
                new RecordEngagement(ID, "e-1", EngagementType.CONTENT_DOWNLOAD, AT, EngagementDetail.asset("buyers-guide.pdf"), null),
                new MarkAsMql(ID, Tier.of("B"), "asked for a call", Evidence.none()),
                new ReturnToNurture(ID, ReturnReason.NOT_READY, null),
                new AdvanceStage(ID, Stage.CUSTOMER, "contract signed"),
                new EraseContact(ID));
    }

    @ParameterizedTest
    @MethodSource("messages")
    void survivesTheEventLogSerializer(Object message) {
        SerializedObject<String> serialized = serializer.serialize(message, String.class);

        assertThat(serializer.<String, Object>deserialize(serialized)).isEqualTo(message);
    }

    @ParameterizedTest
    @MethodSource("messages")
    void writesIdentifiersAndTimesAsPlainText(Object message) {
        String json = serializer.serialize(message, String.class).getData();

        assertThat(json).contains("\"contactId\":\"" + ID + "\"").doesNotContain("\"person\"", "\"empty\"");
        if (message instanceof ContactEvent) {
            assertThat(json).contains("\"at\":\"2026-11-23T09:15:30.123Z\"");
        }
    }

    @ParameterizedTest
    @MethodSource("messages")
    void everyEventHasARevisionForItsUpcasters(Object message) {
        if (message instanceof ContactEvent) {
            assertThat(message.getClass().getAnnotation(Revision.class)).isNotNull();
        }
    }

    /** Without a subject the serializer could not choose the key that erasure destroys. */
    @ParameterizedTest
    @MethodSource("messages")
    void everyEventNamesItsDataSubject(Object message) throws NoSuchFieldException {
        if (message instanceof ContactEvent) {
            assertThat(message.getClass().getDeclaredField("contactId").getAnnotation(DataSubject.class)).isNotNull();
        }
    }
}
