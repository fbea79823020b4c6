package io.handraiser.contract.shared;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.Objects;

/**
 * Who made a decision: a person named by the caller's token, or the system acting under a versioned
 * rule (a scoring model, an SLA policy). Auditors ask for exactly this, so every qualification
 * event carries one; it is taken from authentication, never from a request body.
 *
 * @param kind         a person or the system
 * @param id           the token's subject for a person; the component name for the system
 * @param modelVersion the rule or model version the system acted under; null for a person
 */
public record Actor(Kind kind, String id, String modelVersion) {

    /** The command metadata key under which the service starter puts the authenticated caller. */
    public static final String META_DATA_KEY = "actor";

    public enum Kind { PERSON, SYSTEM }

    public Actor {
        Objects.requireNonNull(kind, "actor kind is required");
        Text.requireNonBlank(id, "actor id");
        if (kind == Kind.PERSON && modelVersion != null) {
            throw new IllegalArgumentException("a person acts under no model version");
        }
    }

    public static Actor person(String subject) {
        return new Actor(Kind.PERSON, subject, null);
    }

    public static Actor system(String component, String modelVersion) {
        return new Actor(Kind.SYSTEM, component, modelVersion);
    }

    @JsonIgnore
    public boolean isPerson() {
        return kind == Kind.PERSON;
    }
}
