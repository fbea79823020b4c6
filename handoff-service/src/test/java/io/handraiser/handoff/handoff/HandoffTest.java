package io.handraiser.handoff.handoff;

import io.handraiser.contract.contact.ContactId;
import io.handraiser.contract.contact.Evidence;
import io.handraiser.contract.contact.Tier;
import io.handraiser.contract.handoff.ClaimHandoff;
import io.handraiser.contract.handoff.CloseHandoff;
import io.handraiser.contract.handoff.EscalateHandoff;
import io.handraiser.contract.handoff.ExpireHandoff;
import io.handraiser.contract.handoff.HandoffClosed;
import io.handraiser.contract.handoff.HandoffEscalated;
import io.handraiser.contract.handoff.HandoffExpired;
import io.handraiser.contract.handoff.HandoffId;
import io.handraiser.contract.handoff.HandoffOpened;
import io.handraiser.contract.handoff.HandoffOutcome;
import io.handraiser.contract.handoff.HandoffReassigned;
import io.handraiser.contract.handoff.OpenHandoff;
import io.handraiser.contract.handoff.ReassignHandoff;
import io.handraiser.contract.handoff.RemindHandoff;
import io.handraiser.contract.shared.Actor;
import io.handraiser.contract.shared.RuleViolation;
import io.handraiser.starter.eventlog.ActorRequired;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.FeatureMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.instanceOf;

/** The Handoff's rules: automatic transitions are idempotent after the end, people's moves are refused by rule. */
class HandoffTest {

    private static final HandoffId ID = HandoffId.of("9d1c0b7a-2f3e-4a5b-8c6d-7e8f9a0b1c2d");
    private static final ContactId CONTACT = ContactId.of("3f2b7c1e-9a4d-4e6b-8c5f-1d2e3f4a5b6c");
    private static final Instant OPENED = Instant.parse("2026-11-23T08:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final Actor SYSTEM = HandoffSaga.HANDOFF_SERVICE;
    private static final Actor MANAGER = Actor.person("manager-1");

    private AggregateTestFixture<Handoff> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Handoff.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerCommandHandlerInterceptor(new ActorRequired());
    }

    private static HandoffOpened opened(String assignee) {
        return new HandoffOpened(ID, CONTACT, Tier.of("A"), Evidence.none(), assignee, OPENED.plus(Duration.ofHours(4)), SYSTEM, OPENED);
    }

    private static Map<String, Object> by(Actor actor) {
        return Map.of(Actor.META_DATA_KEY, actor);
    }

    @Test
    void openingRecordsTheAssigneeAndTheDueTime() {
        fixture.givenNoPriorActivity()
               .when(new OpenHandoff(ID, CONTACT, Tier.of("A"), Evidence.none(), "rep-1", OPENED.plus(Duration.ofHours(4))), by(SYSTEM))
               .expectEvents(new HandoffOpened(ID, CONTACT, Tier.of("A"), Evidence.none(), "rep-1", OPENED.plus(Duration.ofHours(4)), SYSTEM, NOW));
    }

    @Test
    void acceptanceWithinTheSlaRecordsTheTimeToAccept() {
        fixture.given(opened("rep-1"))
               .when(new CloseHandoff(ID, HandoffOutcome.ACCEPTED, null), by(SYSTEM))
               .expectEvents(new HandoffClosed(ID, CONTACT, HandoffOutcome.ACCEPTED, null, "rep-1", Duration.ofHours(2), true, SYSTEM, NOW));
    }

    @Test
    void anEscalationCountsAndMovesTheDueTime() {
        Instant due = NOW.plus(Duration.ofHours(4));
        fixture.given(opened("rep-1"))
               .when(new EscalateHandoff(ID, "rep-2", due), by(SYSTEM))
               .expectEvents(new HandoffEscalated(ID, CONTACT, "rep-1", "rep-2", 1, due, SYSTEM, NOW));
    }

    @Test
    void anEndedHandoffIgnoresTheSagasRepeatedCommands() {
        fixture.given(opened("rep-1"), new HandoffExpired(ID, CONTACT, "rep-1", 2, SYSTEM, OPENED.plusSeconds(60)))
               .when(new RemindHandoff(ID), by(SYSTEM))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
        fixture.given(opened("rep-1"), new HandoffExpired(ID, CONTACT, "rep-1", 2, SYSTEM, OPENED.plusSeconds(60)))
               .when(new ExpireHandoff(ID), by(SYSTEM))
               .expectNoEvents();
    }

    @Test
    void aRepClaimsAnUnassignedHandoff() {
        Actor rep = Actor.person("rep-7");
        fixture.given(opened(null))
               .when(new ClaimHandoff(ID), by(rep))
               .expectEvents(new HandoffReassigned(ID, CONTACT, null, "rep-7", rep, NOW));
    }

    @Test
    void anAssignedHandoffCannotBeClaimed() {
        fixture.given(opened("rep-1"))
               .when(new ClaimHandoff(ID), by(Actor.person("rep-7")))
               .expectException(violationOf("claim-only-unassigned"));
    }

    @Test
    void anEndedHandoffCannotBeReassigned() {
        fixture.given(opened("rep-1"), new HandoffClosed(ID, CONTACT, HandoffOutcome.RETURNED, "NOT_READY", "rep-1", Duration.ofHours(1),
                                                         true, SYSTEM, OPENED.plusSeconds(3600)))
               .when(new ReassignHandoff(ID, "rep-2"), by(MANAGER))
               .expectException(violationOf("handoff-ended"));
    }

    private static Matcher<Object> violationOf(String rule) {
        return allOf(instanceOf(RuleViolation.class), new FeatureMatcher<Object, String>(equalTo(rule), "rule", "rule") {
            @Override
            protected String featureValueOf(Object actual) {
                return ((RuleViolation) actual).rule();
            }
        });
    }
}
