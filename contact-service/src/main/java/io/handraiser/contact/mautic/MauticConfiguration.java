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
@EnableConfigurationProperties(MauticProperties.class)
public class MauticConfiguration {

    /**
     * Mautic sends no bearer token, so its path gets a chain of its own, ahead of the service's token chain: open
     * to the network, and the controller admits a delivery only with a valid {@code Webhook-Signature}.
     */
    @Bean
    @Order(1)
    public SecurityFilterChain mauticWebhookSecurity(HttpSecurity http) throws Exception {
        return http.securityMatcher("/api/integrations/mautic/**")
                   .csrf(AbstractHttpConfigurer::disable)
                   .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                   .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                   .build();
    }
}
