package io.handraiser.starter.eventlog;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.handraiser.eventstore.CommitLogEventStorageEngine;
import io.handraiser.starter.HandraiserProperties;
import io.handraiser.starter.deadline.MongoDeadlineManager;
import io.handraiser.starter.privacy.PersonalDataSerializer;
import io.handraiser.starter.privacy.SubjectKeys;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventhandling.deadletter.MongoSequencedDeadLetterQueue;
import org.axonframework.extensions.mongo.eventhandling.saga.repository.MongoSagaStore;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Puts a service on the shared event log: our commit-log engine as Axon's event store, and the Axon Mongo
 * extension's token, saga and dead-letter stores in the service's own database, which that extension does well.
 */
@AutoConfiguration(before = AxonAutoConfiguration.class)
@EnableConfigurationProperties(HandraiserProperties.class)
public class EventLogAutoConfiguration {

    /** Key of the request's correlation id in command and event metadata. */
    public static final String REQUEST_ID = "requestId";

    @Bean
    @ConditionalOnMissingBean
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    public SubjectKeys subjectKeys(MongoClient mongoClient, HandraiserProperties properties, Clock clock) {
        return new SubjectKeys(mongoClient.getDatabase(properties.personalData().keyDatabase()),
                               properties.personalData().keyCacheTime(), properties.personalData().keyCacheSize(), clock);
    }

    /**
     * Every serializer encrypts personal data, not only the event serializer: snapshots, dead letters and sagas
     * can hold the same values, and each must become unreadable with the key.
     */
    @Bean
    @Primary
    public Serializer serializer(SubjectKeys subjectKeys, MeterRegistry meterRegistry) {
        return new PersonalDataSerializer(EventSerialization.serializer(), subjectKeys, meterRegistry);
    }

    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer(Serializer serializer) {
        return serializer;
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializer(Serializer serializer) {
        return serializer;
    }

    @Bean
    public EventLogDatabases eventLogDatabases(MongoClient mongoClient, HandraiserProperties properties, Environment environment) {
        String serviceDatabase = properties.service().database() != null
                ? properties.service().database()
                : environment.getRequiredProperty("spring.application.name");
        return new EventLogDatabases(mongoClient.getDatabase(properties.eventLog().database()),
                                     mongoClient.getDatabase(serviceDatabase));
    }

    @Bean
    public EventStorageEngine eventStorageEngine(EventLogDatabases databases, HandraiserProperties properties,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 Serializer snapshotSerializer, List<EventUpcaster> upcasters, Clock clock) {
        return CommitLogEventStorageEngine.builder()
                                          .database(databases.eventLog())
                                          .gapTimeout(properties.eventLog().gapTimeout())
                                          .clock(clock)
                                          .eventSerializer(eventSerializer)
                                          .snapshotSerializer(snapshotSerializer)
                                          .upcasterChain(new EventUpcasterChain(upcasters))
                                          .build();
    }

    @Bean(destroyMethod = "shutDown")
    public EmbeddedEventStore eventStore(EventStorageEngine storageEngine, Configuration configuration,
                                         HandraiserProperties properties) {
        return EmbeddedEventStore.builder()
                                 .storageEngine(storageEngine)
                                 .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                                 .fetchDelay(properties.eventLog().fetchDelay().toMillis())
                                 .build();
    }

    @Bean
    public MongoTemplate serviceMongoTemplate(EventLogDatabases databases) {
        return DefaultMongoTemplate.builder().mongoDatabase(databases.service()).build();
    }

    @Bean
    public TokenStore tokenStore(MongoTemplate serviceMongoTemplate, Serializer serializer) {
        MongoTokenStore tokenStore = MongoTokenStore.builder().mongoTemplate(serviceMongoTemplate).serializer(serializer).build();
        tokenStore.ensureIndexes();
        return tokenStore;
    }

    @Bean
    public SagaStore<Object> sagaStore(MongoTemplate serviceMongoTemplate, Serializer serializer) {
        return MongoSagaStore.builder().mongoTemplate(serviceMongoTemplate).serializer(serializer).build();
    }

    /**
     * Pooled streaming processors split work by segments claimed in the token store, so instances of one service
     * share the work; a handler that keeps failing on one contact parks that contact's events in the dead-letter
     * queue instead of stopping every other contact.
     */
    @Bean
    public ConfigurerModule eventProcessingDefaults(MongoTemplate serviceMongoTemplate, Serializer serializer,
                                                    SegmentShare segmentShare) {
        return configurer -> configurer.eventProcessing(processing -> configureProcessing(processing, serviceMongoTemplate,
                                                                                          serializer, segmentShare));
    }

    @Bean(destroyMethod = "close")
    public SegmentShare segmentShare(EventLogDatabases databases, TokenStore tokenStore, Clock clock,
                                     HandraiserProperties properties, MeterRegistry meterRegistry) {
        SegmentShare share = new SegmentShare(databases.service(), tokenStore, clock, SegmentShare.processName(),
                                              properties.processing().heartbeatInterval(),
                                              properties.processing().instanceTimeout(), meterRegistry);
        share.start();
        return share;
    }

    private static void configureProcessing(EventProcessingConfigurer processing, MongoTemplate template, Serializer serializer,
                                            SegmentShare segmentShare) {
        processing.usingPooledStreamingEventProcessors()
                  .registerPooledStreamingEventProcessorConfiguration(
                          (configuration, builder) -> builder.maxSegmentProvider(segmentShare))
                  .registerDeadLetterQueueProvider(processingGroup -> configuration ->
                          MongoSequencedDeadLetterQueue.builder()
                                                       .processingGroup(processingGroup)
                                                       .mongoTemplate(template)
                                                       .serializer(serializer)
                                                       .transactionManager(NoTransactionManager.INSTANCE)
                                                       .build());
    }

    @Bean(destroyMethod = "shutdown")
    @ConditionalOnMissingBean(DeadlineManager.class)
    public MongoDeadlineManager deadlineManager(EventLogDatabases databases, ObjectProvider<Configuration> axonConfiguration,
                                                Serializer serializer, Clock clock, HandraiserProperties properties) {
        return new MongoDeadlineManager(databases.service(), () -> new ConfigurationScopeAwareProvider(axonConfiguration.getObject()),
                                        serializer, clock, properties.deadlines().pollInterval(), properties.deadlines().lease());
    }

    @Bean
    public ApplicationListener<ApplicationReadyEvent> startDeadlinesWhenReady(ObjectProvider<MongoDeadlineManager> deadlines) {
        return ready -> deadlines.ifAvailable(MongoDeadlineManager::start);
    }

    @Bean
    public CorrelationDataProvider requestIdCorrelation() {
        return new SimpleCorrelationDataProvider(REQUEST_ID);
    }

    @Bean(destroyMethod = "shutdownNow")
    public ScheduledExecutorService commandRetryExecutor() {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "command-retry");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    public CommandGateway commandGateway(CommandBus commandBus, ScheduledExecutorService commandRetryExecutor) {
        return DefaultCommandGateway.builder()
                                    .commandBus(commandBus)
                                    .retryScheduler(new ConcurrencyRetryScheduler(commandRetryExecutor, 5, Duration.ofMillis(20)))
                                    .build();
    }

    @Bean
    public ActorRequired actorRequired() {
        return new ActorRequired();
    }

    @Bean
    public MongoPingHealthIndicator mongoHealthIndicator(EventLogDatabases databases) {
        return new MongoPingHealthIndicator(databases.eventLog(), databases.service());
    }

    /** The shared event log database and the one this service owns. */
    public record EventLogDatabases(MongoDatabase eventLog, MongoDatabase service) {
    }
}
