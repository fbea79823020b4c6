package io.handraiser.contract.contact;

import io.handraiser.contract.catalogue.CustomValues;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Map;
import java.util.Objects;

/**
 * Creates a contact whose email the caller has already claimed (one contact per email).
 *
 * @param properties custom property values, personal or not, already checked against the property catalogue and in
 *                   canonical text; the contact splits them into the event's {@code properties} and
 *                   {@code personalProperties}
 */
public record CaptureContact(@TargetAggregateIdentifier ContactId contactId, Email email, Profile profile,
                             Source source, Stage stage, Map<String, String> properties) implements ContactCommand {

    public CaptureContact {
        Objects.requireNonNull(contactId, "contactId");
        Objects.requireNonNull(email, "email");
        profile = profile == null ? Profile.empty() : profile;
        stage = stage == null ? Stage.LEAD : stage;
        if (stage != Stage.SUBSCRIBER && stage != Stage.LEAD) {
            throw new IllegalArgumentException("a contact is captured as SUBSCRIBER or LEAD, not " + stage);
        }
        properties = CustomValues.copy(properties, "properties", false);
    }

    /** A capture without custom properties. */
    public CaptureContact(ContactId contactId, Email email, Profile profile, Source source, Stage stage) {
        this(contactId, email, profile, source, stage, Map.of());
    }
}
