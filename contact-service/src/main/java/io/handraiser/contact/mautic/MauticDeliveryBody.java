package io.handraiser.contact.mautic;

import io.handraiser.starter.web.BadRequest;
import io.handraiser.starter.web.FieldError;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A delivery as Mautic sends it: an object keyed by event type, each an array of events (one in Mautic's real-time
 * mode, many in its background mode), plus the delivery's {@code timestamp}. Read once when it arrives, to refuse a
 * malformed one with 400 and store nothing, and again by the worker that applies it.
 *
 * @param timestamp the delivery's own {@code timestamp}, null when it has none
 * @param events    every event, in the order of the delivery
 */
record MauticDeliveryBody(String timestamp, List<Pending> events) {

    static final String TIMESTAMP = "timestamp";

    static MauticDeliveryBody read(JsonMapper json, byte[] body) {
        JsonNode delivery;
        try {
            delivery = json.readTree(body);
        } catch (JacksonException unreadable) {
            throw BadRequest.field("body", "a Mautic delivery is a JSON object: " + unreadable.getOriginalMessage());
        }
        return validate(delivery);
    }

    /** Every event type's value must be an array of event objects; one malformed part refuses the whole delivery. */
    private static MauticDeliveryBody validate(JsonNode delivery) {
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
        return new MauticDeliveryBody(deliveryTimestamp, List.copyOf(pending));
    }

    /** @param type null for an event type Handraiser does not handle */
    record Pending(MauticEventType type, MauticEvent event) {
    }
}
