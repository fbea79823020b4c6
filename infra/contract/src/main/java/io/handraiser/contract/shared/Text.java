package io.handraiser.contract.shared;

/** Argument checks shared by the value objects, so every message rejects blank text alike. */
public final class Text {

    private Text() {
    }

    public static String requireNonBlank(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is required");
        }
        return value;
    }

    public static String requireMaxLength(String value, int maxLength, String what) {
        if (value != null && value.length() > maxLength) {
            throw new IllegalArgumentException(what + " is longer than " + maxLength + " characters");
        }
        return value;
    }
}
