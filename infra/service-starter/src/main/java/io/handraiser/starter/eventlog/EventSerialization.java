package io.handraiser.starter.eventlog;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.serialization.json.JacksonSerializer;

import java.time.Instant;

/**
 * The one JSON form of everything in the event log, tokens and sagas. Axon's Jackson 2 serializer, because
 * its Jackson 3 one cannot read back the replay tokens a streaming processor stores (STACK.md). Unknown
 * properties are ignored so an older service reads a newer event's known fields; upcasters handle the rest.
 */
public final class EventSerialization {

    private EventSerialization() {
    }

    public static ObjectMapper objectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                // after JavaTimeModule, so that its instant reader is the one replaced
                .registerModule(new SimpleModule("handraiser-instants").addDeserializer(Instant.class, new IsoInstantDeserializer()))
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public static JacksonSerializer serializer() {
        return JacksonSerializer.builder().objectMapper(objectMapper()).build();
    }
}
