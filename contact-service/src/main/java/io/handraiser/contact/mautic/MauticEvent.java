package io.handraiser.contact.mautic;

import tools.jackson.databind.JsonNode;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;

/**
 * One event of a Mautic delivery.
 *
 * @param type              the key Mautic filed it under, e.g. {@code mautic.page_on_hit}
 * @param body              the event object
 * @param deliveryTimestamp the delivery's top-level {@code timestamp}, for events that carry none of their own
 */
record MauticEvent(String type, JsonNode body, String deliveryTimestamp) {

    private static final DateTimeFormatter MAUTIC_DATABASE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** When Mautic queued the event; a retry carries the stored payload, so the same value. */
    String timestamp() {
        String own = MauticContact.scalar(body.get("timestamp"));
        return own != null ? own : deliveryTimestamp;
    }

    /**
     * The key that makes a retried event a duplicate: type, the ids Mautic gave the event, its timestamp, and a
     * digest of the event itself, because two saves of one contact within the second share id and timestamp
     * while their fields differ. A retry resends the payload Mautic stored, so the digest is the same.
     */
    String key(String ids, byte[] canonicalBody) {
        return type + ":" + ids + ":" + (timestamp() == null ? "" : timestamp()) + ":" + digest(canonicalBody);
    }

    /** The first of {@code candidates} that reads as a time: ISO-8601 with or without offset, or Mautic's database format (UTC). */
    static Instant instant(String... candidates) {
        for (String candidate : candidates) {
            if (candidate == null) {
                continue;
            }
            try {
                return OffsetDateTime.parse(candidate).toInstant();
            } catch (DateTimeParseException notWithOffset) {
                try {
                    return Instant.parse(candidate);
                } catch (DateTimeParseException notInstant) {
                    try {
                        return LocalDateTime.parse(candidate, MAUTIC_DATABASE_TIME).toInstant(ZoneOffset.UTC);
                    } catch (DateTimeParseException unreadable) {
                        // try the next candidate
                    }
                }
            }
        }
        return null;
    }

    private static String digest(byte[] body) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
