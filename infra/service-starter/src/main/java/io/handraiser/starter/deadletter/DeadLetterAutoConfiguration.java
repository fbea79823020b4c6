package io.handraiser.starter.deadletter;

import io.handraiser.starter.eventlog.EventLogAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/**
 * What every processing group parks (only events a handler refused: {@link ParkRefusedEvents}), counted by
 * {@link DeadLetterMetrics} and inspected and retried through {@link DeadLetterController}; and what becomes of a
 * failure no queue covers ({@link RetryWhileMongoAway}). The queues themselves come from
 * {@link EventLogAutoConfiguration}.
 */
@AutoConfiguration(after = {EventLogAutoConfiguration.class, AxonAutoConfiguration.class})
public class DeadLetterAutoConfiguration {

    /** Fresh enough for an alert on a scrape every 15 to 60 s. */
    private static final Duration COUNTS_FRESH_FOR = Duration.ofSeconds(10);

    /** A handler's failure is parked when the handler refused the event, and tried again when MongoDB was away. */
    @Bean
    public ConfigurerModule handlerFailures() {
        ParkRefusedEvents policy = new ParkRefusedEvents();
        RetryWhileMongoAway sagasAndOthers = new RetryWhileMongoAway();
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerDefaultDeadLetterPolicy(configuration -> policy)
                .registerDefaultListenerInvocationErrorHandler(configuration -> sagasAndOthers));
    }

    @Bean
    public DeadLetters deadLetters(EventProcessingConfiguration processing, MongoTemplate serviceMongoTemplate, Serializer serializer) {
        return new DeadLetters(processing, serviceMongoTemplate.deadLetterCollection(), serializer);
    }

    @Bean
    public DeadLetterMetrics deadLetterMetrics(DeadLetters deadLetters, MeterRegistry meterRegistry) {
        return new DeadLetterMetrics(deadLetters, meterRegistry, COUNTS_FRESH_FOR);
    }

    /** The processors, and with them the groups that dead-letter, exist once Axon has started. */
    @Bean
    public ApplicationListener<ApplicationReadyEvent> registerDeadLetterGauges(DeadLetterMetrics deadLetterMetrics) {
        return ready -> deadLetterMetrics.register();
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    static class Endpoint {

        @Bean
        public DeadLetterController deadLetterController(DeadLetters deadLetters, DeadLetterMetrics deadLetterMetrics) {
            return new DeadLetterController(deadLetters, deadLetterMetrics);
        }
    }
}
