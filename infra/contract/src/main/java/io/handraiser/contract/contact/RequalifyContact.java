package io.handraiser.contract.contact;

import io.handraiser.contract.shared.Text;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Objects;

/** A person lifts a disqualification; the contact may become an MQL again. */
public record RequalifyContact(@TargetAggregateIdentifier ContactId contactId, String reason) implements ContactCommand {

    public RequalifyContact {
        Objects.requireNonNull(contactId, "contactId");
        Text.requireNonBlank(reason, "reason");
        Text.requireMaxLength(reason, 1000, "reason");
    }
}
