package io.handraiser.contact.mautic;

import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * A contact as Mautic serializes it into webhook payloads: its Mautic id and its fields, which Mautic groups as
 * {@code fields.<group>.<alias>.value} (groups core, social, personal, professional; custom fields in any of
 * them), sometimes also flat under {@code fields.all.<alias>}, and as an empty array when a contact has none.
 */
record MauticContact(String mauticId, JsonNode fields) {

    private static final List<String> EMAIL_ALIASES = List.of("email");

    static MauticContact of(JsonNode contact) {
        if (contact == null || !contact.isObject()) {
            return null;
        }
        return new MauticContact(scalar(contact.get("id")), contact.path("fields"));
    }

    String email() {
        return field(EMAIL_ALIASES);
    }

    /** The first of {@code aliases} with a value, wherever Mautic grouped it. */
    String field(List<String> aliases) {
        for (String alias : aliases) {
            String value = field(alias);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private String field(String alias) {
        if (!fields.isObject()) {
            return null;
        }
        String flat = scalar(fields.path("all").get(alias));
        if (flat != null) {
            return flat;
        }
        for (Map.Entry<String, JsonNode> group : fields.properties()) {
            JsonNode field = group.getValue().get(alias);
            if (field != null && field.isObject()) {
                String value = scalar(field.get("value"));
                if (value != null) {
                    return value;
                }
            }
        }
        return null;
    }

    /** Text of a string, number or boolean; null for null, blank, absent or structured values. */
    static String scalar(JsonNode node) {
        if (node == null || !(node.isString() || node.isNumber() || node.isBoolean())) {
            return null;
        }
        String text = node.asString();
        return text.isBlank() ? null : text.trim();
    }
}
