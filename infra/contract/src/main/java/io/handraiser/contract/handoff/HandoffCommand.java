package io.handraiser.contract.handoff;

/** A request to a Handoff aggregate; like every command it names no actor (the metadata does). */
public sealed interface HandoffCommand
        permits OpenHandoff, RemindHandoff, EscalateHandoff, ExpireHandoff, CloseHandoff, ClaimHandoff, ReassignHandoff {

    HandoffId handoffId();
}
