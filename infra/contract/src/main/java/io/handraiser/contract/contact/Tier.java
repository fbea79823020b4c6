package io.handraiser.contract.contact;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.regex.Pattern;

/** An MQL tier ("A", "B", ...): tiers are handed off and worked differently. */
public record Tier(@JsonValue String name) {

    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_-]{0,15}");

    @JsonCreator
    public Tier {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("tier must be an upper-case name such as A or B, got '" + name + "'");
        }
    }

    public static Tier of(String name) {
        return new Tier(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
