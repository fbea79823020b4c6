package io.handraiser.contact.mautic;

import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class MauticSignatureTest {

    private static final byte[] BODY = "{\"mautic.page_on_hit\":[],\"timestamp\":\"2026-11-20T10:30:00+00:00\"}".getBytes(StandardCharsets.UTF_8);

    private static String mauticSigns(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(body));
    }

    @Test
    void acceptsTheBase64HmacOfTheRawBodyWithTheSharedSecret() throws Exception {
        assertThat(new MauticSignature("s3cret").verifies(BODY, mauticSigns("s3cret", BODY))).isTrue();
    }

    @Test
    void refusesAnotherSecretAnotherBodyAndWhatIsNotASignature() throws Exception {
        MauticSignature signature = new MauticSignature("s3cret");

        assertThat(signature.verifies(BODY, mauticSigns("other", BODY))).isFalse();
        assertThat(signature.verifies("{}".getBytes(StandardCharsets.UTF_8), mauticSigns("s3cret", BODY))).isFalse();
        assertThat(signature.verifies(BODY, "%%%")).isFalse();
        assertThat(signature.verifies(BODY, "")).isFalse();
        assertThat(signature.verifies(BODY, null)).isFalse();
    }

    @Test
    void withoutASecretNothingVerifies() throws Exception {
        MauticSignature unconfigured = new MauticSignature(" ");

        assertThat(unconfigured.configured()).isFalse();
        assertThat(unconfigured.verifies(BODY, mauticSigns(" ", BODY))).isFalse();
    }
}
