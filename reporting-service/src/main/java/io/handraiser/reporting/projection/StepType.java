package io.handraiser.reporting.projection;

/** What a stored contact step records; CAPTURED, MQL, SQL, RETURNED and ADVANCED enter a stage. */
public enum StepType {
    CAPTURED, MQL, SQL, RETURNED, DISQUALIFIED, REQUALIFIED, ADVANCED
}
