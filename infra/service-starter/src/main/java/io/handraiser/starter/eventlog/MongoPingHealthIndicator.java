package io.handraiser.starter.eventlog;

import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Boot's MongoDB health check sends {@code hello}, which the embedded server does not answer; {@code ping} is
 * understood by every MongoDB and by the embedded server alike.
 */
public final class MongoPingHealthIndicator extends AbstractHealthIndicator {

    private final MongoDatabase eventLog;
    private final MongoDatabase serviceDatabase;

    public MongoPingHealthIndicator(MongoDatabase eventLog, MongoDatabase serviceDatabase) {
        this.eventLog = eventLog;
        this.serviceDatabase = serviceDatabase;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        eventLog.runCommand(new Document("ping", 1));
        serviceDatabase.runCommand(new Document("ping", 1));
        builder.up().withDetail("eventLog", eventLog.getName()).withDetail("database", serviceDatabase.getName());
    }
}
