package io.handraiser.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** Bearer tokens as the services accept them in development: HS256 with the development secret, a roles claim. */
public final class TestTokens {

    public static final String DEVELOPMENT_SECRET = "handraiser-development-secret-not-for-production-use";

    private TestTokens() {
    }

    public static String bearer(String subject, String... roles) {
        return "Bearer " + signed(DEVELOPMENT_SECRET, subject, Instant.now().plusSeconds(3600), roles);
    }

    public static String signed(String secret, String subject, Instant expiresAt, String... roles) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject).claim("roles", List.of(roles))
                                                        .issueTime(new Date()).expirationTime(Date.from(expiresAt)).build();
        try {
            SignedJWT token = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            token.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
            return token.serialize();
        } catch (JOSEException e) {
            throw new IllegalArgumentException("cannot sign HS256 with a secret shorter than 32 bytes", e);
        }
    }
}
