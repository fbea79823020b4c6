package io.handraiser.contract.contact;

import io.handraiser.contract.catalogue.CustomValues;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Map;
import java.util.Objects;

/**
 * Sets the profile fields that {@code changes} carries; absent fields stay as they are.
 *
 * @param properties custom property values to set, in canonical text and checked against the catalogue; a name
 *                   mapped to {@code null} clears that property; absent names stay as they are
 */
public record UpdateContactProfile(@TargetAggregateIdentifier ContactId contactId, Profile changes, Map<String, String> properties)
        implements ContactCommand {

    public UpdateContactProfile {
        Objects.requireNonNull(contactId, "contactId");
        Objects.requireNonNull(changes, "changes");
        properties = CustomValues.copy(properties, "properties", true);
    }

    /** An update of profile fields only. */
    public UpdateContactProfile(ContactId contactId, Profile changes) {
        this(contactId, changes, Map.of());
    }
}
