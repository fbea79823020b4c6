package io.handraiser.starter.sample;

import com.mongodb.MongoSocketReadException;
import com.mongodb.ServerAddress;
import io.handraiser.contract.shared.Actor;
import io.handraiser.contract.shared.RuleViolation;
import io.handraiser.starter.eventlog.EventLogAutoConfiguration.EventLogDatabases;
import io.handraiser.starter.eventlog.OwnUnitOfWork;
import io.handraiser.starter.security.Roles;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Aggregate;
import org.axonframework.spring.stereotype.Saga;
import org.bson.Document;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** The smallest service the starter can carry: one aggregate, one endpoint per concern under test. */
@SpringBootApplication
public class SampleApplication {

    public record OpenTicket(@TargetAggregateIdentifier String id, String title) {
    }

    public record CloseTicket(@TargetAggregateIdentifier String id) {
    }

    public record TicketOpened(String id, String title, Actor actor, Instant at) {
    }

    public record TicketClosed(String id, Actor actor, Instant at) {
    }

    public record TicketRequest(@NotBlank String title, @Min(1) int priority) {
    }

    @Aggregate
    public static class Ticket {
        @AggregateIdentifier
        private String id;
        private boolean closed;

        protected Ticket() {
        }

        @CommandHandler
        public Ticket(OpenTicket command, @MetaDataValue(value = Actor.META_DATA_KEY, required = true) Actor actor, Clock clock) {
            apply(new TicketOpened(command.id(), command.title(), actor, clock.instant()));
        }

        @CommandHandler
        public void handle(CloseTicket command, @MetaDataValue(value = Actor.META_DATA_KEY, required = true) Actor actor, Clock clock) {
            if (closed) {
                throw new RuleViolation("close-once", "ticket " + id + " is closed already");
            }
            apply(new TicketClosed(id, actor, clock.instant()));
        }

        @EventSourcingHandler
        void on(TicketOpened event) {
            id = event.id();
        }

        @EventSourcingHandler
        void on(TicketClosed event) {
            closed = true;
        }
    }

    @RestController
    public static class TicketController {
        private final CommandGateway commands;

        TicketController(CommandGateway commands) {
            this.commands = commands;
        }

        @PostMapping("/api/tickets/{id}")
        @ResponseStatus(HttpStatus.CREATED)
        @PreAuthorize("hasAnyRole('" + Roles.AUTOMATION + "', '" + Roles.ADMIN + "')")
        public void open(@PathVariable String id, @Valid @RequestBody TicketRequest request) {
            commands.sendAndWait(new OpenTicket(id, request.title()));
        }

        @PostMapping("/api/tickets/{id}/close")
        @PreAuthorize("hasAnyRole('" + Roles.AUTOMATION + "', '" + Roles.ADMIN + "')")
        public void close(@PathVariable String id) {
            commands.sendAndWait(new CloseTicket(id));
        }
    }

    /** Remembers what the event log delivered, so a test can see the metadata that travelled with it. */
    @Component
    @ProcessingGroup("ticket-audit")
    public static class TicketAudit {
        public final List<MetaData> delivered = new CopyOnWriteArrayList<>();

        @EventHandler
        void on(TicketOpened event, MetaData metaData) {
            delivered.add(metaData);
        }
    }

    /**
     * A board of the tickets, in the order their events arrived. It refuses to place the tickets a test names, as a
     * projection refuses an event it cannot handle, until the test takes the name back: the cause fixed. For the
     * tickets named in {@code mongoAwayOnce}, its first try fails as it would while MongoDB is away.
     */
    @Component
    @ProcessingGroup(TicketBoard.GROUP)
    public static class TicketBoard {
        public static final String GROUP = "ticket-board";

        public final Set<String> refused = ConcurrentHashMap.newKeySet();
        public final Set<String> mongoAwayOnce = ConcurrentHashMap.newKeySet();
        public final List<String> placed = new CopyOnWriteArrayList<>();

        @EventHandler
        void on(TicketOpened event) {
            if (refused.contains(event.id())) {
                throw new IllegalStateException("the board has no room for ticket " + event.id());
            }
            if (mongoAwayOnce.remove(event.id())) {
                throw new MongoSocketReadException("the board's database went away", new ServerAddress());
            }
            placed.add("opened " + event.id());
        }

        @EventHandler
        void on(TicketClosed event) {
            placed.add("closed " + event.id());
        }
    }

    /**
     * Closes at once every ticket whose title says so, as a policy turns one fact into a command: the command must
     * be in the log before the processor's token says the fact was dealt with.
     */
    @Component
    @ProcessingGroup("ticket-auto-close")
    public static class TicketAutoClose {
        public static final String TITLE = "close at once";

        private final CommandGateway commands;

        TicketAutoClose(CommandGateway commands) {
            this.commands = commands;
        }

        @EventHandler
        void on(TicketOpened event) {
            if (TITLE.equals(event.title())) {
                OwnUnitOfWork.sendAndWait(commands, GenericCommandMessage.asCommandMessage(new CloseTicket(event.id()))
                                                                         .andMetaData(MetaData.with(Actor.META_DATA_KEY, Actor.system("sample", null))));
            }
        }
    }

    /** The tickets whose reminder saga fails its first try as it would while MongoDB is away. */
    @Component
    public static class ReminderTrouble {
        public final Set<String> mongoAwayOnce = ConcurrentHashMap.newKeySet();
    }

    /** Reminds about a ticket an hour after it opened, unless it closed: a deadline that must survive a restart. */
    @Saga
    public static class TicketReminder {
        public static final String REMINDERS = "reminders";

        private String ticketId;

        @StartSaga
        @SagaEventHandler(associationProperty = "id")
        void on(TicketOpened event, DeadlineManager deadlines, ReminderTrouble trouble) {
            if (trouble.mongoAwayOnce.remove(event.id())) {
                throw new MongoSocketReadException("the reminders' database went away", new ServerAddress());
            }
            ticketId = event.id();
            deadlines.schedule(event.at().plus(Duration.ofHours(1)), "ticket-reminder", event.id());
        }

        @EndSaga
        @SagaEventHandler(associationProperty = "id")
        void on(TicketClosed event, DeadlineManager deadlines) {
            deadlines.cancelAllWithinScope("ticket-reminder");
        }

        @EndSaga
        @DeadlineHandler(deadlineName = "ticket-reminder")
        void remind(String ticket, EventLogDatabases databases, Clock clock) {
            databases.service().getCollection(REMINDERS).insertOne(new Document("ticket", ticket).append("at", Date.from(clock.instant())));
        }

        public String getTicketId() {
            return ticketId;
        }

        public void setTicketId(String ticketId) {
            this.ticketId = ticketId;
        }
    }
}
