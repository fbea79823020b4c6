package io.handraiser.contract.scoring;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.handraiser.contract.contact.ContactId;
import io.handraiser.contract.contact.DisqualificationReason;
import io.handraiser.contract.contact.Evidence;
import io.handraiser.contract.contact.Signal;
import io.handraiser.contract.contact.Tier;
import io.handraiser.contract.shared.PersonalData;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The scoring facts must survive the event log's serializer unchanged: contact-service acts on what it reads back. */
class ScoringMessagesSerializationTest {

    private static final ContactId ID = ContactId.of("6f1c2a57-0f5e-4b83-9f1e-0d7b4f1c9a10");
    private static final Instant AT = Instant.parse("2026-11-23T09:15:30.123Z");
    private static final Evidence EVIDENCE = Evidence.scored(45, 60, List.of(new Signal("marketing-leader", 25, "jobTitle matches"),
                                                                            new Signal("industry-it", 20, "industry one of"),
                                                                            new Signal("pricing-page-visit", 45, "3 x PAGE_VIEW"),
                                                                            new Signal("guide-download", 15, "1 x CONTENT_DOWNLOAD")));

    private final JacksonSerializer serializer = JacksonSerializer.builder()
            .objectMapper(new ObjectMapper()
                    .registerModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES))
            .build();

    static Stream<LeadScoreEvent> messages() {
        return Stream.of(new LeadScoreChanged(ID, "3", Tier.of("A"), EVIDENCE, AT),
                         new LeadScoreChanged(ID, "3", null, Evidence.scored(-40, 5, List.of()), AT),
                         new LeadScoreQualified(ID, Tier.of("A"), "3", "tier A: fit 45 >= 40, total 105 >= 100", EVIDENCE, AT),
                         new DisqualifyingSignalDetected(ID, DisqualificationReason.COMPETITOR, "competitor", "3", AT));
    }

    @ParameterizedTest
    @MethodSource("messages")
    void survivesTheEventLogSerializer(LeadScoreEvent message) {
        SerializedObject<String> serialized = serializer.serialize(message, String.class);

        assertThat(serializer.<String, Object>deserialize(serialized)).isEqualTo(message);
        assertThat(serialized.getData()).contains("\"contactId\":\"" + ID + "\"", "\"at\":\"2026-11-23T09:15:30.123Z\"");
    }

    @ParameterizedTest
    @MethodSource("messages")
    void everyEventHasARevisionForItsUpcasters(LeadScoreEvent message) {
        assertThat(message.getClass().getAnnotation(Revision.class)).isNotNull();
    }

    /** Scoring facts are kept after erasure, so they must not need encrypting: no component may be personal. */
    @ParameterizedTest
    @MethodSource("messages")
    void carriesNoPersonalData(LeadScoreEvent message) {
        assertThat(Arrays.stream(message.getClass().getRecordComponents()).filter(c -> c.isAnnotationPresent(PersonalData.class)))
                .isEmpty();
    }
}
