package io.handraiser.gateway.access;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.charset.StandardCharsets;

/**
 * How bearer tokens are checked; the same properties, and so the same environment variables, as every service's, so
 * that the gateway and the services accept the same tokens. Without any of them the gateway accepts tokens signed
 * with the development secret, which everyone who reads this repository knows.
 *
 * @param secret     the shared HS256 secret, at least 32 bytes
 * @param issuerUri  an OpenID issuer: its keys are found through discovery and the {@code iss} claim must match
 * @param jwkSetUri  a JWK set to take the signing keys from
 */
@ConfigurationProperties("handraiser.security.jwt")
public record JwtProperties(String secret, String issuerUri, String jwkSetUri) {

    /** Known to everyone who reads this repository: fine on a laptop, never in production. */
    public static final String DEVELOPMENT_SECRET = "handraiser-development-secret-not-for-production-use";

    public boolean signedWithSecret() {
        return blank(issuerUri) && blank(jwkSetUri);
    }

    public boolean developmentSecretInUse() {
        return signedWithSecret() && blank(secret);
    }

    /** The HS256 key: the configured secret, else the development one. */
    public byte[] hs256Key() {
        byte[] key = (blank(secret) ? DEVELOPMENT_SECRET : secret).getBytes(StandardCharsets.UTF_8);
        if (key.length < 32) {
            throw new IllegalStateException("handraiser.security.jwt.secret must be at least 32 bytes for HS256");
        }
        return key;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
