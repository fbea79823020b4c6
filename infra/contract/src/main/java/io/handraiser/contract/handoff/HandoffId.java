package io.handraiser.contract.handoff;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.handraiser.contract.contact.ContactId;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * One handoff of one qualification episode of a contact. Derived from the MQL decision that opened it, so a
 * redelivered decision names the same handoff and cannot open a second one.
 */
public record HandoffId(@JsonValue UUID value) {

    @JsonCreator
    public HandoffId {
        if (value == null) {
            throw new IllegalArgumentException("handoff id is required");
        }
    }

    public static HandoffId of(String value) {
        try {
            return new HandoffId(UUID.fromString(value));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("'" + value + "' is not a handoff id (a UUID)");
        }
    }

    /** @param decisionId the identifier of the MarkedMQL event message that opens the handoff */
    public static HandoffId forDecision(ContactId contact, String decisionId) {
        return new HandoffId(UUID.nameUUIDFromBytes((contact + "/" + decisionId).getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
