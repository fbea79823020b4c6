package io.handraiser.contract.contact;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.UUID;

/** A contact's identity: a UUID chosen when the contact is first captured. */
public record ContactId(@JsonValue UUID value) {

    public ContactId {
        if (value == null) {
            throw new IllegalArgumentException("contact id is required");
        }
    }

    public static ContactId generate() {
        return new ContactId(UUID.randomUUID());
    }

    /** Parses the textual form; throws {@link IllegalArgumentException} for anything but a UUID. */
    @JsonCreator
    public static ContactId of(String value) {
        try {
            return new ContactId(UUID.fromString(value));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("contact id must be a UUID, got '" + value + "'");
        }
    }

    /** Axon routes commands and names event streams by this text. */
    @Override
    public String toString() {
        return value.toString();
    }
}
