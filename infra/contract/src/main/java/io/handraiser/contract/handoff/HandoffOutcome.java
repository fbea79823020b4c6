package io.handraiser.contract.handoff;

/** How a handoff ended. */
public enum HandoffOutcome {
    /** Sales accepted the contact as SQL. */
    ACCEPTED,
    /** Sales returned the contact to nurture. */
    RETURNED,
    /** Nobody worked it in time, through every escalation. */
    EXPIRED,
    /** The contact was disqualified or erased while the handoff was open. */
    CANCELLED
}
