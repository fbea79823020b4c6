package io.handraiser.scoring;

import io.handraiser.testsupport.ServiceApi;

/** The scoring API (or, in the journey tests, contact-service's) as a client sees it. */
public final class Api extends ServiceApi {

    public Api(int port) {
        super(port);
    }
}
