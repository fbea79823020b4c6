package io.handraiser.starter.privacy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializationException;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Axon's Jackson serializer with crypto-shredding: every {@link io.handraiser.contract.shared.PersonalData} value
 * is stored as AES-GCM ciphertext under its subject's key, so handlers see plain values and the log sees none.
 * Once the key is destroyed the values read as {@code null} while everything else in the message, and so every
 * replay, stays intact. The subject and the value's path are bound into each ciphertext, so a value copied to
 * another subject or field does not open.
 * <p>
 * A value that does not open (key erased, key lost, ciphertext damaged) reads as {@code null} rather than
 * failing: one contact's missing key must never stop a processor from handling every other contact's events.
 * <p>
 * Messages are read as the delegate reads them ({@code objectMapper.readerFor(type)}), but with the class found once
 * per type name and the reader once per class: reading is on the path of every event handled and replayed. For the
 * same reason a stored message (text or bytes) is read in one pass, its personal values opened as the parser meets
 * them ({@link OpeningParser}); a tree (an upcaster's) is opened in a copy of the tree.
 */
public class PersonalDataSerializer implements Serializer {

    private static final Logger log = LoggerFactory.getLogger(PersonalDataSerializer.class);
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    /**
     * Getting a cipher costs a provider lookup, and a fresh one expands its key again on every use; a thread's own is
     * initialised anew for every value (a fresh random IV for each seal), so no state passes from one value to the next.
     */
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance(TRANSFORMATION);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(TRANSFORMATION + " is not available", e);
        }
    });

    private final JacksonSerializer delegate;
    private final ObjectMapper objectMapper;
    private final SubjectKeys keys;
    private final Function<String, Optional<SecretKey>> readingKeys;
    private final ClassValue<Reading> readings;
    /** Only found classes: an unknown type is looked up again each time, as the delegate does, and may appear later. */
    private final Map<String, Class<?>> classes;
    private final PersonalValueSelection opened;
    private final SecureRandom random;
    private final Counter erasedValues;
    private final Counter unreadableValues;

    /** How messages of one class are read: where their personal values are, and the reader of the class. */
    private record Reading(PersonalDataLayout layout, ObjectReader reader) {
    }

    public PersonalDataSerializer(JacksonSerializer delegate, SubjectKeys keys, MeterRegistry meters) {
        this.delegate = delegate;
        this.objectMapper = delegate.getObjectMapper();
        this.keys = keys;
        this.readingKeys = keys::forReading;
        this.readings = new ClassValue<>() {
            @Override
            protected Reading computeValue(Class<?> type) {
                return new Reading(PersonalDataLayout.of(type), objectMapper.readerFor(type));
            }
        };
        this.classes = new ConcurrentHashMap<>();
        this.opened = PersonalValueSelection.ALL;
        this.random = new SecureRandom();
        this.erasedValues = Counter.builder("handraiser.personal.data.reads")
                                   .tag("outcome", "no-key")
                                   .description("personal values read as null because their subject's key is erased (or lost)")
                                   .register(meters);
        this.unreadableValues = Counter.builder("handraiser.personal.data.reads")
                                       .tag("outcome", "damaged")
                                       .description("personal values read as null because they do not open with their subject's key")
                                       .register(meters);
    }

    private PersonalDataSerializer(PersonalDataSerializer shared, SubjectKeys.BulkKeys bulkKeys, PersonalValueSelection opened) {
        this.delegate = shared.delegate;
        this.objectMapper = shared.objectMapper;
        this.keys = shared.keys;
        this.readingKeys = bulkKeys::forReading;
        this.readings = shared.readings;
        this.classes = shared.classes;
        this.opened = opened;
        this.random = shared.random;
        this.erasedValues = shared.erasedValues;
        this.unreadableValues = shared.unreadableValues;
    }

    /**
     * A reader of many subjects' data at once, a batch at a time (a replay of the log): the keys of a batch's subjects
     * are read in bulk before the batch is read, rather than one query per subject whose key is not cached, and kept
     * for the later batches of the reader only ({@link SubjectKeys.BulkKeys}): each is trusted for the key cache time,
     * like a cached one, and read again after it. Only the personal values {@code opened} selects are opened; the
     * others read as {@code null} without being decrypted, and are not counted as erased or damaged.
     */
    public BulkReading forBulkReading(PersonalValueSelection opened) {
        return new BulkReading(keys.bulk(), opened);
    }

    /** See {@link #forBulkReading}; safe for use by several threads at once, each with batches of its own. */
    public final class BulkReading {

        private final SubjectKeys.BulkKeys bulkKeys;
        private final PersonalDataSerializer reading;

        private BulkReading(SubjectKeys.BulkKeys bulkKeys, PersonalValueSelection opened) {
            this.bulkKeys = bulkKeys;
            this.reading = new PersonalDataSerializer(PersonalDataSerializer.this, bulkKeys, opened);
        }

        /**
         * The serializer for a batch naming {@code subjects} (repeats allowed), their keys read first. A subject not
         * named is looked up as usual, so a wrong guess costs time, never a value.
         */
        public Serializer forBatch(Collection<String> subjects) {
            bulkKeys.prefetch(subjects);
            return reading;
        }
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        PersonalDataLayout layout = object == null ? PersonalDataLayout.NONE : readings.get(object.getClass()).layout();
        if (layout.isEmpty()) {
            return delegate.serialize(object, expectedRepresentation);
        }
        JsonNode tree = objectMapper.valueToTree(object);
        String subject = layout.subjectOf(tree);
        layout.forEachPersonalValue(tree, (holder, property, path) ->
                holder.set(property, TextNode.valueOf(seal(keys.forWriting(subject), subject, path, holder.get(property)))));
        try {
            Object data = String.class.equals(expectedRepresentation)
                    ? objectMapper.writeValueAsString(tree)
                    : getConverter().convert(objectMapper.writeValueAsBytes(tree), expectedRepresentation);
            return new SimpleSerializedObject<>(expectedRepresentation.cast(data), expectedRepresentation, typeForClass(object.getClass()));
        } catch (JsonProcessingException e) {
            throw new SerializationException("cannot write " + object.getClass().getName(), e);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S, T> T deserialize(SerializedObject<S> serializedObject) {
        Class<?> type = classForType(serializedObject.getType());
        if (type == Void.class || type == UnknownSerializedType.class) {
            // nothing to read (null) or a type this service does not know (a placeholder): the delegate's business
            return delegate.deserialize(serializedObject);
        }
        Reading reading = readings.get(type);
        S data = serializedObject.getData();
        try {
            if (reading.layout().isEmpty()) {
                return data instanceof String json ? reading.reader().readValue(json)
                        : data instanceof JsonNode tree ? reading.reader().readValue(tree)
                        : reading.reader().readValue(getConverter().convert(data, serializedObject.getContentType(), byte[].class));
            }
            if (data instanceof String || data instanceof byte[]) {
                try {
                    return readInOnePass(type, reading, data);
                } catch (OpeningParser.SubjectNotYetRead subjectLater) {
                    // read whole below, which finds the subject wherever it is (and refuses a message without one)
                }
            }
            JsonNode tree = data instanceof String json ? objectMapper.readTree(json)
                    : data instanceof byte[] bytes ? objectMapper.readTree(bytes)
                    // an upcaster's tree may be deserialized again later: it must keep its ciphertext
                    : data instanceof JsonNode upcast ? upcast.deepCopy()
                    : getConverter().convert(data, serializedObject.getContentType(), JsonNode.class);
            String subject = reading.layout().subjectOf(tree);
            reading.layout().forEachPersonalValue(tree, (holder, property, path) ->
                    holder.set(property, opened.opens(type, path) ? open(subject, path, holder.get(property).asText()) : NullNode.getInstance()));
            return (T) reading.reader().readValue(tree);
        } catch (IOException e) {
            throw new SerializationException("cannot read " + type.getName(), e);
        }
    }

    private <T> T readInOnePass(Class<?> type, Reading reading, Object data) throws IOException {
        JsonParser stored = data instanceof String json ? objectMapper.getFactory().createParser(json)
                : objectMapper.getFactory().createParser((byte[]) data);
        try (OpeningParser parser = new OpeningParser(stored, reading.layout(), new MessageOpener(type, reading.layout()))) {
            T value = reading.reader().readValue(parser);
            parser.subject();
            return value;
        } catch (JsonMappingException e) {
            // Jackson wraps what is thrown while a nested object is read, adding the path to it
            if (e.getCause() instanceof OpeningParser.SubjectNotYetRead subjectLater) {
                throw subjectLater;
            }
            throw e;
        }
    }

    /** Opens the personal values of one message of {@code type} that this serializer opens at all. */
    private final class MessageOpener implements OpeningParser.Opener {

        private final Class<?> type;
        private final PersonalDataLayout layout;

        MessageOpener(Class<?> type, PersonalDataLayout layout) {
            this.type = type;
            this.layout = layout;
        }

        @Override
        public boolean opens(int path) {
            return opened.opens(type, layout.joinedPaths().get(path));
        }

        @Override
        public JsonParser open(String subject, int path, String sealed) throws IOException {
            JsonParser plain = PersonalDataSerializer.this.open(subject, layout.joinedPaths().get(path), sealed).traverse(objectMapper);
            plain.nextToken();
            return plain;
        }
    }

    private String seal(SecretKey key, String subject, String path, JsonNode value) {
        try {
            byte[] plain = objectMapper.writeValueAsBytes(value);
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData(subject, path));
            byte[] sealed = cipher.doFinal(plain);
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException | JsonProcessingException e) {
            throw new SerializationException("cannot encrypt personal value " + path + " of subject " + subject, e);
        }
    }

    /** The value {@code sealedText} opens to; a null node if it does not open. */
    private JsonNode open(String subject, String path, String sealedText) {
        Optional<SecretKey> key = readingKeys.apply(subject);
        if (key.isEmpty()) {
            erasedValues.increment();
            return NullNode.getInstance();
        }
        try {
            byte[] sealed = Base64.getDecoder().decode(sealedText);
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.DECRYPT_MODE, key.get(), new GCMParameterSpec(TAG_BITS, sealed, 0, IV_BYTES));
            cipher.updateAAD(associatedData(subject, path));
            JsonNode value = objectMapper.readTree(cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES));
            if (value == null || value.isMissingNode()) {
                throw new IOException("the plain text holds no value");
            }
            return value;
        } catch (GeneralSecurityException | IllegalArgumentException | IOException e) {
            unreadableValues.increment();
            log.warn("Personal value {} of subject {} does not open with its key and reads as null: {}", path, subject, e.toString());
            return NullNode.getInstance();
        }
    }

    private static byte[] associatedData(String subject, String path) {
        return (subject + '\u0000' + path).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
        return delegate.canSerializeTo(expectedRepresentation);
    }

    @Override
    public Class<?> classForType(SerializedType type) {
        if (SimpleSerializedType.emptyType().equals(type)) {
            return delegate.classForType(type);
        }
        Class<?> known = classes.get(type.getName());
        if (known != null) {
            return known;
        }
        Class<?> found = delegate.classForType(type);
        if (found != UnknownSerializedType.class) {
            classes.put(type.getName(), found);
        }
        return found;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public SerializedType typeForClass(Class type) {
        return delegate.typeForClass(type);
    }

    @Override
    public Converter getConverter() {
        return delegate.getConverter();
    }
}
