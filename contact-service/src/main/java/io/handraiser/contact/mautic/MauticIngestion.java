package io.handraiser.contact.mautic;

import io.handraiser.contact.capture.ContactCapture;
import io.handraiser.contact.mautic.ProfileMapping.Mapped;
import io.handraiser.contract.contact.ContactId;
import io.handraiser.contract.contact.Email;
import io.handraiser.contract.contact.EngagementDetail;
import io.handraiser.contract.contact.EngagementType;
import io.handraiser.contract.contact.RecordEngagement;
import io.handraiser.contract.contact.Source;
import io.handraiser.contract.shared.Actor;
import io.handraiser.contract.shared.RuleViolation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns each Mautic event into contact-service's own commands. Contact events (identified, updated, points)
 * capture the contact or bring its profile up to date; activity events (page hit, form, e-mail open,
 * unsubscribe, bounce) record an engagement, capturing the contact first if Handraiser does not know it yet.
 * Mautic's points are not imported: Handraiser scores fit and engagement itself, and a points change only
 * carries the contact's current fields.
 */
@Component
class MauticIngestion {

    static final String METER = "handraiser.integrations.mautic.events";
    private static final String UNKNOWN = "unknown";
    /** Integrations act as the system, never as a person: nobody's token stands behind a webhook. */
    private static final MetaData SENT_AS = MetaData.with(Actor.META_DATA_KEY, Actor.system("mautic-webhook", null));

    private final CommandGateway commands;
    private final ContactCapture capture;
    private final MauticLinks links;
    private final MauticDeliveries deliveries;
    private final ProfileMapping profiles;
    private final MauticProperties properties;
    private final Source source;
    private final JsonMapper json;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    MauticIngestion(CommandGateway commands, ContactCapture capture, MauticLinks links, MauticDeliveries deliveries,
                    MauticProperties properties, JsonMapper json, Clock clock, MeterRegistry meters) {
        this.commands = commands;
        this.capture = capture;
        this.links = links;
        this.deliveries = deliveries;
        this.profiles = new ProfileMapping(properties.fields());
        this.properties = properties;
        this.source = Source.of(properties.sourceSystem());
        this.json = json;
        this.clock = clock;
        this.meters = meters;
    }

    Result unknownType(String type) {
        count(UNKNOWN, MauticOutcome.UNKNOWN_TYPE);
        return new Result(type, MauticOutcome.UNKNOWN_TYPE, null, "Handraiser does not handle this event type");
    }

    Result ingest(MauticEventType type, MauticEvent event) {
        String key = event.key(ids(type, event.body()), json.writeValueAsBytes(event.body()));
        Result result;
        if (deliveries.handled(key)) {
            result = new Result(event.type(), MauticOutcome.DUPLICATE, null, "handled before");
        } else {
            result = handle(type, event);
            deliveries.markHandled(key, event.type(), result.outcome().name(), clock.instant());
        }
        count(event.type(), result.outcome());
        return result;
    }

    private Result handle(MauticEventType type, MauticEvent event) {
        try {
            return switch (type) {
                case CONTACT_IDENTIFIED, CONTACT_UPDATED, POINTS_CHANGED -> syncContact(event);
                case PAGE_HIT -> pageHit(event);
                case FORM_SUBMITTED -> formSubmission(event);
                case EMAIL_OPENED -> emailOpen(event);
                case EMAIL_SENT -> emailSent(event);
                case CHANNEL_SUBSCRIPTION_CHANGED -> subscriptionChange(event);
                case CONTACT_DELETED -> contactDeleted(event);
            };
        } catch (IllegalArgumentException bad) {
            return new Result(event.type(), MauticOutcome.REJECTED, null, bad.getMessage());
        } catch (RuleViolation refused) {
            return new Result(event.type(), MauticOutcome.REFUSED, null, refused.rule() + ": " + refused.getMessage());
        }
    }

    private Result syncContact(MauticEvent event) {
        MauticContact contact = contactOf(event.body());
        if (contact == null || contact.email() == null) {
            return new Result(event.type(), MauticOutcome.IGNORED, null, "the contact has no email: Mautic knows it as a visitor only");
        }
        Resolved resolved = capture(contact);
        return new Result(event.type(), MauticOutcome.CONTACT_SYNCED, resolved.contact().toString(), resolved.note());
    }

    private Result pageHit(MauticEvent event) {
        JsonNode hit = event.body().path("hit");
        EngagementDetail detail = new EngagementDetail(text(hit, "url"), null, null, null);
        return engagement(event, MauticContact.of(hit.get("lead")), EngagementType.PAGE_VIEW,
                          "mautic:page-hit:" + required(hit, "id", "hit.id"), detail,
                          MauticEvent.instant(text(hit, "dateHit"), event.timestamp()));
    }

    private Result formSubmission(MauticEvent event) {
        JsonNode submission = event.body().path("submission");
        JsonNode form = submission.path("form");
        String alias = text(form, "alias");
        EngagementType type = alias == null ? EngagementType.FORM_SUBMITTED
                : properties.formEngagements().getOrDefault(alias, EngagementType.FORM_SUBMITTED);
        String formName = text(form, "name") != null ? text(form, "name") : alias;
        EngagementDetail detail = new EngagementDetail(text(submission, "referer"), null, null, formName);
        return engagement(event, MauticContact.of(submission.get("lead")), type,
                          "mautic:form-submission:" + required(submission, "id", "submission.id"), detail,
                          MauticEvent.instant(text(submission, "dateSubmitted"), event.timestamp()));
    }

    /**
     * Mautic sends an open as the e-mail's send statistic ({@code stat}, with the contact under {@code lead});
     * its documentation describes the send event's shape (e-mail and contact at the top). Both are read. One
     * send can be opened many times, so the statistic's id and the event's time make the engagement id.
     */
    private Result emailOpen(MauticEvent event) {
        JsonNode stat = event.body().has("stat") ? event.body().path("stat") : event.body();
        JsonNode contactNode = stat.has("lead") ? stat.get("lead") : stat.get("contact");
        String statId = text(stat, "id") != null ? text(stat, "id") : text(stat, "idHash");
        if (statId == null) {
            throw new IllegalArgumentException("stat.id is required: it identifies the e-mail sent");
        }
        Instant openedAt = MauticEvent.instant(text(stat, "lastOpened"), text(stat, "dateRead"), event.timestamp());
        EngagementDetail detail = new EngagementDetail(null, text(stat.path("email"), "name"), null, null);
        return engagement(event, MauticContact.of(contactNode), EngagementType.EMAIL_OPENED,
                          "mautic:email-open:" + statId + ":" + (event.timestamp() == null ? "" : event.timestamp()), detail, openedAt);
    }

    /** Sending is Mautic's action, not the contact's: it only makes sure the addressee is a known contact. */
    private Result emailSent(MauticEvent event) {
        MauticContact contact = contactOf(event.body());
        if (contact == null || contact.email() == null) {
            return new Result(event.type(), MauticOutcome.IGNORED, null, "the addressee has no email");
        }
        ContactId known = links.contact(contact.mauticId()).orElse(null);
        if (known != null) {
            return new Result(event.type(), MauticOutcome.IGNORED, known.toString(), "an e-mail sent is not the contact's engagement");
        }
        Resolved resolved = capture(contact);
        return new Result(event.type(), MauticOutcome.CONTACT_SYNCED, resolved.contact().toString(), resolved.note());
    }

    /**
     * Unsubscribing (by the contact, or marked by a marketer) and bouncing are negative signals for scoring; a
     * return to contactable is no engagement.
     */
    private Result subscriptionChange(MauticEvent event) {
        String status = text(event.body(), "new_status");
        String channel = text(event.body(), "channel");
        EngagementType type = switch (status == null ? "" : status.toLowerCase(Locale.ROOT)) {
            case "unsubscribed", "manual" -> EngagementType.UNSUBSCRIBED;
            case "bounced" -> EngagementType.EMAIL_BOUNCED;
            default -> null;
        };
        if (type == null) {
            return new Result(event.type(), MauticOutcome.IGNORED, null, "new status '" + status + "' is no engagement");
        }
        MauticContact contact = contactOf(event.body());
        String engagementId = "mautic:subscription:" + (contact == null ? "" : contact.mauticId()) + ":" + channel + ":" + status
                              + ":" + (event.timestamp() == null ? "" : event.timestamp());
        return engagement(event, contact, type, engagementId, EngagementDetail.none(), MauticEvent.instant(event.timestamp()));
    }

    /**
     * Mautic deletes contacts for many reasons (clean-up, merging duplicates), and erasure destroys personal data
     * for good; so a deletion in Mautic only drops the link, and erasure stays a person's decision at
     * {@code DELETE /api/contacts/{id}}.
     */
    private Result contactDeleted(MauticEvent event) {
        String mauticId = text(event.body(), "id");
        ContactId linked = links.contact(mauticId).orElse(null);
        links.unlink(mauticId);
        return new Result(event.type(), MauticOutcome.UNLINKED, linked == null ? null : linked.toString(),
                          "Mautic deleted its contact " + mauticId + "; erase ours with DELETE /api/contacts/{id} if the person asked to be forgotten");
    }

    private Result engagement(MauticEvent event, MauticContact contact, EngagementType type, String engagementId,
                              EngagementDetail detail, Instant occurredAt) {
        Resolved resolved = resolve(contact);
        if (resolved == null) {
            return new Result(event.type(), MauticOutcome.IGNORED, null,
                              "an anonymous visitor: the contact has no email and no event linked its Mautic id before");
        }
        RecordEngagement record = new RecordEngagement(resolved.contact(), engagementId, type,
                                                       occurredAt != null ? occurredAt : clock.instant(), detail, source);
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(record).andMetaData(SENT_AS));
        return new Result(event.type(), MauticOutcome.RECORDED, resolved.contact().toString(), resolved.note());
    }

    /** The contact an activity belongs to: by its Mautic id when linked, else captured by its email. */
    private Resolved resolve(MauticContact contact) {
        if (contact == null) {
            return null;
        }
        ContactId linked = links.contact(contact.mauticId()).orElse(null);
        if (linked != null) {
            return new Resolved(linked, null);
        }
        return contact.email() == null ? null : capture(contact);
    }

    private Resolved capture(MauticContact contact) {
        Email email = new Email(contact.email());
        Mapped mapped = profiles.profile(contact);
        ContactId id = capture.capture(email, mapped.profile(), source, null, SENT_AS).contactId();
        links.link(contact.mauticId(), id);
        return new Resolved(id, mapped.skipped().isEmpty() ? null : "fields left out: " + String.join("; ", mapped.skipped()));
    }

    /** Contact events put the contact under {@code contact}; Mautic 2 used {@code lead}. */
    private static MauticContact contactOf(JsonNode body) {
        return MauticContact.of(body.has("contact") ? body.get("contact") : body.get("lead"));
    }

    private static String ids(MauticEventType type, JsonNode body) {
        return switch (type) {
            case CONTACT_IDENTIFIED, CONTACT_UPDATED, POINTS_CHANGED, EMAIL_SENT, CHANNEL_SUBSCRIPTION_CHANGED ->
                    "contact=" + idOf(body.has("contact") ? body.get("contact") : body.get("lead"));
            case PAGE_HIT -> "hit=" + text(body.path("hit"), "id");
            case FORM_SUBMITTED -> "submission=" + text(body.path("submission"), "id");
            case EMAIL_OPENED -> "stat=" + text(body.has("stat") ? body.path("stat") : body, "id");
            case CONTACT_DELETED -> "contact=" + text(body, "id");
        };
    }

    private static String idOf(JsonNode node) {
        return node == null ? null : MauticContact.scalar(node.get("id"));
    }

    private static String text(JsonNode node, String field) {
        return MauticContact.scalar(node.get(field));
    }

    private static String required(JsonNode node, String field, String path) {
        String value = text(node, field);
        if (value == null) {
            throw new IllegalArgumentException(path + " is required: it makes Mautic's retries safe");
        }
        return value;
    }

    private void count(String type, MauticOutcome outcome) {
        String known = MauticEventType.named(type).isPresent() ? type : UNKNOWN;
        counters.computeIfAbsent(known + "|" + outcome, ignored -> Counter.builder(METER)
                .description("Mautic webhook events received, by type and outcome")
                .tag("type", known).tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                .register(meters)).increment();
    }

    /** @param note what the caller may want to know, e.g. fields left out; null when nothing */
    private record Resolved(ContactId contact, String note) {
    }

    /** @param detail why, for outcomes other than a plain success */
    record Result(String type, MauticOutcome outcome, String contactId, String detail) {
    }
}
