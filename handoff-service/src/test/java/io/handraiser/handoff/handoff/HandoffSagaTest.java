package io.handraiser.handoff.handoff;

import io.handraiser.contract.contact.AcceptedAsSQL;
import io.handraiser.contract.contact.ContactDisqualified;
import io.handraiser.contract.contact.ContactErased;
import io.handraiser.contract.contact.ContactId;
import io.handraiser.contract.contact.DisqualificationReason;
import io.handraiser.contract.contact.Evidence;
import io.handraiser.contract.contact.MarkedMQL;
import io.handraiser.contract.contact.ReturnReason;
import io.handraiser.contract.contact.ReturnedToNurture;
import io.handraiser.contract.contact.Stage;
import io.handraiser.contract.contact.Tier;
import io.handraiser.contract.handoff.CloseHandoff;
import io.handraiser.contract.handoff.EscalateHandoff;
import io.handraiser.contract.handoff.ExpireHandoff;
import io.handraiser.contract.handoff.HandoffOutcome;
import io.handraiser.contract.handoff.OpenHandoff;
import io.handraiser.contract.handoff.RemindHandoff;
import io.handraiser.contract.shared.Actor;
import io.handraiser.handoff.routing.Router;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.test.saga.SagaTestFixture;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** The life of one handoff as the saga drives it: open, remind, escalate, expire, and the contact's fate. */
class HandoffSagaTest {

    private static final ContactId CONTACT = ContactId.of("3f2b7c1e-9a4d-4e6b-8c5f-1d2e3f4a5b6c");
    private static final Actor SCORING = Actor.system("scoring-service", "model-3");
    private static final Actor REP = Actor.person("rep-1");
    private static final Actor MARKETER = Actor.person("marketer-1");

    private final Router router = mock(Router.class);
    private final HandoffProperties sla = new HandoffProperties(Map.of("A", Duration.ofHours(4), "B", Duration.ofHours(24)),
                                                                Duration.ofHours(48), 0.5, 2);
    private SagaTestFixture<HandoffSaga> fixture;
    private Instant start;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(HandoffSaga.class);
        fixture.registerResource(router);
        fixture.registerResource(sla);
        start = fixture.currentTime();
        when(router.route(eq(CONTACT), eq(Tier.of("A")), argThat((Collection<String> passed) -> passed.isEmpty()))).thenReturn(Optional.of("rep-1"));
        when(router.route(eq(CONTACT), eq(Tier.of("A")), argThat((Collection<String> passed) -> List.copyOf(passed).equals(List.of("rep-1"))))).thenReturn(Optional.of("rep-2"));
        when(router.route(eq(CONTACT), eq(Tier.of("A")), argThat((Collection<String> passed) -> passed.size() == 2))).thenReturn(Optional.empty());
    }

    private MarkedMQL markedMql() {
        return new MarkedMQL(CONTACT, Stage.LEAD, Tier.of("A"), "score 110", Evidence.none(), SCORING, start);
    }

    @Test
    void anMqlOpensAHandoffWithTheRoutedRepAndTheTiersSla() {
        fixture.givenNoPriorActivity()
               .whenPublishingA(markedMql())
               .expectActiveSagas(1)
               .expectDispatchedCommandsMatching(exactSequenceOf(command(OpenHandoff.class, open ->
                       open.contactId().equals(CONTACT) && open.assignee().equals("rep-1") && open.tier().equals(Tier.of("A"))
                       && open.dueAt().equals(start.plus(Duration.ofHours(4))))))
               .expectScheduledDeadlineWithName(start.plus(Duration.ofHours(2)), HandoffSaga.REMINDER)
               .expectScheduledDeadlineWithName(start.plus(Duration.ofHours(4)), HandoffSaga.ESCALATION);
    }

    @Test
    void theRepIsRemindedHalfWayThroughTheSla() {
        fixture.givenAPublished(markedMql())
               .whenTimeElapses(Duration.ofHours(2).plusMinutes(1))
               .expectDispatchedCommandsMatching(exactSequenceOf(command(RemindHandoff.class, remind -> true)))
               .expectActiveSagas(1);
    }

    @Test
    void atTheDeadlineTheHandoffGoesToTheNextRepWithAFreshSla() {
        fixture.givenAPublished(markedMql())
               .whenTimeElapses(Duration.ofHours(4).plusMinutes(1))
               .expectDispatchedCommandsMatching(exactSequenceOf(
                       command(RemindHandoff.class, remind -> true),
                       command(EscalateHandoff.class, escalate -> "rep-2".equals(escalate.to())
                                                                   && escalate.dueAt().equals(start.plus(Duration.ofHours(8))))))
               .expectScheduledDeadlineWithName(start.plus(Duration.ofHours(8)), HandoffSaga.ESCALATION);
    }

    @Test
    void withNoRepLeftTheEscalationGoesToTheUnassignedQueue() throws Exception {
        fixture.givenAPublished(markedMql())
               .andThenTimeElapses(Duration.ofHours(4).plusMinutes(1))
               .whenTimeElapses(Duration.ofHours(4))
               .expectDispatchedCommandsMatching(exactSequenceOf(
                       command(RemindHandoff.class, remind -> true),
                       command(EscalateHandoff.class, escalate -> escalate.to() == null)));
    }

    @Test
    void afterTheLastEscalationTheHandoffExpiresAndTheSagaEnds() throws Exception {
        fixture.givenAPublished(markedMql())
               .andThenTimeElapses(Duration.ofHours(8).plusMinutes(1))
               .whenTimeElapses(Duration.ofHours(4))
               .expectDispatchedCommandsMatching(exactSequenceOf(
                       command(RemindHandoff.class, remind -> true),
                       command(ExpireHandoff.class, expire -> true)))
               .expectActiveSagas(0);
    }

    @Test
    void acceptanceClosesTheHandoffAndItsDeadlines() {
        fixture.givenAPublished(markedMql())
               .whenPublishingA(new AcceptedAsSQL(CONTACT, null, REP, start.plusSeconds(600)))
               .expectDispatchedCommandsMatching(exactSequenceOf(command(CloseHandoff.class, close -> close.outcome() == HandoffOutcome.ACCEPTED)))
               .expectActiveSagas(0)
               .expectNoScheduledDeadlines();
    }

    @Test
    void aReturnClosesTheHandoffWithTheReason() {
        fixture.givenAPublished(markedMql())
               .whenPublishingA(new ReturnedToNurture(CONTACT, Stage.MQL, ReturnReason.NO_BUDGET, null, REP, start.plusSeconds(600)))
               .expectDispatchedCommandsMatching(exactSequenceOf(command(CloseHandoff.class, close ->
                       close.outcome() == HandoffOutcome.RETURNED && close.reason().equals("NO_BUDGET"))))
               .expectActiveSagas(0)
               .expectNoScheduledDeadlines();
    }

    @Test
    void disqualificationCancelsTheHandoff() {
        fixture.givenAPublished(markedMql())
               .whenPublishingA(new ContactDisqualified(CONTACT, DisqualificationReason.COMPETITOR, null, MARKETER, start.plusSeconds(60)))
               .expectDispatchedCommandsMatching(exactSequenceOf(command(CloseHandoff.class, close ->
                       close.outcome() == HandoffOutcome.CANCELLED && close.reason().equals("DISQUALIFIED"))))
               .expectActiveSagas(0)
               .expectNoScheduledDeadlines();
    }

    @Test
    void erasureCancelsTheHandoff() {
        fixture.givenAPublished(markedMql())
               .whenPublishingA(new ContactErased(CONTACT, MARKETER, start.plusSeconds(60)))
               .expectDispatchedCommandsMatching(exactSequenceOf(command(CloseHandoff.class, close ->
                       close.outcome() == HandoffOutcome.CANCELLED && close.reason().equals("ERASED"))))
               .expectActiveSagas(0);
    }

    @Test
    void aRedeliveredMqlOpensNothingTwice() {
        MarkedMQL decision = markedMql();
        fixture.givenAPublished(decision)
               .whenPublishingA(decision)
               .expectNoDispatchedCommands()
               .expectActiveSagas(1);
    }

    /** A dispatched command of {@code type} whose payload satisfies {@code condition}; the handoff id is random per decision. */
    private static <T> Matcher<CommandMessage<?>> command(Class<T> type, Predicate<T> condition) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(CommandMessage<?> message) {
                return type.isInstance(message.getPayload()) && condition.test(type.cast(message.getPayload()))
                       && HandoffSaga.HANDOFF_SERVICE.equals(message.getMetaData().get(Actor.META_DATA_KEY));
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a " + type.getSimpleName() + " sent as the handoff service, as expected");
            }
        };
    }
}
