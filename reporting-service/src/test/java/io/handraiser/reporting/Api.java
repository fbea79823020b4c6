package io.handraiser.reporting;

import io.handraiser.testsupport.ServiceApi;

/** The reporting API as a client sees it. */
final class Api extends ServiceApi {

    Api(int port) {
        super(port);
    }
}
