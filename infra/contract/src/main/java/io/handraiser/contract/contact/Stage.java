package io.handraiser.contract.contact;

/**
 * Lifecycle stages in funnel order. A contact only moves forward, except that return to nurture
 * takes an MQL or SQL back to LEAD. OTHER sits outside the funnel (partners, employees, ...).
 */
public enum Stage {
    SUBSCRIBER, LEAD, MQL, SQL, OPPORTUNITY, CUSTOMER, EVANGELIST, OTHER;

    public boolean isBefore(Stage other) {
        return this != OTHER && other != OTHER && ordinal() < other.ordinal();
    }

    public boolean isAfter(Stage other) {
        return this != OTHER && other != OTHER && ordinal() > other.ordinal();
    }
}
