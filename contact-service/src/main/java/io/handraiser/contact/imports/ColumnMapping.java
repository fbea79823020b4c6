package io.handraiser.contact.imports;

import io.handraiser.contact.imports.ImportKind.Column;
import io.handraiser.starter.web.FieldError;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which header of the file holds which attribute: the header named like the attribute unless the upload maps
 * it to another. Built from the file's header row and checked in full before a job is queued.
 *
 * @param headers attribute to the file's header text, for the attributes the file has
 */
record ColumnMapping(Map<String, String> headers) {

    static final String PARAMETER_PREFIX = "map.";

    /** @param requested attribute to header, from the upload's {@code map.<attribute>} parameters */
    static ColumnMapping resolve(ImportKind kind, List<String> fileHeaders, Map<String, String> requested, List<FieldError> errors) {
        Set<String> attributes = kind.columns().stream().map(Column::attribute).collect(Collectors.toSet());
        requested.keySet().stream().filter(attribute -> !attributes.contains(attribute)).forEach(unknown -> errors.add(new FieldError(
                PARAMETER_PREFIX + unknown, "a " + kind.pathName() + " file has no attribute '" + unknown + "'; attributes are "
                                            + kind.columns().stream().map(Column::attribute).toList())));
        Map<String, String> headers = new LinkedHashMap<>();
        for (Column column : kind.columns()) {
            String wanted = requested.get(column.attribute());
            String header = wanted != null ? find(fileHeaders, wanted, true) : find(fileHeaders, column.attribute(), false);
            if (wanted != null && header == null) {
                errors.add(new FieldError(PARAMETER_PREFIX + column.attribute(), "the file has no column '" + wanted + "'; its headers are " + fileHeaders));
            } else if (header != null) {
                headers.put(column.attribute(), header);
            } else if (column.required()) {
                errors.add(new FieldError(column.attribute(), "the file needs a '" + column.attribute() + "' column, or map one with "
                                                              + PARAMETER_PREFIX + column.attribute() + "=<header>; its headers are " + fileHeaders));
            }
        }
        if (kind == ImportKind.ENGAGEMENTS && !headers.containsKey("email") && !headers.containsKey("contactId")) {
            errors.add(new FieldError("email", "an engagements file names each contact by an 'email' or a 'contactId' column; its headers are " + fileHeaders));
        }
        return new ColumnMapping(headers);
    }

    String header(String attribute) {
        return headers.get(attribute);
    }

    private static String find(List<String> fileHeaders, String name, boolean exact) {
        for (String header : fileHeaders) {
            if (exact ? header.equals(name) : normalized(header).equals(normalized(name))) {
                return header;
            }
        }
        return null;
    }

    private static String normalized(String name) {
        return name.replaceAll("[\\s_-]", "").toLowerCase(Locale.ROOT);
    }
}
