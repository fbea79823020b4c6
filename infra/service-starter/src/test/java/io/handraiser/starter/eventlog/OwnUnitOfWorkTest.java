package io.handraiser.starter.eventlog;

import com.mongodb.MongoSocketReadException;
import com.mongodb.ServerAddress;
import io.handraiser.starter.sample.SampleApplication;
import io.handraiser.starter.sample.SampleApplication.TicketAutoClose;
import io.handraiser.starter.sample.SampleApplication.TicketClosed;
import io.handraiser.testsupport.ServiceApi;
import io.handraiser.testsupport.TestMongo;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A policy's command whose append fails is not lost: the processor's token is stored only after the command's
 * events are in the log, so the processor tries the fact again. Sent as a nested unit of work, the append would run
 * in the processor's prepare-commit after the token was stored, and the ticket would never close.
 */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(OwnUnitOfWorkTest.FailingAppends.class)
class OwnUnitOfWorkTest {

    /** Tickets whose first append of a {@link TicketClosed} fails as it would while MongoDB is away. */
    static final Set<String> CLOSE_FAILS_ONCE = ConcurrentHashMap.newKeySet();

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", TestMongo::uri);
        registry.add("spring.application.name", () -> "sample");
        registry.add("handraiser.event-log.database", () -> TestMongo.freshDatabaseName("own_uow_events"));
        registry.add("handraiser.service.database", () -> TestMongo.freshDatabaseName("own_uow_service"));
    }

    @LocalServerPort
    int port;

    @Autowired
    EventStore eventStore;

    @Test
    void aPolicysCommandWhoseAppendFailedIsSentAgainAndRecordedOnce() {
        String ticket = "auto-" + UUID.randomUUID();
        CLOSE_FAILS_ONCE.add(ticket);

        assertThat(new ServiceApi(port).post("/api/tickets/" + ticket, "automation",
                                             "{\"title\":\"" + TicketAutoClose.TITLE + "\",\"priority\":1}").statusCode()).isEqualTo(201);

        await().atMost(Duration.ofSeconds(30)).until(() -> closes(ticket) == 1);
        assertThat(CLOSE_FAILS_ONCE).as("the first append failed").doesNotContain(ticket);
    }

    private long closes(String ticket) {
        List<? extends EventMessage<?>> events = eventStore.readEvents(ticket).asStream().toList();
        return events.stream().filter(event -> event.getPayload() instanceof TicketClosed).count();
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class FailingAppends {

        @Bean
        static BeanPostProcessor failFirstCloseAppend() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    if (!(bean instanceof EventStorageEngine engine)) {
                        return bean;
                    }
                    return Proxy.newProxyInstance(EventStorageEngine.class.getClassLoader(), new Class<?>[]{EventStorageEngine.class},
                                                  (proxy, method, arguments) -> {
                                                      if (method.getName().equals("appendEvents") && failsNow(arguments[0])) {
                                                          throw new MongoSocketReadException("the event log went away", new ServerAddress());
                                                      }
                                                      try {
                                                          return method.invoke(engine, arguments);
                                                      } catch (InvocationTargetException e) {
                                                          throw e.getCause();
                                                      }
                                                  });
                }
            };
        }

        private static boolean failsNow(Object events) {
            if (!(events instanceof List<?> list)) {
                return false;
            }
            return list.stream().anyMatch(event -> event instanceof EventMessage<?> message
                                                   && message.getPayload() instanceof TicketClosed closed
                                                   && CLOSE_FAILS_ONCE.remove(closed.id()));
        }
    }
}
