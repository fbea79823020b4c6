package io.handraiser.contact.imports;

import io.handraiser.contact.capture.EmailClaims;
import io.handraiser.contract.contact.ContactId;
import io.handraiser.contract.contact.Email;
import io.handraiser.contract.contact.EngagementDetail;
import io.handraiser.contract.contact.EngagementType;
import io.handraiser.contract.contact.RecordEngagement;
import io.handraiser.contract.contact.Source;
import io.handraiser.starter.web.BadRequest;
import io.handraiser.starter.web.Fields;
import org.apache.commons.csv.CSVRecord;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * An engagements file: one engagement per row, for a contact named by {@code contactId} or {@code email} (the
 * contact must exist: import contacts first). A row without an {@code engagementId} gets one derived from
 * its contact, type, time and detail, so importing the file again records nothing twice.
 */
final class EngagementRows implements RowReader {

    private static final int MAX_ENGAGEMENT_ID = 200;

    private final ColumnMapping columns;
    private final EmailClaims claims;
    private final CommandGateway commands;

    EngagementRows(ColumnMapping columns, EmailClaims claims, CommandGateway commands) {
        this.columns = columns;
        this.claims = claims;
        this.commands = commands;
    }

    @Override
    public Prepared prepare(CSVRecord record) {
        Fields fields = new Fields();
        String contactCell = cell(record, "contactId");
        String emailCell = cell(record, "email");
        ContactId contactId = contactCell == null ? null : fields.value(columns.header("contactId"), () -> ContactId.of(contactCell));
        Email email = contactCell != null || emailCell == null ? null : fields.value(columns.header("email"), () -> new Email(emailCell));
        if (contactCell == null && emailCell == null) {
            fields.reject(columns.header("email") != null ? columns.header("email") : columns.header("contactId"),
                          "name the contact by email or contactId");
        }
        String typeCell = cell(record, "type");
        EngagementType type = fields.value(columns.header("type"), () -> type(typeCell));
        String occurredCell = cell(record, "occurredAt");
        Instant occurredAt = fields.value(columns.header("occurredAt"), () -> instant(occurredCell));
        String url = detailCell(record, "url", fields);
        String asset = detailCell(record, "asset", fields);
        String campaign = detailCell(record, "campaign", fields);
        String form = detailCell(record, "form", fields);
        String system = cell(record, "sourceSystem");
        Source source = fields.value(columns.header("sourceSystem"), () -> Source.of(system == null ? ContactRows.DEFAULT_SOURCE : system));
        String engagementCell = cell(record, "engagementId");
        if (engagementCell != null && engagementCell.length() > MAX_ENGAGEMENT_ID) {
            fields.reject(columns.header("engagementId"), "engagementId is longer than " + MAX_ENGAGEMENT_ID + " characters");
        }
        EngagementDetail detail = new EngagementDetail(url, asset, campaign, form);
        if (type != null) {
            try {
                type.checkDetail(detail);
            } catch (IllegalArgumentException missing) {
                String attribute = type.equals(EngagementType.PAGE_VIEW) ? "url" : "asset";
                fields.reject(columns.header(attribute) != null ? columns.header(attribute) : attribute, missing.getMessage());
            }
        }
        if (!fields.errors().isEmpty()) {
            return new Invalid(fields.errors());
        }
        String addressee = contactId != null ? contactId.toString() : email.value();
        String key = engagementCell != null
                ? RowReader.digest("engagements", addressee, engagementCell)
                : RowReader.digest("engagements", addressee, type.name(), occurredAt.toString(), url, asset, campaign, form);
        String engagementId = engagementCell != null ? engagementCell : "csv:" + key.substring(key.indexOf(':') + 1, key.indexOf(':') + 41);
        return new Ready(key, sentAs -> {
            ContactId contact = contactId != null ? contactId : claims.owner(email).orElseThrow(() -> BadRequest.field(
                    columns.header("email"), "no contact has this email; import or capture the contact first"));
            try {
                commands.sendAndWait(GenericCommandMessage.asCommandMessage(
                        new RecordEngagement(contact, engagementId, type, occurredAt, detail, source)).andMetaData(sentAs));
            } catch (AggregateNotFoundException unknown) {
                throw BadRequest.field(columns.header("contactId"), "no contact has id " + contact);
            }
            return contact;
        });
    }

    private String cell(CSVRecord record, String attribute) {
        return RowReader.cell(record, columns.header(attribute));
    }

    private String detailCell(CSVRecord record, String attribute, Fields fields) {
        String value = cell(record, attribute);
        if (value == null) {
            return null;
        }
        EngagementDetail only = fields.value(columns.header(attribute), () -> switch (attribute) {
            case "url" -> new EngagementDetail(value, null, null, null);
            case "asset" -> new EngagementDetail(null, value, null, null);
            case "campaign" -> new EngagementDetail(null, null, value, null);
            default -> new EngagementDetail(null, null, null, value);
        });
        return only == null ? null : value;
    }

    private static EngagementType type(String value) {
        if (value == null) {
            throw new IllegalArgumentException("type is required");
        }
        String name = value.toUpperCase(Locale.ROOT);
        if (name.matches("[A-Z][A-Z0-9_]{0,63}") && EngagementType.of(name).isBuiltIn()) {
            return EngagementType.of(name);
        }
        throw new IllegalArgumentException("type must be one of " + EngagementType.builtIn() + ", not '" + value + "'");
    }

    private static Instant instant(String value) {
        if (value == null) {
            throw new IllegalArgumentException("occurredAt is required");
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException notIso) {
            throw new IllegalArgumentException("occurredAt must be an ISO-8601 time with offset, e.g. 2026-11-20T10:00:00Z, not '" + value + "'");
        }
    }
}
