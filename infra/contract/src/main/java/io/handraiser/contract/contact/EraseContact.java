package io.handraiser.contract.contact;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Objects;

/** The person exercises the right to be forgotten: their personal data goes, the anonymous facts stay. */
public record EraseContact(@TargetAggregateIdentifier ContactId contactId) implements ContactCommand {

    public EraseContact {
        Objects.requireNonNull(contactId, "contactId");
    }
}
