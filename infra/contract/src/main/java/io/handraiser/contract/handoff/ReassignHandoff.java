package io.handraiser.contract.handoff;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import io.handraiser.contract.shared.Text;

/** A person moves an open handoff to another rep. */
public record ReassignHandoff(@TargetAggregateIdentifier HandoffId handoffId, String to) implements HandoffCommand {

    public ReassignHandoff {
        Text.requireNonBlank(to, "to");
    }
}
