package io.handraiser.starter.web;

import java.util.List;

/** Input a controller found wrong beyond what annotations check; answered 400 with every field named. */
public class BadRequest extends RuntimeException {

    private final List<FieldError> errors;

    public BadRequest(String detail, List<FieldError> errors) {
        super(detail);
        this.errors = List.copyOf(errors);
    }

    public static BadRequest field(String field, String message) {
        return new BadRequest(field + ": " + message, List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
