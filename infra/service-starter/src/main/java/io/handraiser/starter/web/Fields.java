package io.handraiser.starter.web;

import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Builds a request's value objects and collects every refusal, so one 400 names all bad fields rather than the
 * first. The value objects validate themselves; this only keeps going after the first one says no.
 */
public final class Fields {

    private final List<FieldError> errors = new ArrayList<>();

    public <T> T value(String field, Supplier<T> construct) {
        try {
            return construct.get();
        } catch (IllegalArgumentException | NullPointerException | DateTimeException refused) {
            reject(field, refused.getMessage() == null ? field + " is required" : refused.getMessage());
            return null;
        }
    }

    public void reject(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    /** Throws {@link BadRequest} naming every rejected field; returns normally when there is none. */
    public void check() {
        if (!errors.isEmpty()) {
            throw BadRequest.of(errors);
        }
    }

    public List<FieldError> errors() {
        return List.copyOf(errors);
    }
}
