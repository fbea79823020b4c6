package io.handraiser.contract.catalogue;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The shape every custom value shares, whatever its catalogue entry says: property and attribute names, and the
 * maps of canonical text that carry their values in messages.
 */
public final class CustomValues {

    /** Names of custom properties and of activity attributes. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9_-]{1,64}");
    public static final int MAX_VALUE_LENGTH = 2048;

    private CustomValues() {
    }

    public static String requireName(String name, String what) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " must be 1 to 64 of a-z, 0-9, '_' and '-', got '" + name + "'");
        }
        return name;
    }

    /**
     * An unmodifiable copy ordered by name (so a message's JSON is the same however the map was built), empty for
     * {@code null}: messages written before custom values existed read with none. {@code clearing} allows a name
     * mapped to {@code null}, which a profile update uses to clear a property.
     */
    public static Map<String, String> copy(Map<String, String> values, String what, boolean clearing) {
        if (values == null || values.isEmpty()) {
            return Map.of();
        }
        TreeMap<String, String> copy = new TreeMap<>();
        values.forEach((name, value) -> {
            requireName(name, what + " name");
            if (value == null && !clearing) {
                throw new IllegalArgumentException(what + "." + name + " has no value");
            }
            if (value != null && value.length() > MAX_VALUE_LENGTH) {
                throw new IllegalArgumentException(what + "." + name + " is longer than " + MAX_VALUE_LENGTH + " characters");
            }
            copy.put(name, value);
        });
        return Collections.unmodifiableMap(copy);
    }

    /** {@link #copy} for messages read from the log: no check, only the empty default. */
    public static Map<String, String> stored(Map<String, String> values) {
        return values == null || values.isEmpty() ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /** An unmodifiable copy of distinct names, empty for {@code null}. */
    static List<String> names(List<String> names, String what) {
        if (names == null) {
            return List.of();
        }
        if (names.stream().distinct().count() != names.size()) {
            throw new IllegalArgumentException(what + " names a value twice: " + names);
        }
        names.forEach(name -> requireName(name, what));
        return List.copyOf(names);
    }

    /** A contact's properties {@code current} with {@code changes} applied: a name mapped to {@code null} is removed, any other set. */
    public static Map<String, String> apply(Map<String, String> current, Map<String, String> changes) {
        if (changes.isEmpty()) {
            return current;
        }
        TreeMap<String, String> result = new TreeMap<>(current);
        changes.forEach((name, value) -> {
            if (value == null) {
                result.remove(name);
            } else {
                result.put(name, value);
            }
        });
        return Collections.unmodifiableMap(result);
    }

    /** A message's properties and personal properties as one map; a property is either personal or not, so no name is in both. */
    public static Map<String, String> merged(Map<String, String> properties, Map<String, String> personalProperties) {
        if (personalProperties.isEmpty()) {
            return properties;
        }
        TreeMap<String, String> merged = new TreeMap<>(properties);
        merged.putAll(personalProperties);
        return Collections.unmodifiableMap(merged);
    }
}
