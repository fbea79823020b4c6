package io.handraiser.starter.eventlog;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/** Gives every service's MongoDB client {@link MongoTimeouts}, so that a MongoDB outage is a quick 503, not a hang. */
@AutoConfiguration(before = MongoAutoConfiguration.class)
@EnableConfigurationProperties(MongoTimeouts.class)
public class MongoTimeoutsAutoConfiguration {

    /** First of the customizers, so that Boot's, which applies the connection string, overrides it option by option. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    public MongoClientSettingsBuilderCustomizer mongoTimeouts(MongoTimeouts timeouts) {
        return timeouts::applyTo;
    }
}
