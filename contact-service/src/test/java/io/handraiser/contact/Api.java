package io.handraiser.contact;

import io.handraiser.testsupport.ServiceApi;

/** The contact API as a client sees it. */
final class Api extends ServiceApi {

    Api(int port) {
        super(port);
    }
}
