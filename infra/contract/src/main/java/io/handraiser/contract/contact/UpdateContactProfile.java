package io.handraiser.contract.contact;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Objects;

/** Sets the profile fields that {@code changes} carries; absent fields stay as they are. */
public record UpdateContactProfile(@TargetAggregateIdentifier ContactId contactId, Profile changes)
        implements ContactCommand {

    public UpdateContactProfile {
        Objects.requireNonNull(contactId, "contactId");
        Objects.requireNonNull(changes, "changes");
    }
}
