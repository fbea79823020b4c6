package io.handraiser.handoff;

import io.handraiser.testsupport.ServiceApi;

/** The handoff API (or, in the journey tests, contact-service's) as a client sees it, its event stream included. */
public final class Api extends ServiceApi {

    public Api(int port) {
        super(port);
    }

    /** Opens a server-sent-events stream and returns once the response's headers are in. */
    public EventStream stream(String path, String role, String subject) {
        return EventStream.open(http(), authorized(path, role, subject).GET().header("Accept", "text/event-stream").build());
    }
}
