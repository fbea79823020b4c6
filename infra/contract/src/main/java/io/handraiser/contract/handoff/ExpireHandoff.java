package io.handraiser.contract.handoff;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Every escalation passed without anyone working the handoff. */
public record ExpireHandoff(@TargetAggregateIdentifier HandoffId handoffId) implements HandoffCommand {
}
