package io.handraiser.gateway.limits;

/** A body that outgrew its limit while streaming; the error handler answers 413 if nothing was sent yet. */
public class BodyTooLargeException extends RuntimeException {

    public BodyTooLargeException(long limit) {
        super("the request body is larger than the " + limit + " bytes this path accepts");
    }

    /** Raised per oversized request, always for the same reason: a stack trace says nothing. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
