package io.handraiser.starter.web;

/** One bad field of a request, named by its JSON path, e.g. {@code items[3].email}. */
public record FieldError(String field, String message) {
}
