package io.handraiser.contract.contact;

import io.handraiser.contract.shared.Text;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Objects;

/** Sales gives an MQL or SQL back to marketing: the one way back in the lifecycle. */
public record ReturnToNurture(@TargetAggregateIdentifier ContactId contactId, ReturnReason reason, String note)
        implements ContactCommand {

    public ReturnToNurture {
        Objects.requireNonNull(contactId, "contactId");
        Objects.requireNonNull(reason, "reason");
        Text.requireMaxLength(note, 2000, "note");
    }
}
