package io.handraiser.starter.eventlog;

import com.mongodb.MongoConnectionPoolClearedException;
import com.mongodb.MongoException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;

/**
 * Tells a MongoDB that is away (down, unreachable, electing a primary, out of connections) from one that answered and
 * refused what it was asked. What failed on the first succeeds when tried again once MongoDB is back; trying the
 * second again changes nothing.
 */
public final class MongoOutage {

    /** The driver's label for a write that failed in a way worth sending again; it has no constant for it. */
    private static final String RETRYABLE_WRITE_ERROR = "RetryableWriteError";

    private MongoOutage() {
    }

    /** Whether {@code failure} or one of its causes says MongoDB is away. */
    public static boolean causedBy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof MongoException mongo && away(mongo)) {
                return true;
            }
        }
        return false;
    }

    private static boolean away(MongoException failure) {
        return failure instanceof MongoTimeoutException                 // no reachable server, or no free connection, in time
               || failure instanceof MongoSocketException               // refused, reset, or no answer within the read timeout
               || failure instanceof MongoConnectionPoolClearedException // another operation just lost its connection
               || failure instanceof MongoNotPrimaryException
               || failure instanceof MongoNodeIsRecoveringException
               || failure.hasErrorLabel(RETRYABLE_WRITE_ERROR);
    }
}
