package io.handraiser.contract.handoff;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Part of the SLA has passed: tell the rep. */
public record RemindHandoff(@TargetAggregateIdentifier HandoffId handoffId) implements HandoffCommand {
}
