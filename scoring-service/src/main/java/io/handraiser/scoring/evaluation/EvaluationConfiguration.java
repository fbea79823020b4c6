package io.handraiser.scoring.evaluation;

import io.handraiser.starter.eventlog.EventLogAutoConfiguration.EventLogDatabases;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class EvaluationConfiguration {

    /** The log as the event store reads it: the same serializer (which opens personal data) and the same upcasters. */
    @Bean
    ContactEventLog contactEventLog(EventLogDatabases databases, @Qualifier("eventSerializer") Serializer eventSerializer,
                                    ObjectProvider<EventUpcaster> upcasters, EvaluationProperties properties) {
        return new ContactEventLog(databases.eventLog(), eventSerializer, upcasters.orderedStream().toList(), properties.threads());
    }
}
