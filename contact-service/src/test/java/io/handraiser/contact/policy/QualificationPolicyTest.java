package io.handraiser.contact.policy;

import com.mongodb.MongoSocketReadException;
import com.mongodb.ServerAddress;
import io.handraiser.contract.contact.ContactId;
import io.handraiser.contract.contact.DisqualificationReason;
import io.handraiser.contract.contact.DisqualifyContact;
import io.handraiser.contract.contact.Evidence;
import io.handraiser.contract.contact.MarkAsMql;
import io.handraiser.contract.contact.Signal;
import io.handraiser.contract.contact.Tier;
import io.handraiser.contract.scoring.DisqualifyingSignalDetected;
import io.handraiser.contract.scoring.LeadScoreQualified;
import io.handraiser.contract.shared.Actor;
import io.handraiser.contract.shared.RuleViolation;
import io.handraiser.starter.eventlog.EventLogAutoConfiguration.EventLogDatabases;
import io.handraiser.testsupport.TestMongo;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.reset;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The qualification policy turns scoring's facts into the contact's own commands, once, and lets the lifecycle judge. */
class QualificationPolicyTest {

    private static final ContactId ID = ContactId.of("0b9e3c6a-5d8f-4f53-9a57-3f8e0c2d7a11");
    private static final Instant AT = Instant.parse("2026-11-23T10:00:00Z");
    private static final Evidence EVIDENCE = Evidence.scored(45, 60, List.of(new Signal("marketing-leader", 25, "jobTitle matches"),
                                                                            new Signal("industry-technology", 20, "industry one of"),
                                                                            new Signal("pricing-page-visit", 45, "3 x PAGE_VIEW"),
                                                                            new Signal("guide-download", 15, "1 x CONTENT_DOWNLOAD")));

    private final CommandGateway commands = mock(CommandGateway.class);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private QualificationPolicy policy;

    @BeforeEach
    void setUp() {
        EventLogDatabases databases = new EventLogDatabases(TestMongo.freshDatabase("policy_events"), TestMongo.freshDatabase("policy_contact"));
        policy = new QualificationPolicy(commands, databases, meters);
    }

    private static EventMessage<LeadScoreQualified> qualified() {
        return GenericEventMessage.asEventMessage(new LeadScoreQualified(ID, Tier.of("A"), "7", "tier A: fit 45 >= 40 and total 105 >= 100",
                                                                         EVIDENCE, AT));
    }

    @SuppressWarnings("unchecked")
    private CommandMessage<?> sent() {
        ArgumentCaptor<CommandMessage<?>> captor = ArgumentCaptor.forClass(CommandMessage.class);
        verify(commands).sendAndWait(captor.capture());
        return captor.getValue();
    }

    private double counted(String command, String outcome) {
        return meters.counter("handraiser.qualification.policy.commands", "command", command, "outcome", outcome).count();
    }

    @Test
    void aQualifiedScoreMarksTheContactMqlInTheScoringModelsNameWithTheBreakdownAsEvidence() {
        EventMessage<LeadScoreQualified> message = qualified();

        policy.on(message.getPayload(), message);

        CommandMessage<?> command = sent();
        assertThat(command.getPayload()).isEqualTo(new MarkAsMql(ID, Tier.of("A"), "scoring model 7: tier A: fit 45 >= 40 and total 105 >= 100",
                                                                 EVIDENCE));
        assertThat(command.getMetaData()).containsEntry(Actor.META_DATA_KEY, Actor.system("scoring-service", "7"));
        assertThat(counted("MarkAsMql", "applied")).isEqualTo(1);
    }

    @Test
    void aDisqualifyingSignalDisqualifiesTheContact() {
        EventMessage<DisqualifyingSignalDetected> message =
                GenericEventMessage.asEventMessage(new DisqualifyingSignalDetected(ID, DisqualificationReason.COMPETITOR, "competitor", "7", AT));

        policy.on(message.getPayload(), message);

        CommandMessage<?> command = sent();
        assertThat(command.getPayload()).isEqualTo(new DisqualifyContact(ID, DisqualificationReason.COMPETITOR, "scoring rule competitor"));
        assertThat(command.getMetaData()).containsEntry(Actor.META_DATA_KEY, Actor.system("scoring-service", "7"));
    }

    @Test
    void whatTheLifecycleForbidsIsCountedAndDroppedWithoutRetry() {
        when(commands.sendAndWait(any(CommandMessage.class))).thenThrow(new RuleViolation("already-mql", "this contact is MQL already"));
        EventMessage<LeadScoreQualified> message = qualified();

        policy.on(message.getPayload(), message);
        policy.on(message.getPayload(), message);

        verify(commands, times(1)).sendAndWait(any(CommandMessage.class));
        assertThat(counted("MarkAsMql", "already-mql")).isEqualTo(1);
    }

    @Test
    void theCommandCommitsOutsideTheProcessorsUnitOfWorkBeforeTheFactIsRemembered() {
        EventMessage<LeadScoreQualified> message = qualified();
        List<Boolean> insideProcessorsUnitOfWork = new ArrayList<>();
        when(commands.sendAndWait(any(CommandMessage.class))).thenAnswer(invocation -> {
            insideProcessorsUnitOfWork.add(CurrentUnitOfWork.isStarted());
            throw new MongoSocketReadException("the event log went away", new ServerAddress());
        });

        DefaultUnitOfWork<EventMessage<?>> processing = DefaultUnitOfWork.startAndGet(message);
        assertThatThrownBy(() -> policy.on(message.getPayload(), message)).isInstanceOf(MongoSocketReadException.class);
        assertThat(CurrentUnitOfWork.get()).as("the processor's unit of work is back").isSameAs(processing);
        processing.rollback();
        reset(commands);
        policy.on(message.getPayload(), message);

        assertThat(insideProcessorsUnitOfWork).containsExactly(false);
        verify(commands).sendAndWait(any(CommandMessage.class));
    }

    @Test
    void aRedeliveredFactIsActedOnOnce() {
        EventMessage<LeadScoreQualified> message = qualified();

        policy.on(message.getPayload(), message);
        policy.on(message.getPayload(), message);

        verify(commands, times(1)).sendAndWait(any(CommandMessage.class));
    }
}
