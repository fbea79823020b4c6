package io.handraiser.starter.eventlog;

import com.mongodb.MongoClientSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * How long a service waits on MongoDB before it gives up and answers 503. The driver's own defaults wait 30 s for a
 * reachable server, 2 minutes for a free connection and forever for an answer, so a request would hang long after
 * the gateway gave up on it. Options written in the connection string ({@code serverSelectionTimeoutMS},
 * {@code connectTimeoutMS}, {@code socketTimeoutMS}, {@code waitQueueTimeoutMS}) win over these.
 *
 * @param serverSelection how long an operation waits for a reachable server (a primary, for a write): the time to a
 *                        503 while MongoDB is down or a replica set elects a new primary
 * @param connect         how long opening a connection may take, TLS handshake included
 * @param read            how long one round trip may wait for MongoDB's answer; bounds an operation that was
 *                        sent to a server that then stopped answering. Longer than any single batch the services
 *                        send under load, so that a slow server is not taken for a dead one
 * @param connectionWait  how long an operation waits for a free connection of the pool when all are busy
 */
@ConfigurationProperties("handraiser.mongodb")
public record MongoTimeouts(@DefaultValue("2s") Duration serverSelection, @DefaultValue("5s") Duration connect,
                            @DefaultValue("10s") Duration read, @DefaultValue("10s") Duration connectionWait) {

    void applyTo(MongoClientSettings.Builder settings) {
        settings.applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(serverSelection.toMillis(), TimeUnit.MILLISECONDS))
                .applyToSocketSettings(socket -> socket.connectTimeout(connect.toMillis(), TimeUnit.MILLISECONDS)
                                                       .readTimeout(read.toMillis(), TimeUnit.MILLISECONDS))
                .applyToConnectionPoolSettings(pool -> pool.maxWaitTime(connectionWait.toMillis(), TimeUnit.MILLISECONDS));
    }
}
