package io.handraiser.starter.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Optional;

/**
 * Axon's Jackson serializer with crypto-shredding: every {@link io.handraiser.contract.shared.PersonalData} value
 * is stored as AES-GCM ciphertext under its subject's key, so handlers see plain values and the log sees none.
 * Once the key is destroyed the values read as {@code null} while everything else in the message, and so every
 * replay, stays intact. The subject and the value's path are bound into each ciphertext, so a value copied to
 * another subject or field does not open.
 * <p>
 * A value that does not open (key erased, key lost, ciphertext damaged) reads as {@code null} rather than
 * failing: one contact's missing key must never stop a processor from handling every other contact's events.
 */
public class PersonalDataSerializer implements Serializer {

    private static final Logger log = LoggerFactory.getLogger(PersonalDataSerializer.class);
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final JacksonSerializer delegate;
    private final ObjectMapper objectMapper;
    private final SubjectKeys keys;
    private final ClassValue<PersonalDataLayout> layouts = new ClassValue<>() {
        @Override
        protected PersonalDataLayout computeValue(Class<?> type) {
            return PersonalDataLayout.of(type);
        }
    };
    private final SecureRandom random = new SecureRandom();
    private final Counter erasedValues;
    private final Counter unreadableValues;

    public PersonalDataSerializer(JacksonSerializer delegate, SubjectKeys keys, MeterRegistry meters) {
        this.delegate = delegate;
        this.objectMapper = delegate.getObjectMapper();
        this.keys = keys;
        this.erasedValues = Counter.builder("handraiser.personal.data.reads")
                                   .tag("outcome", "no-key")
                                   .description("personal values read as null because their subject's key is erased (or lost)")
                                   .register(meters);
        this.unreadableValues = Counter.builder("handraiser.personal.data.reads")
                                       .tag("outcome", "damaged")
                                       .description("personal values read as null because they do not open with their subject's key")
                                       .register(meters);
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        PersonalDataLayout layout = object == null ? PersonalDataLayout.NONE : layouts.get(object.getClass());
        if (layout.isEmpty()) {
            return delegate.serialize(object, expectedRepresentation);
        }
        JsonNode tree = objectMapper.valueToTree(object);
        String subject = layout.subjectOf(tree);
        layout.forEachPersonalValue(tree, (holder, property, path) ->
                holder.set(property, TextNode.valueOf(seal(keys.forWriting(subject), subject, path, holder.get(property)))));
        try {
            T data = getConverter().convert(objectMapper.writeValueAsBytes(tree), expectedRepresentation);
            return new SimpleSerializedObject<>(data, expectedRepresentation, typeForClass(object.getClass()));
        } catch (JsonProcessingException e) {
            throw new SerializationException("cannot write " + object.getClass().getName(), e);
        }
    }

    @Override
    public <S, T> T deserialize(SerializedObject<S> serializedObject) {
        PersonalDataLayout layout = layouts.get(classForType(serializedObject.getType()));
        if (layout.isEmpty()) {
            return delegate.deserialize(serializedObject);
        }
        JsonNode tree = getConverter().convert(serializedObject.getData(), serializedObject.getContentType(), JsonNode.class);
        if (serializedObject.getData() instanceof JsonNode) {
            // an upcaster's tree may be deserialized again later: it must keep its ciphertext
            tree = tree.deepCopy();
        }
        String subject = layout.subjectOf(tree);
        layout.forEachPersonalValue(tree, (holder, property, path) -> holder.set(property, open(subject, path, holder.get(property))));
        return delegate.deserialize(new SimpleSerializedObject<>(tree, JsonNode.class, serializedObject.getType()));
    }

    private String seal(SecretKey key, String subject, String path, JsonNode value) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData(subject, path));
            byte[] sealed = cipher.doFinal(objectMapper.writeValueAsBytes(value));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException | JsonProcessingException e) {
            throw new SerializationException("cannot encrypt personal value " + path + " of subject " + subject, e);
        }
    }

    private JsonNode open(String subject, String path, JsonNode sealedValue) {
        Optional<SecretKey> key = keys.forReading(subject);
        if (key.isEmpty()) {
            erasedValues.increment();
            return NullNode.getInstance();
        }
        try {
            byte[] sealed = Base64.getDecoder().decode(sealedValue.asText());
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
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
        return delegate.classForType(type);
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
