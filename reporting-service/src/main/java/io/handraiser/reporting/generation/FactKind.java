package io.handraiser.reporting.generation;

/** The collections one generation of the reporting projections consists of. */
public enum FactKind {
    /** One document per contact: where it came from and every funnel step it took, keyed by sequence number. */
    CONTACTS("contacts"),
    /** One document per qualification decision, for the audit. */
    DECISIONS("decisions"),
    /** One document per handoff to sales: its rep, its SLA and how it ended. */
    HANDOFFS("handoffs");

    private final String suffix;

    FactKind(String suffix) {
        this.suffix = suffix;
    }

    String collectionName(int generation) {
        return "g" + generation + "_" + suffix;
    }
}
