package io.handraiser.contact.policy;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import io.handraiser.contract.contact.ContactCommand;
import io.handraiser.contract.contact.DisqualifyContact;
import io.handraiser.contract.contact.MarkAsMql;
import io.handraiser.contract.scoring.DisqualifyingSignalDetected;
import io.handraiser.contract.scoring.LeadScoreQualified;
import io.handraiser.contract.shared.Actor;
import io.handraiser.contract.shared.RuleViolation;
import io.handraiser.starter.eventlog.EventLogAutoConfiguration.EventLogDatabases;
import io.handraiser.starter.eventlog.OwnUnitOfWork;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.Date;

/**
 * The scoring model's say becomes the contact's lifecycle: a contact scoring states qualified is marked MQL, with
 * the scoring service and model version as its actor and the score breakdown as its evidence; a disqualifying
 * signal disqualifies it. The Contact aggregate stays the judge: what its lifecycle forbids (already MQL or SQL,
 * disqualified, erased) is refused there, counted here by rule and dropped, never retried, because asking again
 * would be refused again.
 * <p>
 * Idempotent: each scoring fact is acted on once, remembered by its event id after the command succeeded or was
 * refused. The command commits as its own unit of work, so its events are in the log before that marker and before
 * the processor's token. A redelivery after a crash in between resends a command the contact refuses as already
 * done. Replays are disallowed, since a replay would re-decide history.
 */
@Component
@ProcessingGroup(QualificationPolicy.PROCESSING_GROUP)
@DisallowReplay
public class QualificationPolicy {

    public static final String PROCESSING_GROUP = "qualification-policy";
    public static final String SCORING_SERVICE = "scoring-service";

    private static final Logger log = LoggerFactory.getLogger(QualificationPolicy.class);

    private final CommandGateway commands;
    private final MongoCollection<Document> handled;
    private final MeterRegistry meters;

    public QualificationPolicy(CommandGateway commands, EventLogDatabases databases, MeterRegistry meters) {
        this.commands = commands;
        this.handled = databases.service().getCollection("qualification_policy_handled");
        this.meters = meters;
    }

    @EventHandler
    void on(LeadScoreQualified qualified, EventMessage<?> message) {
        act(message, new MarkAsMql(qualified.contactId(), qualified.tier(), reason(qualified), qualified.evidence()),
            qualified.modelVersion());
    }

    @EventHandler
    void on(DisqualifyingSignalDetected signal, EventMessage<?> message) {
        act(message, new DisqualifyContact(signal.contactId(), signal.reason(), "scoring rule " + signal.rule()), signal.modelVersion());
    }

    private void act(EventMessage<?> message, ContactCommand command, String modelVersion) {
        if (handled.countDocuments(new Document("_id", message.getIdentifier())) > 0) {
            return;
        }
        String outcome = "applied";
        try {
            OwnUnitOfWork.sendAndWait(commands, GenericCommandMessage.asCommandMessage(command)
                                                                     .andMetaData(MetaData.with(Actor.META_DATA_KEY, Actor.system(SCORING_SERVICE, modelVersion))));
        } catch (RuleViolation refused) {
            outcome = refused.rule();
            log.info("{} for contact {} refused by rule {}: {}", command.getClass().getSimpleName(), command.contactId(), refused.rule(),
                     refused.getMessage());
        } catch (AggregateNotFoundException unknown) {
            outcome = "unknown-contact";
            log.warn("{} for contact {} dropped: contact-service knows no such contact", command.getClass().getSimpleName(), command.contactId());
        }
        Counter.builder("handraiser.qualification.policy.commands").description("commands the qualification policy sent, by outcome")
               .tag("command", command.getClass().getSimpleName()).tag("outcome", outcome).register(meters).increment();
        remember(message);
    }

    private void remember(EventMessage<?> message) {
        try {
            handled.insertOne(new Document("_id", message.getIdentifier()).append("at", Date.from(message.getTimestamp())));
        } catch (MongoWriteException e) {
            if (ErrorCategory.fromErrorCode(e.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    private static String reason(LeadScoreQualified qualified) {
        String reason = "scoring model " + qualified.modelVersion() + ": " + (qualified.reason() == null ? "tier " + qualified.tier() : qualified.reason());
        return reason.length() > 1000 ? reason.substring(0, 1000) : reason;
    }
}
