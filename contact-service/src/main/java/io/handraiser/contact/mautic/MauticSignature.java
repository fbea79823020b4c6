package io.handraiser.contact.mautic;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Mautic signs the raw body of every delivery: base64 of HMAC-SHA256 with the webhook's secret, in the
 * {@code Webhook-Signature} header. Only that proves a delivery came from the Mautic that knows the secret.
 */
final class MauticSignature {

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    /** @param secret null or blank when none is configured: then nothing verifies */
    MauticSignature(String secret) {
        this.key = secret == null || secret.isBlank() ? null : new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    boolean configured() {
        return key != null;
    }

    boolean verifies(byte[] body, String signature) {
        if (key == null) {
            return false;
        }
        Mac mac = begin();
        mac.update(body);
        return matches(mac.doFinal(), signature);
    }

    /** A MAC to feed the body into as it is read, so the body is never read twice nor held only to be signed. */
    Mac begin() {
        if (key == null) {
            throw new IllegalStateException("no secret is configured");
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** @param digest the MAC of the whole body, from {@link #begin()} */
    boolean matches(byte[] digest, String signature) {
        if (key == null || signature == null || signature.isBlank()) {
            return false;
        }
        byte[] offered;
        try {
            offered = Base64.getDecoder().decode(signature.trim());
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        // constant time, so the comparison leaks nothing about how much of a forged signature was right
        return MessageDigest.isEqual(digest, offered);
    }
}
