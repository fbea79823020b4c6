package io.handraiser.gateway.routing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Says at start where each service is expected, the first thing to check when a route answers 503. */
@Component
class RoutingReport {

    private static final Logger log = LoggerFactory.getLogger(RoutingReport.class);

    private final ServiceLocations services;

    RoutingReport(ServiceLocations services) {
        this.services = services;
    }

    @EventListener(ApplicationReadyEvent.class)
    void report() {
        log.info("Routing to contact-service at {}, scoring-service at {}, handoff-service at {}, reporting-service at {}, "
                 + "integrations at {}", services.contact(), services.scoring(), services.handoff(), services.reporting(),
                 services.integrations());
    }
}
