package io.handraiser.gateway;

import io.handraiser.testsupport.TestTokens;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/** Bearer tokens for every case the gateway must tell apart: valid per role, and the ways a token can be bad. */
final class Tokens {

    private Tokens() {
    }

    static String valid(String subject, String... roles) {
        return TestTokens.bearer(subject, roles);
    }

    static String expired(String role) {
        return "Bearer " + TestTokens.signed(TestTokens.DEVELOPMENT_SECRET, "expired-" + role, Instant.now().minusSeconds(3600), role);
    }

    static String wronglySigned(String role) {
        return "Bearer " + TestTokens.signed("a-secret-that-is-not-the-gateways-but-long-enough", "forger", Instant.now().plusSeconds(3600), role);
    }

    /** An unsigned token ({@code alg: none}) that claims admin: accepting it would let anyone be anyone. */
    static String algNone() {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String header = base64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        long exp = Instant.now().plusSeconds(3600).getEpochSecond();
        String claims = base64.encodeToString(("{\"sub\":\"intruder\",\"roles\":[\"admin\"],\"exp\":" + exp + "}")
                                                      .getBytes(StandardCharsets.UTF_8));
        return "Bearer " + header + "." + claims + ".";
    }
}
