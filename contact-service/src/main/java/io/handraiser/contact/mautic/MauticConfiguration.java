package io.handraiser.contact.mautic;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

@Configuration
@EnableConfigurationProperties({MauticProperties.class, MauticWebhookProperties.class})
public class MauticConfiguration {

    /**
     * Mautic sends no bearer token, so its webhook gets a chain of its own, ahead of the service's token chain: open
     * to the network, and the controller admits a delivery only with a valid {@code Webhook-Signature}. The
     * deliveries' status is left to the token chain (admin).
     */
    @Bean
    @Order(1)
    public SecurityFilterChain mauticWebhookSecurity(HttpSecurity http) throws Exception {
        return http.securityMatcher(MauticWebhookController.PATH)
                   .csrf(AbstractHttpConfigurer::disable)
                   .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                   .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                   .build();
    }
}
