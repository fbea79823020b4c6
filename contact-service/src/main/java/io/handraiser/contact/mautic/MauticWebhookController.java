package io.handraiser.contact.mautic;

import io.handraiser.contact.mautic.MauticIngestion.Result;
import io.handraiser.starter.web.BadRequest;
import io.handraiser.starter.web.FieldError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Where a Mautic webhook points: {@code POST /api/integrations/mautic/webhook}. No token: Mautic cannot send one.
 * What authenticates a delivery is its {@code Webhook-Signature}, checked over the raw body before anything is
 * read from it. A delivery is an object keyed by event type, each an array of events (one in Mautic's real-time
 * mode, many in its background mode), plus the delivery's {@code timestamp}.
 */
@RestController
public class MauticWebhookController {

    static final String PATH = "/api/integrations/mautic/webhook";
    private static final String TIMESTAMP = "timestamp";
    private static final Logger log = LoggerFactory.getLogger(MauticWebhookController.class);

    private final MauticSignature signature;
    private final MauticIngestion ingestion;
    private final JsonMapper json;

    public MauticWebhookController(MauticProperties properties, MauticIngestion ingestion, JsonMapper json) {
        this.signature = new MauticSignature(properties.secret());
        this.ingestion = ingestion;
        this.json = json;
        if (!signature.configured()) {
            log.warn("Mautic webhooks are refused: set handraiser.integrations.mautic.secret to the webhook's secret to accept them");
        }
    }

    @PostMapping(PATH)
    public Receipt receive(@RequestHeader(name = "Webhook-Signature", required = false) String offered,
                           @RequestBody(required = false) byte[] body) {
        byte[] raw = body == null ? new byte[0] : body;
        checkSignature(raw, offered);
        JsonNode delivery = parse(raw);
        List<Pending> pending = validate(delivery);

        List<Result> results = new ArrayList<>(pending.size());
        for (Pending event : pending) {
            results.add(event.type() == null ? ingestion.unknownType(event.event().type())
                                             : ingestion.ingest(event.type(), event.event()));
        }
        Map<MauticOutcome, Integer> outcomes = new EnumMap<>(MauticOutcome.class);
        results.forEach(result -> outcomes.merge(result.outcome(), 1, Integer::sum));
        return new Receipt(results.size(), outcomes, results);
    }

    private void checkSignature(byte[] body, String offered) {
        if (!signature.configured()) {
            throw unauthorized("Mautic webhooks are not enabled here: no secret is configured "
                               + "(handraiser.integrations.mautic.secret), so no signature can be checked");
        }
        if (offered == null || offered.isBlank()) {
            throw unauthorized("the Webhook-Signature header is missing: Mautic signs every delivery with the webhook's secret");
        }
        if (!signature.verifies(body, offered)) {
            throw unauthorized("the Webhook-Signature does not match the body: check that the webhook's secret in Mautic "
                               + "is the one configured here");
        }
    }

    private JsonNode parse(byte[] body) {
        try {
            return json.readTree(body);
        } catch (JacksonException unreadable) {
            throw BadRequest.field("body", "a Mautic delivery is a JSON object: " + unreadable.getOriginalMessage());
        }
    }

    /** Every event type's value must be an array of event objects; one malformed part refuses the whole delivery. */
    private static List<Pending> validate(JsonNode delivery) {
        if (delivery == null || !delivery.isObject()) {
            throw BadRequest.field("body", "a Mautic delivery is a JSON object keyed by event type");
        }
        String deliveryTimestamp = MauticContact.scalar(delivery.get(TIMESTAMP));
        List<FieldError> errors = new ArrayList<>();
        List<Pending> pending = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : delivery.properties()) {
            String typeName = entry.getKey();
            if (typeName.equals(TIMESTAMP)) {
                continue;
            }
            MauticEventType type = MauticEventType.named(typeName).orElse(null);
            JsonNode events = entry.getValue();
            if (!events.isArray()) {
                if (type != null) {
                    errors.add(new FieldError(typeName, "must be an array of events"));
                } else {
                    pending.add(new Pending(null, new MauticEvent(typeName, events, deliveryTimestamp)));
                }
                continue;
            }
            for (int index = 0; index < events.size(); index++) {
                JsonNode event = events.get(index);
                if (type != null && !event.isObject()) {
                    errors.add(new FieldError(typeName + "[" + index + "]", "must be an event object"));
                } else {
                    pending.add(new Pending(type, new MauticEvent(typeName, event, deliveryTimestamp)));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw BadRequest.of(errors);
        }
        return pending;
    }

    private static ErrorResponseException unauthorized(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, detail);
        problem.setTitle("Signature refused");
        return new ErrorResponseException(HttpStatus.UNAUTHORIZED, problem, null);
    }

    /** @param type null for an event type Handraiser does not handle */
    private record Pending(MauticEventType type, MauticEvent event) {
    }

    /**
     * @param received every event in the delivery
     * @param outcomes how many had each outcome
     * @param events   each event's outcome, in the order of the delivery
     */
    public record Receipt(int received, Map<MauticOutcome, Integer> outcomes, List<Result> events) {
    }
}
