package io.handraiser.contract.catalogue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.handraiser.contract.contact.CaptureContact;
import io.handraiser.contract.contact.ContactCaptured;
import io.handraiser.contract.contact.ContactId;
import io.handraiser.contract.contact.ContactProfileUpdated;
import io.handraiser.contract.contact.Email;
import io.handraiser.contract.contact.EngagementDetail;
import io.handraiser.contract.contact.EngagementRecorded;
import io.handraiser.contract.contact.EngagementType;
import io.handraiser.contract.contact.Profile;
import io.handraiser.contract.contact.RecordEngagement;
import io.handraiser.contract.contact.Source;
import io.handraiser.contract.contact.Stage;
import io.handraiser.contract.contact.UpdateContactProfile;
import io.handraiser.contract.shared.Actor;
import io.handraiser.contract.shared.PersonalData;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The messages that carry custom properties, activity types and the catalogues, pinned to the JSON the event log
 * holds: scoring-service reads the same text, so a change of shape here must be a deliberate one. Messages stored
 * before custom values existed must still read.
 */
class CustomValuesSerializationTest {

    private static final ContactId ID = ContactId.of("6f1c2a57-0f5e-4b83-9f1e-0d7b4f1c9a10");
    private static final Instant AT = Instant.parse("2026-11-23T09:15:30.123Z");
    private static final Actor REP = Actor.person("rep-17");
    private static final EngagementType SMS_SENT = EngagementType.of("SMS_SENT");

    private final JacksonSerializer serializer = JacksonSerializer.builder()
            .objectMapper(new ObjectMapper()
                    .registerModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES))
            .build();

    static Stream<Arguments> samples() {
        Map<String, String> cleared = new HashMap<>();
        cleared.put("plan", "pro");
        cleared.put("budget", null);
        return Stream.of(
                Arguments.of(new ContactCaptured(ID, new Email("ada@example.com"), Profile.empty(), Source.of("form"), Stage.LEAD, REP, AT,
                                                 Map.of("plan", "pro", "seats", "25"), Map.of("birthday", "1815-12-10")),
                             "{\"contactId\":\"" + ID + "\",\"email\":\"ada@example.com\",\"profile\":{\"firstName\":null,\"lastName\":null,"
                             + "\"company\":null,\"jobTitle\":null,\"industry\":null,\"companySize\":null,\"country\":null,\"phone\":null},"
                             + "\"source\":{\"system\":\"form\",\"campaign\":null},\"stage\":\"LEAD\","
                             + "\"actor\":{\"kind\":\"PERSON\",\"id\":\"rep-17\",\"modelVersion\":null},\"at\":\"2026-11-23T09:15:30.123Z\","
                             + "\"properties\":{\"plan\":\"pro\",\"seats\":\"25\"},\"personalProperties\":{\"birthday\":\"1815-12-10\"}}"),
                Arguments.of(new ContactProfileUpdated(ID, Profile.empty(), REP, AT, cleared, Map.of()),
                             "{\"contactId\":\"" + ID + "\",\"changes\":{\"firstName\":null,\"lastName\":null,\"company\":null,\"jobTitle\":null,"
                             + "\"industry\":null,\"companySize\":null,\"country\":null,\"phone\":null},"
                             + "\"actor\":{\"kind\":\"PERSON\",\"id\":\"rep-17\",\"modelVersion\":null},\"at\":\"2026-11-23T09:15:30.123Z\","
                             + "\"properties\":{\"budget\":null,\"plan\":\"pro\"}}"),
                Arguments.of(new EngagementRecorded(ID, "sms-1", SMS_SENT, AT, EngagementDetail.none(), Source.of("twilio"), REP, AT,
                                                    Map.of("campaign-step", "2"), new BigDecimal("12.50")),
                             "{\"contactId\":\"" + ID + "\",\"engagementId\":\"sms-1\",\"type\":\"SMS_SENT\",\"occurredAt\":\"2026-11-23T09:15:30.123Z\","
                             + "\"detail\":{\"url\":null,\"asset\":null,\"campaign\":null,\"form\":null},"
                             + "\"source\":{\"system\":\"twilio\",\"campaign\":null},"
                             + "\"actor\":{\"kind\":\"PERSON\",\"id\":\"rep-17\",\"modelVersion\":null},\"at\":\"2026-11-23T09:15:30.123Z\","
                             + "\"attributes\":{\"campaign-step\":\"2\"},\"value\":12.50}"),
                Arguments.of(new PropertyDefined("plan", PropertyType.ONE_OF, List.of("free", "pro"), false, "the plan they chose", REP, AT),
                             "{\"name\":\"plan\",\"type\":\"ONE_OF\",\"options\":[\"free\",\"pro\"],\"personal\":false,"
                             + "\"description\":\"the plan they chose\",\"actor\":{\"kind\":\"PERSON\",\"id\":\"rep-17\",\"modelVersion\":null},"
                             + "\"at\":\"2026-11-23T09:15:30.123Z\"}"),
                Arguments.of(new ActivityTypeRegistered(EngagementType.of("TIME_ON_SITE"), List.of("page"), true, "seconds", "", REP, AT),
                             "{\"type\":\"TIME_ON_SITE\",\"attributes\":[\"page\"],\"numericValue\":true,\"valueUnit\":\"seconds\","
                             + "\"description\":\"\",\"actor\":{\"kind\":\"PERSON\",\"id\":\"rep-17\",\"modelVersion\":null},"
                             + "\"at\":\"2026-11-23T09:15:30.123Z\"}"));
    }

    @ParameterizedTest
    @MethodSource("samples")
    void writesTheSampleAndReadsItBack(Object message, String json) throws Exception {
        SerializedObject<String> serialized = serializer.serialize(message, String.class);

        assertThat(serializer.getObjectMapper().readTree(serialized.getData())).isEqualTo(serializer.getObjectMapper().readTree(json));
        assertThat(serializer.<String, Object>deserialize(serialized)).isEqualTo(message);
        assertThat(message.getClass().getAnnotation(Revision.class)).isNotNull();
    }

    @Test
    void commandsSurviveTheSerializer() {
        Map<String, String> cleared = new HashMap<>();
        cleared.put("budget", null);
        for (Object command : List.of(new CaptureContact(ID, new Email("ada@example.com"), null, null, null, Map.of("plan", "pro")),
                                      new UpdateContactProfile(ID, Profile.empty(), cleared),
                                      new RecordEngagement(ID, "e-1", SMS_SENT, AT, null, null, Map.of("step", "2"), BigDecimal.TEN),
                                      new DefineProperty("plan", PropertyType.ONE_OF, List.of("free", "pro"), false, null),
                                      new RegisterActivityType(SMS_SENT, List.of("step"), true, "messages", null))) {
            assertThat(serializer.<String, Object>deserialize(serializer.serialize(command, String.class))).isEqualTo(command);
        }
    }

    @Test
    void readsEventsStoredBeforeCustomValuesExisted() {
        String captured = "{\"contactId\":\"" + ID + "\",\"email\":\"ada@example.com\",\"profile\":{\"firstName\":\"Ada\"},"
                          + "\"source\":{\"system\":\"form\"},\"stage\":\"LEAD\",\"actor\":{\"kind\":\"PERSON\",\"id\":\"rep-17\"},"
                          + "\"at\":\"2026-11-23T09:15:30.123Z\"}";
        String updated = "{\"contactId\":\"" + ID + "\",\"changes\":{\"company\":\"Engines\"},"
                         + "\"actor\":{\"kind\":\"PERSON\",\"id\":\"rep-17\"},\"at\":\"2026-11-23T09:15:30.123Z\"}";
        String recorded = "{\"contactId\":\"" + ID + "\",\"engagementId\":\"hs-1\",\"type\":\"PAGE_VIEW\","
                          + "\"occurredAt\":\"2026-11-23T09:15:30.123Z\",\"detail\":{\"url\":\"https://example.com/pricing\"},"
                          + "\"source\":{\"system\":\"website\"},\"actor\":{\"kind\":\"PERSON\",\"id\":\"rep-17\"},"
                          + "\"at\":\"2026-11-23T09:15:30.123Z\"}";

        ContactCaptured oldCapture = read(captured, ContactCaptured.class);
        ContactProfileUpdated oldUpdate = read(updated, ContactProfileUpdated.class);
        EngagementRecorded oldEngagement = read(recorded, EngagementRecorded.class);

        assertThat(oldCapture.properties()).isEmpty();
        assertThat(oldCapture.personalProperties()).isEmpty();
        assertThat(oldCapture.profile().firstName()).isEqualTo("Ada");
        assertThat(oldUpdate.properties()).isEmpty();
        assertThat(oldUpdate.allProperties()).isEmpty();
        assertThat(oldEngagement.type()).isEqualTo(EngagementType.PAGE_VIEW).isSameAs(EngagementType.PAGE_VIEW);
        assertThat(oldEngagement.attributes()).isEmpty();
        assertThat(oldEngagement.value()).isNull();
    }

    @Test
    void consumersSeePersonalAndOtherPropertiesAsOne() {
        ContactCaptured captured = new ContactCaptured(ID, new Email("ada@example.com"), null, null, Stage.LEAD, REP, AT,
                                                       Map.of("plan", "pro"), Map.of("birthday", "1815-12-10"));

        assertThat(captured.allProperties()).containsExactly(Map.entry("birthday", "1815-12-10"), Map.entry("plan", "pro"));
        assertThat(CustomValues.apply(captured.allProperties(), new ContactProfileUpdated(ID, Profile.empty(), REP, AT,
                                                                                          nullFor("plan"), Map.of()).allProperties()))
                .containsExactly(Map.entry("birthday", "1815-12-10"));
    }

    /** Only the personal flag's half of the properties may carry personal data: the rest is stored in the clear. */
    @Test
    void onlyPersonalPropertiesAreMarkedPersonal() {
        for (Class<?> type : List.of(ContactCaptured.class, ContactProfileUpdated.class)) {
            assertThat(Arrays.stream(type.getRecordComponents()).filter(c -> c.isAnnotationPresent(PersonalData.class))
                               .map(c -> c.getName()))
                    .as(type.getSimpleName()).contains("personalProperties").doesNotContain("properties");
        }
        assertThat(Arrays.stream(EngagementRecorded.class.getRecordComponents()).filter(c -> c.isAnnotationPresent(PersonalData.class)))
                .isEmpty();
    }

    private static Map<String, String> nullFor(String name) {
        Map<String, String> values = new HashMap<>();
        values.put(name, null);
        return values;
    }

    private <T> T read(String json, Class<T> type) {
        return serializer.deserialize(new SimpleSerializedObject<>(json, String.class, new SimpleSerializedType(type.getName(), "1")));
    }
}
