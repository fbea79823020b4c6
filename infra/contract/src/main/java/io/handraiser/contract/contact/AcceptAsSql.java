package io.handraiser.contract.contact;

import io.handraiser.contract.shared.Text;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Objects;

/** Sales accepts an MQL: it becomes a sales qualified lead that sales must work. */
public record AcceptAsSql(@TargetAggregateIdentifier ContactId contactId, String note) implements ContactCommand {

    public AcceptAsSql {
        Objects.requireNonNull(contactId, "contactId");
        Text.requireMaxLength(note, 2000, "note");
    }
}
