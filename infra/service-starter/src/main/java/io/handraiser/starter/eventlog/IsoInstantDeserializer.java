package io.handraiser.starter.eventlog;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads an instant in the form the log writes it, {@link Instant#toString()}'s ISO-8601 in UTC
 * ({@code 2026-11-23T10:00:00Z}, with a fraction of one to nine digits or none), by hand: the general formatter
 * took a third of the time of reading an event back. Every other form, and every property with a format of its own,
 * is read by Jackson's {@link InstantDeserializer} as before.
 */
final class IsoInstantDeserializer extends StdScalarDeserializer<Instant> implements ContextualDeserializer {

    private static final int SHORTEST = "2026-11-23T10:00:00Z".length();
    private static final int FRACTION_DIGITS = 9;

    IsoInstantDeserializer() {
        super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.hasToken(JsonToken.VALUE_STRING)) {
            Instant read = parse(parser.getText());
            if (read != null) {
                return read;
            }
        }
        return InstantDeserializer.INSTANT.deserialize(parser, context);
    }

    @Override
    public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property) throws JsonMappingException {
        JsonDeserializer<?> contextual = InstantDeserializer.INSTANT.createContextual(context, property);
        return contextual == InstantDeserializer.INSTANT ? this : contextual;
    }

    /** The instant {@code text} names in the log's form, or null when it is in any other. */
    static Instant parse(String text) {
        int length = text.length();
        if (length < SHORTEST || length > SHORTEST + 1 + FRACTION_DIGITS || text.charAt(length - 1) != 'Z'
            || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        // a leap second (60) is left to the general reader, which smears it
        int second = digits(text, 17, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (length > SHORTEST) {
            int fraction = length - SHORTEST - 1;
            if (text.charAt(19) != '.' || fraction == 0 || (nanos = digits(text, 20, fraction)) < 0) {
                return null;
            }
            for (int i = fraction; i < FRACTION_DIGITS; i++) {
                nanos *= 10;
            }
        }
        try {
            long days = LocalDate.of(year, month, day).toEpochDay();
            return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The number the {@code count} digits at {@code from} write, or -1 if any is not a digit. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
