package io.handraiser.contact.mautic;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The Mautic webhook events Handraiser understands, by the type names Mautic keys its payloads with. */
enum MauticEventType {
    CONTACT_IDENTIFIED("mautic.lead_post_save_new"),
    CONTACT_UPDATED("mautic.lead_post_save_update"),
    POINTS_CHANGED("mautic.lead_points_change"),
    PAGE_HIT("mautic.page_on_hit"),
    FORM_SUBMITTED("mautic.form_on_submit"),
    EMAIL_OPENED("mautic.email_on_open"),
    EMAIL_SENT("mautic.email_on_send"),
    CHANNEL_SUBSCRIPTION_CHANGED("mautic.lead_channel_subscription_changed"),
    CONTACT_DELETED("mautic.lead_post_delete");

    private static final Map<String, MauticEventType> BY_NAME = Arrays.stream(values())
                                                                      .collect(Collectors.toUnmodifiableMap(type -> type.wireName, Function.identity()));

    private final String wireName;

    MauticEventType(String wireName) {
        this.wireName = wireName;
    }

    String wireName() {
        return wireName;
    }

    static Optional<MauticEventType> named(String wireName) {
        return Optional.ofNullable(BY_NAME.get(wireName));
    }
}
