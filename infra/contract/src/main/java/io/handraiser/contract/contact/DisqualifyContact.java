package io.handraiser.contract.contact;

import io.handraiser.contract.shared.Text;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Objects;

/** Keeps a contact from becoming an MQL (competitor, student, spam, ...) until requalified. */
public record DisqualifyContact(@TargetAggregateIdentifier ContactId contactId, DisqualificationReason reason,
                                String note) implements ContactCommand {

    public DisqualifyContact {
        Objects.requireNonNull(contactId, "contactId");
        Objects.requireNonNull(reason, "reason");
        Text.requireMaxLength(note, 2000, "note");
    }
}
