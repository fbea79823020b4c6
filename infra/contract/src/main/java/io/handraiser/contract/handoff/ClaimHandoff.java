package io.handraiser.contract.handoff;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The calling rep takes an unassigned handoff. */
public record ClaimHandoff(@TargetAggregateIdentifier HandoffId handoffId) implements HandoffCommand {
}
