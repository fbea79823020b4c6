package io.handraiser.contract.handoff;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** @param to the next rep, or null for the unassigned queue */
public record EscalateHandoff(@TargetAggregateIdentifier HandoffId handoffId, String to, Instant dueAt) implements HandoffCommand {
}
