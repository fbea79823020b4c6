package io.handraiser.contact.imports;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a CSV file holds, and its columns. A column is found by its header, matched to the attribute's name
 * ignoring case, spaces, dashes and underscores ({@code First Name} is {@code firstName}), unless the upload
 * maps the attribute to another header ({@code map.firstName=Vorname}).
 */
public enum ImportKind {

    CONTACTS("contacts", List.of(
            Column.required("email"), Column.optional("firstName"), Column.optional("lastName"), Column.optional("company"),
            Column.optional("jobTitle"), Column.optional("industry"), Column.optional("companySize"), Column.optional("country"),
            Column.optional("phone"), Column.optional("stage"), Column.optional("sourceSystem"), Column.optional("campaign"))),

    ENGAGEMENTS("engagements", List.of(
            Column.optional("email"), Column.optional("contactId"), Column.optional("engagementId"), Column.required("type"),
            Column.required("occurredAt"), Column.optional("url"), Column.optional("asset"), Column.optional("campaign"),
            Column.optional("form"), Column.optional("sourceSystem")));

    private final String pathName;
    private final List<Column> columns;

    ImportKind(String pathName, List<Column> columns) {
        this.pathName = pathName;
        this.columns = columns;
    }

    public String pathName() {
        return pathName;
    }

    List<Column> columns() {
        return columns;
    }

    static Optional<ImportKind> named(String pathName) {
        return Arrays.stream(values()).filter(kind -> kind.pathName.equals(pathName)).findFirst();
    }

    record Column(String attribute, boolean required) {
        static Column required(String attribute) {
            return new Column(attribute, true);
        }

        static Column optional(String attribute) {
            return new Column(attribute, false);
        }
    }
}
