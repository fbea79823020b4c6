package io.handraiser.starter.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
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
 * per type name and the reader once per class: reading is on the path of every event handled and replayed.
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

    private PersonalDataSerializer(PersonalDataSerializer shared, SubjectKeys.KeySnapshot snapshot) {
        this.delegate = shared.delegate;
        this.objectMapper = shared.objectMapper;
        this.keys = shared.keys;
        this.readingKeys = snapshot::forReading;
        this.readings = shared.readings;
        this.classes = shared.classes;
        this.random = shared.random;
        this.erasedValues = shared.erasedValues;
        this.unreadableValues = shared.unreadableValues;
    }

    /**
     * This serializer for reading many subjects' data at once (a replay of the log, a batch of it at a time): the keys
     * of {@code subjects} are read now, in bulk, rather than one query per subject whose key is not cached, and they
     * stay out of the shared cache. Meant for one batch: keys read are trusted for the key cache time, like cached
     * ones, after which each is looked up again ({@link SubjectKeys#snapshot}). A subject not named here is looked
     * up as usual, so a wrong guess costs time, never a value.
     */
    public Serializer forBulkReading(Collection<String> subjects) {
        return new PersonalDataSerializer(this, keys.snapshot(subjects));
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
            JsonNode tree = data instanceof String json ? objectMapper.readTree(json)
                    // an upcaster's tree may be deserialized again later: it must keep its ciphertext
                    : data instanceof JsonNode upcast ? upcast.deepCopy()
                    : getConverter().convert(data, serializedObject.getContentType(), JsonNode.class);
            String subject = reading.layout().subjectOf(tree);
            reading.layout().forEachPersonalValue(tree, (holder, property, path) -> holder.set(property, open(subject, path, holder.get(property))));
            return (T) reading.reader().readValue(tree);
        } catch (IOException e) {
            throw new SerializationException("cannot read " + type.getName(), e);
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

    private JsonNode open(String subject, String path, JsonNode sealedValue) {
        Optional<SecretKey> key = readingKeys.apply(subject);
        if (key.isEmpty()) {
            erasedValues.increment();
            return NullNode.getInstance();
        }
        try {
            byte[] sealed = Base64.getDecoder().decode(sealedValue.asText());
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.DECRYPT_MODE, key.get(), new GCMParameterSpec(TAG_BITS, sealed, 0, IV_BYTES));
            cipher.updateAAD(associatedData(subject, path));
            return objectMapper.readTree(cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES));
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
