package io.handraiser.gateway.devtokens;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.handraiser.gateway.access.JwtProperties;
import io.handraiser.gateway.access.Roles;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Mints a token per role for trying the API on a laptop, signed with the gateway's HS256 secret (the one the
 * launcher hands every service). It exists only with the {@code dev} profile: anyone who can reach it can become
 * admin, so it must never run where the gateway faces anyone.
 */
@RestController
@Profile("dev")
class DevelopmentTokenController {

    static final Duration VALIDITY = Duration.ofHours(12);

    private final byte[] key;
    private final Clock clock = Clock.systemUTC();

    DevelopmentTokenController(JwtProperties jwt) {
        if (!jwt.signedWithSecret()) {
            throw new IllegalStateException("the dev profile mints HS256 tokens, which a gateway configured with "
                                            + "issuer-uri or jwk-set-uri would refuse: run dev without them");
        }
        this.key = jwt.hs256Key();
    }

    @GetMapping("/dev/tokens/{role}")
    DevelopmentToken token(@PathVariable String role) {
        if (!Roles.ALL.contains(role)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no role '" + role + "'; roles are " + String.join(", ", Roles.ALL));
        }
        Instant now = clock.instant();
        Instant expiresAt = now.plus(VALIDITY);
        String subject = "dev-" + role;
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject).issuer("handraiser-local")
                                                        .claim(Roles.CLAIM, List.of(role))
                                                        .issueTime(Date.from(now)).expirationTime(Date.from(expiresAt)).build();
        try {
            SignedJWT token = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            token.sign(new MACSigner(key));
            return new DevelopmentToken(role, subject, expiresAt, token.serialize());
        } catch (JOSEException e) {
            throw new IllegalStateException("the configured secret cannot sign HS256 tokens", e);
        }
    }

    /** @param token use as {@code Authorization: Bearer <token>} */
    record DevelopmentToken(String role, String subject, Instant expiresAt, String token) {
    }
}
