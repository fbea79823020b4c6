package io.handraiser.scoring.evaluation;

import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.bson.BsonBinaryReader;
import org.bson.BsonReader;
import org.bson.BsonSerializationException;
import org.bson.BsonType;
import org.bson.BsonWriter;
import org.bson.codecs.Codec;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.EncoderContext;
import org.bson.io.BsonInput;
import org.bson.io.BsonInputMark;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The contact events of one commit document (layout in infra/eventstore's README), read straight from the driver's
 * reply: a scan needs the events' fields only, and reading them into a {@code Document} first (a map per commit and
 * per event, every other field decoded too) cost the scanning thread as much again, and copying each document out of
 * the reply into a {@code RawBsonDocument} a tenth of its time. The payload of another stream's event (scores,
 * handoffs) is skipped unread when its type comes first, as the engine writes it.
 * <p>
 * Payload and metadata are JSON stored as BSON strings, and are kept as their UTF-8 bytes: the JSON parser reads
 * bytes as well as text, and a string made of them would be copied twice more (decoded, then widened to the
 * parser's characters) only to be parsed once.
 *
 * @param events empty for a fence, which holds a position and no events, and for a commit of other streams only
 */
record ContactEventsOfCommit(List<GenericDomainEventEntry<byte[]>> events) {

    /** Reads a commit document as {@link ContactEventsOfCommit}; a scan only reads, so it cannot write one. */
    static final class Reading implements Codec<ContactEventsOfCommit> {

        @Override
        public void encode(BsonWriter writer, ContactEventsOfCommit value, EncoderContext context) {
            throw new UnsupportedOperationException("commits are written by the event store, not by a scan");
        }

        @Override
        public Class<ContactEventsOfCommit> getEncoderClass() {
            return ContactEventsOfCommit.class;
        }

        @Override
        public ContactEventsOfCommit decode(BsonReader reader, DecoderContext context) {
            List<GenericDomainEventEntry<byte[]>> events = List.of();
            reader.readStartDocument();
            while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
                if (reader.readName().equals("events") && reader.getCurrentBsonType() == BsonType.ARRAY) {
                    events = contactEvents(reader);
                } else {
                    reader.skipValue();
                }
            }
            reader.readEndDocument();
            return new ContactEventsOfCommit(events);
        }

        private static List<GenericDomainEventEntry<byte[]>> contactEvents(BsonReader reader) {
            List<GenericDomainEventEntry<byte[]>> events = new ArrayList<>(1);
            reader.readStartArray();
            while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
                GenericDomainEventEntry<byte[]> event = contactEvent(reader);
                if (event != null) {
                    events.add(event);
                }
            }
            reader.readEndArray();
            return events;
        }

        /** The event the reader stands on, or null (read past) if it is not a contact's. */
        private static GenericDomainEventEntry<byte[]> contactEvent(BsonReader reader) {
            String aggregateType = null;
            String aggregateId = null;
            long sequence = 0;
            String eventId = null;
            String timestamp = null;
            String payloadType = null;
            String payloadRevision = null;
            byte[] payload = null;
            byte[] metaData = null;
            boolean another = false;
            reader.readStartDocument();
            while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
                String name = reader.readName();
                if (another) {
                    reader.skipValue();
                    continue;
                }
                switch (name) {
                    case "aggregateType" -> {
                        aggregateType = text(reader);
                        another = !ContactEventLog.CONTACT_AGGREGATE.equals(aggregateType);
                    }
                    case "aggregateId" -> aggregateId = text(reader);
                    case "sequence" -> sequence = reader.getCurrentBsonType() == BsonType.INT32 ? reader.readInt32() : reader.readInt64();
                    case "eventId" -> eventId = text(reader);
                    case "timestamp" -> timestamp = text(reader);
                    case "payloadType" -> payloadType = text(reader);
                    case "payloadRevision" -> payloadRevision = text(reader);
                    case "payload" -> payload = utf8(reader);
                    case "metaData" -> metaData = utf8(reader);
                    default -> reader.skipValue();
                }
            }
            reader.readEndDocument();
            if (!ContactEventLog.CONTACT_AGGREGATE.equals(aggregateType)) {
                return null;
            }
            return new GenericDomainEventEntry<>(aggregateType, aggregateId, sequence, eventId, timestamp, payloadType, payloadRevision,
                                                 payload, metaData);
        }

        private static String text(BsonReader reader) {
            if (reader.getCurrentBsonType() == BsonType.NULL) {
                reader.readNull();
                return null;
            }
            return reader.readString();
        }

        /** The UTF-8 bytes of the string the reader stands on, read from the BSON input without making a string of them. */
        private static byte[] utf8(BsonReader reader) {
            if (reader.getCurrentBsonType() == BsonType.NULL) {
                reader.readNull();
                return null;
            }
            if (!(reader instanceof BsonBinaryReader binary) || reader.getCurrentBsonType() != BsonType.STRING) {
                return reader.readString().getBytes(StandardCharsets.UTF_8);
            }
            // a BSON string is its length (with the closing NUL), its UTF-8 bytes and a NUL; read them, then go back and
            // let the reader step over the value, so that its own position and state stay right
            BsonInput input = binary.getBsonInput();
            BsonInputMark start = input.getMark(Integer.MAX_VALUE);
            int size = input.readInt32();
            if (size < 1) {
                throw new BsonSerializationException("a string's length must be positive, not " + size);
            }
            byte[] bytes = new byte[size - 1];
            input.readBytes(bytes);
            start.reset();
            reader.skipValue();
            return bytes;
        }
    }
}
