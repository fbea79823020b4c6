package io.handraiser.journey;

import io.handraiser.contact.ContactServiceApplication;
import io.handraiser.scoring.Api;
import io.handraiser.scoring.ScoringServiceApplication;
import io.handraiser.testsupport.ServicesOnOneLog;
import org.springframework.context.ConfigurableApplicationContext;

/** contact-service and scoring-service in this JVM on one event log, with the log polled briskly. */
final class TwoServices implements AutoCloseable {

    private final ServicesOnOneLog services;
    final ConfigurableApplicationContext contact;
    final ConfigurableApplicationContext scoring;

    TwoServices(String prefix) {
        services = new ServicesOnOneLog(prefix);
        contact = services.start(ContactServiceApplication.class, "contact", "--handraiser.event-log.fetch-delay=20ms");
        scoring = services.start(ScoringServiceApplication.class, "scoring-service", "--handraiser.event-log.fetch-delay=20ms",
                                 "--handraiser.scoring.deadline-poll-interval=100ms");
    }

    Api contactApi() {
        return new Api(ServicesOnOneLog.port(contact));
    }

    Api scoringApi() {
        return new Api(ServicesOnOneLog.port(scoring));
    }

    @Override
    public void close() {
        services.close();
    }
}
