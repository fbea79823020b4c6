package io.handraiser.contract.catalogue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * The kind of value a custom contact property holds. Messages carry every value as its canonical text, which
 * {@link #canonical} produces and which a reader parses back with the same rules.
 */
public enum PropertyType {
    /** Any text up to {@value CustomValues#MAX_VALUE_LENGTH} characters, trimmed. */
    TEXT,
    /** A decimal number, written as {@link BigDecimal#toPlainString()} of its value without trailing zeros: "1200", "0.5". */
    NUMBER,
    /** "true" or "false" (any case accepted, written lower case). */
    BOOLEAN,
    /** An ISO date, "yyyy-MM-dd". */
    DATE,
    /** Exactly one of the property's options, as written in the catalogue. */
    ONE_OF;

    /**
     * The canonical text of {@code text} as a value of this type; throws {@link IllegalArgumentException} (naming
     * {@code what}) for a value that is not one.
     */
    public String canonical(String text, List<String> options, String what) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(what + " has no value");
        }
        String value = text.trim();
        return switch (this) {
            case TEXT -> {
                if (value.length() > CustomValues.MAX_VALUE_LENGTH) {
                    throw new IllegalArgumentException(what + " is longer than " + CustomValues.MAX_VALUE_LENGTH + " characters");
                }
                yield value;
            }
            case NUMBER -> {
                try {
                    BigDecimal number = new BigDecimal(value);
                    yield number.signum() == 0 ? "0" : number.stripTrailingZeros().toPlainString();
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(what + " must be a number, got '" + value + "'");
                }
            }
            case BOOLEAN -> switch (value.toLowerCase(Locale.ROOT)) {
                case "true" -> "true";
                case "false" -> "false";
                default -> throw new IllegalArgumentException(what + " must be true or false, got '" + value + "'");
            };
            case DATE -> {
                try {
                    yield LocalDate.parse(value).toString();
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException(what + " must be a date yyyy-MM-dd, got '" + value + "'");
                }
            }
            case ONE_OF -> {
                if (!options.contains(value)) {
                    throw new IllegalArgumentException(what + " must be one of " + options + ", got '" + value + "'");
                }
                yield value;
            }
        };
    }
}
