package io.handraiser.gateway.access;

import io.handraiser.gateway.problem.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoders;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

import javax.crypto.spec.SecretKeySpec;

/**
 * Bearer tokens are checked here and again by each service: the gateway keeps callers without the right role away
 * from the services, and relays the token unchanged so that the service decides with the same identity.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    AccessTable accessTable(AccessProperties properties) {
        return new AccessTable(properties);
    }

    @Bean
    SecurityWebFilterChain gatewaySecurity(ServerHttpSecurity http, AccessTable access, ReactiveJwtDecoder decoder,
                                           Problems problems) {
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .authorizeExchange(exchanges -> exchanges.anyExchange().access(access))
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtDecoder(decoder).jwtAuthenticationConverter(rolesAsAuthorities()))
                        .authenticationEntryPoint(unauthenticated(problems))
                        .accessDeniedHandler(forbidden(access, problems)))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(unauthenticated(problems))
                        .accessDeniedHandler(forbidden(access, problems)))
                .build();
    }

    @Bean
    ReactiveJwtDecoder jwtDecoder(JwtProperties jwt) {
        if (jwt.jwkSetUri() != null && !jwt.jwkSetUri().isBlank()) {
            NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(jwt.jwkSetUri()).build();
            if (jwt.issuerUri() != null && !jwt.issuerUri().isBlank()) {
                decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(jwt.issuerUri())));
            }
            return decoder;
        }
        if (jwt.issuerUri() != null && !jwt.issuerUri().isBlank()) {
            return ReactiveJwtDecoders.fromIssuerLocation(jwt.issuerUri());
        }
        if (jwt.developmentSecretInUse()) {
            log.warn("Validating tokens with the development secret: set handraiser.security.jwt.secret "
                     + "(HANDRAISER_SECURITY_JWT_SECRET), issuer-uri or jwk-set-uri before this gateway faces anyone");
        }
        // Pinning HS256 refuses every other algorithm, 'none' included, whatever the token's header claims.
        return NimbusReactiveJwtDecoder.withSecretKey(new SecretKeySpec(jwt.hs256Key(), "HmacSHA256"))
                                       .macAlgorithm(MacAlgorithm.HS256).build();
    }

    private static ReactiveJwtAuthenticationConverterAdapter rolesAsAuthorities() {
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName(Roles.CLAIM);
        roles.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter authentication = new JwtAuthenticationConverter();
        authentication.setJwtGrantedAuthoritiesConverter(roles);
        return new ReactiveJwtAuthenticationConverterAdapter(authentication);
    }

    private static ServerAuthenticationEntryPoint unauthenticated(Problems problems) {
        return (exchange, failure) -> {
            boolean tokenSent = exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION);
            String detail = tokenSent ? "the bearer token was refused: " + failure.getMessage()
                                      : "send a bearer token in the Authorization header";
            String challenge = tokenSent ? "Bearer error=\"invalid_token\"" : "Bearer";
            return problems.write(exchange, HttpStatus.UNAUTHORIZED, "Unauthenticated", detail,
                                  headers -> headers.set(HttpHeaders.WWW_AUTHENTICATE, challenge));
        };
    }

    private static ServerAccessDeniedHandler forbidden(AccessTable access, Problems problems) {
        return (exchange, denied) -> {
            String call = exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath().value();
            var allowed = access.rolesAllowed(exchange);
            String detail = allowed.isEmpty()
                    ? "no access rule admits " + call + ": the gateway does not expose this path, or not with this method"
                    : "the token's roles do not allow " + call + "; it needs one of: " + String.join(", ", allowed);
            return problems.write(exchange, HttpStatus.FORBIDDEN, "Forbidden", detail);
        };
    }
}
