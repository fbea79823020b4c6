package io.handraiser.handoff.journey;

import io.handraiser.contact.ContactServiceApplication;
import io.handraiser.handoff.Api;
import io.handraiser.handoff.HandoffServiceApplication;
import io.handraiser.testsupport.ServicesOnOneLog;
import org.springframework.context.ConfigurableApplicationContext;

/** contact-service and handoff-service in this JVM on one event log. */
final class TwoServices implements AutoCloseable {

    private final ServicesOnOneLog services;
    final ConfigurableApplicationContext contact;
    final ConfigurableApplicationContext handoff;

    /** @param handoffSettings further command-line settings of handoff-service */
    TwoServices(String prefix, String... handoffSettings) {
        services = new ServicesOnOneLog(prefix);
        contact = services.start(ContactServiceApplication.class, "contact");
        handoff = services.start(HandoffServiceApplication.class, "handoff", handoffSettings);
    }

    Api contactApi() {
        return new Api(ServicesOnOneLog.port(contact));
    }

    Api handoffApi() {
        return new Api(ServicesOnOneLog.port(handoff));
    }

    @Override
    public void close() {
        services.close();
    }
}
