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
        return of(List.of(new FieldError(field, message)));
    }

    /** One 400 naming every field, its detail listing them all. */
    public static BadRequest of(List<FieldError> errors) {
        return new BadRequest(summary(errors), errors);
    }

    static String summary(List<FieldError> errors) {
        return errors.stream().map(error -> error.field() + ": " + error.message()).reduce((a, b) -> a + "; " + b)
                     .orElse("the request is invalid");
    }

    public List<FieldError> errors() {
        return errors;
    }
}
