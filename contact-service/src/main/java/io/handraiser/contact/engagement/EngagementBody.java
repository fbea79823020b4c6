package io.handraiser.contact.engagement;

import io.handraiser.contact.capture.ContactRequests.SourceBody;
import io.handraiser.contract.contact.ContactId;
import io.handraiser.contract.contact.EngagementDetail;
import io.handraiser.contract.contact.EngagementType;
import io.handraiser.contract.contact.RecordEngagement;
import io.handraiser.contract.contact.Source;
import io.handraiser.starter.web.Fields;

import java.time.Instant;

/**
 * One engagement as a source system reports it. In a batch, {@code contactId} or {@code email} addresses the
 * contact; on {@code /api/contacts/{id}/engagements} the path does. Type and time arrive as text and are parsed
 * here, so that in a batch one item's unknown type is that item's error and not the whole batch's.
 */
public record EngagementBody(String contactId, String email, String engagementId, String type,
                             String occurredAt, DetailBody detail, SourceBody source) {

    public record DetailBody(String url, String asset, String campaign, String form) {
    }

    RecordEngagement toCommand(ContactId contact, Fields fields) {
        EngagementDetail details = detail == null ? null
                : fields.value("detail", () -> new EngagementDetail(detail.url(), detail.asset(), detail.campaign(), detail.form()));
        Source from = source == null ? null : source.toSource(fields, "source");
        if (engagementId == null || engagementId.isBlank()) {
            fields.reject("engagementId", "engagementId is required: the source's id makes retries safe");
        }
        EngagementType kind = fields.value("type", this::engagementType);
        Instant when = fields.value("occurredAt", () -> Instant.parse(occurredAt));
        fields.check();
        RecordEngagement command = fields.value("engagement", () -> new RecordEngagement(contact, engagementId, kind, when, details, from));
        fields.check();
        return command;
    }

    private EngagementType engagementType() {
        if (type == null) {
            throw new IllegalArgumentException("type is required");
        }
        if (type.matches("[A-Z][A-Z0-9_]{0,63}") && EngagementType.of(type).isBuiltIn()) {
            return EngagementType.of(type);
        }
        throw new IllegalArgumentException("type must be one of " + EngagementType.builtIn() + ", not '" + type + "'");
    }
}
