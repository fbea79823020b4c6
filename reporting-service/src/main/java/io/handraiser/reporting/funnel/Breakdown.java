package io.handraiser.reporting.funnel;

import io.handraiser.reporting.query.Params;

/** What a report's figures are grouped by. */
public enum Breakdown implements Params.Named {
    NONE("none"), SOURCE("source"), CAMPAIGN("campaign"), MODEL_VERSION("modelVersion"), TIER("tier");

    /** The group of everything when there is no breakdown, and of a missing value (a contact without campaign). */
    static final String ALL = "all";
    static final String NO_VALUE = "(none)";
    /** The model-version group of MQLs a person decided. */
    static final String MANUAL = "manual";

    private final String parameterValue;

    Breakdown(String parameterValue) {
        this.parameterValue = parameterValue;
    }

    @Override
    public String parameterValue() {
        return parameterValue;
    }

    /** The group of a contact-level figure. */
    String keyOf(ContactHistory contact) {
        return switch (this) {
            case NONE -> ALL;
            case SOURCE -> orNone(contact.source());
            case CAMPAIGN -> orNone(contact.campaign());
            case MODEL_VERSION, TIER -> throw new IllegalStateException(this + " groups MQL decisions, not contacts");
        };
    }

    /** The group of a figure about an MQL decision, or about what followed one ({@code mql} may be null). */
    String keyOf(ContactHistory contact, Step mql) {
        return switch (this) {
            case NONE, SOURCE, CAMPAIGN -> keyOf(contact);
            case MODEL_VERSION -> modelOf(mql);
            case TIER -> mql == null ? NO_VALUE : orNone(mql.tier());
        };
    }

    /** "manual" for a person's decision, else the scoring model version the system decided under. */
    static String modelOf(Step mql) {
        if (mql == null) {
            return NO_VALUE;
        }
        return "PERSON".equals(mql.actorKind()) ? MANUAL : orNone(mql.model());
    }

    private static String orNone(String value) {
        return value == null ? NO_VALUE : value;
    }
}
