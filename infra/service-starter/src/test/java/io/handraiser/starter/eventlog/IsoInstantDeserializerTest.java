package io.handraiser.starter.eventlog;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class IsoInstantDeserializerTest {

    private final ObjectMapper log = EventSerialization.objectMapper();
    private final ObjectMapper jacksonAlone = new ObjectMapper().registerModule(new JavaTimeModule());

    @Test
    void readsEveryInstantTheLogWritesAsJacksonDoes() throws Exception {
        Random random = new Random(42);
        List<Instant> instants = new ArrayList<>(List.of(Instant.EPOCH, Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("2024-02-29T23:59:59.999999999Z"),
                                                         Instant.parse("1969-12-31T23:59:59.5Z"), Instant.parse("9999-12-31T23:59:59Z")));
        for (int i = 0; i < 10_000; i++) {
            Instant at = Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 253_000_000_000L), random.nextInt(1_000_000_000));
            // every fraction length Instant#toString writes: none, millis, micros, nanos
            instants.add(at.truncatedTo(ChronoUnit.SECONDS));
            instants.add(at.truncatedTo(ChronoUnit.MILLIS));
            instants.add(at.truncatedTo(ChronoUnit.MICROS));
            instants.add(at);
        }

        for (Instant at : instants) {
            assertThat(IsoInstantDeserializer.parse(at.toString())).as("read by hand").isEqualTo(at);
            String json = log.writeValueAsString(new Stamped(at));
            assertThat(log.readValue(json, Stamped.class)).isEqualTo(jacksonAlone.readValue(json, Stamped.class)).isEqualTo(new Stamped(at));
        }
    }

    @Test
    void readsOrRefusesEveryOtherFormAsJacksonDoes() {
        for (String text : List.of("2026-11-23T10:00:00.1Z", "2026-11-23t10:00:00z", "2026-11-23T10:00:00+01:00", "2026-11-23T10:00Z",
                                   "+12026-11-23T10:00:00Z", "-0001-11-23T10:00:00Z", "2026-11-23T10:00:00.Z", " 2026-11-23T10:00:00Z ",
                                   "2026-11-23T23:59:60Z", "2026-02-30T10:00:00Z", "2026-13-01T10:00:00Z", "2026-11-23T24:00:00Z",
                                   "2026-11-23T10:00:00.1234567890Z", "1700000000", "1700000000.5", "", "soon")) {
            String json = "{\"at\":\"" + text + "\"}";
            assertThat(outcome(log, json)).as(text).isEqualTo(outcome(jacksonAlone, json));
        }
        assertThat(outcome(log, "{\"at\":1700000000}")).isEqualTo(outcome(jacksonAlone, "{\"at\":1700000000}"));
    }

    @Test
    void aPropertyWithAFormatOfItsOwnKeepsIt() throws Exception {
        String json = "{\"at\":\"23.11.2026 10:00\"}";

        assertThat(log.readValue(json, Formatted.class)).isEqualTo(jacksonAlone.readValue(json, Formatted.class));
    }

    /** The instant read, or the kind of failure. */
    private static String outcome(ObjectMapper mapper, String json) {
        try {
            return String.valueOf(mapper.readValue(json, Stamped.class).at());
        } catch (Exception e) {
            return e.getClass().getName();
        }
    }

    record Stamped(Instant at) {
    }

    record Formatted(@JsonFormat(pattern = "dd.MM.yyyy HH:mm", timezone = "UTC") Instant at) {
    }
}
