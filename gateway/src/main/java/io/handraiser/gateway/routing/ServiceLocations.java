package io.handraiser.gateway.routing;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.net.URI;

/**
 * Where each service answers. The routes in {@code application.yml} read these; binding them here fails the start
 * on a malformed address instead of the first request.
 *
 * @param contact      contact-service: contacts, engagements, qualification decisions, history
 * @param scoring      scoring-service: models and scores
 * @param handoff      handoff-service: the sales inbox, reps, routing rules
 * @param reporting    reporting-service: funnel reports, audit, dashboard
 * @param integrations the service that takes marketing automation's webhooks; contact-service until one of its
 *                     own exists, since capture and engagements are what the webhooks carry
 */
@Validated
@ConfigurationProperties("handraiser.services")
public record ServiceLocations(@NotNull URI contact, @NotNull URI scoring, @NotNull URI handoff,
                               @NotNull URI reporting, @NotNull URI integrations) {
}
