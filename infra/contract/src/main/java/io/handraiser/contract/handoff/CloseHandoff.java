package io.handraiser.contract.handoff;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** @param reason why, for RETURNED and CANCELLED (the return reason, DISQUALIFIED or ERASED) */
public record CloseHandoff(@TargetAggregateIdentifier HandoffId handoffId, HandoffOutcome outcome, String reason)
        implements HandoffCommand {
}
