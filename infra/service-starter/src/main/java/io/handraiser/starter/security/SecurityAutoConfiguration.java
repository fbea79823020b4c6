package io.handraiser.starter.security;

import io.handraiser.starter.HandraiserProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import tools.jackson.databind.json.JsonMapper;

import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;

/**
 * Every service checks the caller's token itself, even behind the gateway: a request that reaches a service
 * some other way is refused just the same.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableMethodSecurity
public class SecurityAutoConfiguration {

    /** Known to everyone who reads this repository: fine on a laptop, never in production. */
    public static final String DEVELOPMENT_SECRET = "handraiser-development-secret-not-for-production-use";

    private static final Logger log = LoggerFactory.getLogger(SecurityAutoConfiguration.class);

    @Bean
    public SecurityFilterChain handraiserSecurity(HttpSecurity http, JsonMapper json) throws Exception {
        ProblemAuthenticationHandlers problems = new ProblemAuthenticationHandlers(json);
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName(Roles.CLAIM);
        roles.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter authentication = new JwtAuthenticationConverter();
        authentication.setJwtGrantedAuthoritiesConverter(roles);
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus",
                                         "/v3/api-docs", "/v3/api-docs/**", "/error").permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(authentication))
                        .authenticationEntryPoint(problems.entryPoint())
                        .accessDeniedHandler(problems.accessDeniedHandler()))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(problems.entryPoint())
                        .accessDeniedHandler(problems.accessDeniedHandler()))
                .build();
    }

    /** Spring Security takes it for every request its firewall refuses. */
    @Bean
    @ConditionalOnMissingBean
    public RequestRejectedHandler problemForRejectedRequests(JsonMapper json) {
        return new ProblemAuthenticationHandlers(json).rejectedRequests();
    }

    @Bean
    @ConditionalOnMissingBean
    public JwtDecoder jwtDecoder(HandraiserProperties properties) {
        HandraiserProperties.Jwt jwt = properties.security().jwt();
        NimbusJwtDecoder decoder;
        if (jwt.jwkSetUri() != null) {
            decoder = NimbusJwtDecoder.withJwkSetUri(jwt.jwkSetUri()).build();
        } else if (jwt.issuerUri() != null) {
            return JwtDecoders.fromIssuerLocation(jwt.issuerUri());
        } else {
            String secret = jwt.secret();
            if (secret == null || secret.isBlank()) {
                log.warn("Validating tokens with the development secret: set handraiser.security.jwt.secret, "
                         + "issuer-uri or jwk-set-uri before this service faces anyone");
                secret = DEVELOPMENT_SECRET;
            }
            byte[] key = secret.getBytes(StandardCharsets.UTF_8);
            if (key.length < 32) {
                throw new IllegalStateException("handraiser.security.jwt.secret must be at least 32 bytes for HS256");
            }
            decoder = NimbusJwtDecoder.withSecretKey(new SecretKeySpec(key, "HmacSHA256")).macAlgorithm(MacAlgorithm.HS256).build();
        }
        if (jwt.issuerUri() != null) {
            decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(jwt.issuerUri())));
        }
        return decoder;
    }
}
