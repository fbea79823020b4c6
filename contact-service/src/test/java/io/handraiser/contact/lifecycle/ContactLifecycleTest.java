package io.handraiser.contact.lifecycle;

import io.handraiser.contract.contact.AcceptAsSql;
import io.handraiser.contract.contact.AcceptedAsSQL;
import io.handraiser.contract.contact.AdvanceStage;
import io.handraiser.contract.contact.CaptureContact;
import io.handraiser.contract.contact.ContactCaptured;
import io.handraiser.contract.contact.ContactDisqualified;
import io.handraiser.contract.contact.ContactId;
import io.handraiser.contract.contact.ContactProfileUpdated;
import io.handraiser.contract.contact.ContactRequalified;
import io.handraiser.contract.contact.DisqualificationReason;
import io.handraiser.contract.contact.DisqualifyContact;
import io.handraiser.contract.contact.Email;
import io.handraiser.contract.contact.EngagementDetail;
import io.handraiser.contract.contact.EngagementRecorded;
import io.handraiser.contract.contact.EngagementType;
import io.handraiser.contract.contact.Evidence;
import io.handraiser.contract.contact.LifecycleStageAdvanced;
import io.handraiser.contract.contact.MarkAsMql;
import io.handraiser.contract.contact.MarkedMQL;
import io.handraiser.contract.contact.Profile;
import io.handraiser.contract.contact.RecordEngagement;
import io.handraiser.contract.contact.RequalifyContact;
import io.handraiser.contract.contact.ReturnReason;
import io.handraiser.contract.contact.ReturnToNurture;
import io.handraiser.contract.contact.ReturnedToNurture;
import io.handraiser.contract.contact.Signal;
import io.handraiser.contract.contact.Source;
import io.handraiser.contract.contact.Stage;
import io.handraiser.contract.contact.Tier;
import io.handraiser.contract.contact.UpdateContactProfile;
import io.handraiser.contract.shared.Actor;
import io.handraiser.contract.shared.RuleViolation;
import io.handraiser.starter.eventlog.ActorRequired;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.FeatureMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;

/** Every legal and every refused move of the lifecycle, given the events a contact has, when a command arrives. */
class ContactLifecycleTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final Instant EARLIER = Instant.parse("2026-11-01T08:00:00Z");
    private static final ContactId ID = ContactId.of("0b9e3c6a-5d8f-4f53-9a57-3f8e0c2d7a11");
    private static final Actor REP = Actor.person("rep-1");
    private static final Actor MARKETER = Actor.person("marketer-1");
    private static final Actor SCORING = Actor.system("scoring-service", "model-7");
    private static final Email EMAIL = new Email("ada@example.com");
    private static final Profile PROFILE = new Profile("Ada", "Lovelace", "Engines", "CTO", "Software", 120, "GB", null);

    private AggregateTestFixture<Contact> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Contact.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerCommandHandlerInterceptor(new ActorRequired());
    }

    private static Map<String, Object> by(Actor actor) {
        return Map.of(Actor.META_DATA_KEY, actor);
    }

    private static ContactCaptured captured(Stage stage) {
        return new ContactCaptured(ID, EMAIL, PROFILE, Source.of("hubspot"), stage, REP, EARLIER);
    }

    private static MarkedMQL markedMql() {
        return new MarkedMQL(ID, Stage.LEAD, Tier.of("A"), "score", Evidence.none(), SCORING, EARLIER);
    }

    private static AcceptedAsSQL acceptedAsSql() {
        return new AcceptedAsSQL(ID, null, REP, EARLIER);
    }

    private static ContactDisqualified disqualified() {
        return new ContactDisqualified(ID, DisqualificationReason.COMPETITOR, null, MARKETER, EARLIER);
    }

    private static LifecycleStageAdvanced advanced(Stage from, Stage to) {
        return new LifecycleStageAdvanced(ID, from, to, null, REP, EARLIER);
    }

    /** The events that bring a freshly captured LEAD to {@code stage} along the funnel. */
    private static List<Object> historyReaching(Stage stage) {
        List<Object> events = new ArrayList<>();
        if (stage == Stage.SUBSCRIBER) {
            events.add(captured(Stage.SUBSCRIBER));
            return events;
        }
        events.add(captured(Stage.LEAD));
        if (stage == Stage.LEAD) {
            return events;
        }
        if (stage == Stage.OTHER) {
            events.add(advanced(Stage.LEAD, Stage.OTHER));
            return events;
        }
        events.add(markedMql());
        if (stage == Stage.MQL) {
            return events;
        }
        events.add(acceptedAsSql());
        Stage reached = Stage.SQL;
        for (Stage next : List.of(Stage.OPPORTUNITY, Stage.CUSTOMER, Stage.EVANGELIST)) {
            if (!stage.isAfter(reached)) {
                break;
            }
            events.add(advanced(reached, next));
            reached = next;
        }
        return events;
    }

    @Nested
    class Capture {

        @Test
        void capturesALeadWithWhoAndWhen() {
            fixture.givenNoPriorActivity()
                   .when(new CaptureContact(ID, EMAIL, PROFILE, Source.of("hubspot"), Stage.LEAD), by(REP))
                   .expectSuccessfulHandlerExecution()
                   .expectEvents(new ContactCaptured(ID, EMAIL, PROFILE, Source.of("hubspot"), Stage.LEAD, REP, NOW));
        }

        @Test
        void needsAnActor() {
            fixture.givenNoPriorActivity()
                   .when(new CaptureContact(ID, EMAIL, PROFILE, null, null))
                   .expectException(IllegalStateException.class)
                   .expectNoEvents();
        }

        @Test
        void aProfileUpdateRecordsOnlyWhatChanged() {
            fixture.given(captured(Stage.LEAD))
                   .when(new UpdateContactProfile(ID, new Profile("Ada", null, "Engines Ltd", null, null, null, null, null)), by(MARKETER))
                   .expectEvents(new ContactProfileUpdated(ID, new Profile(null, null, "Engines Ltd", null, null, null, null, null), MARKETER, NOW));
        }

        @Test
        void aProfileUpdateThatChangesNothingRecordsNothing() {
            fixture.given(captured(Stage.LEAD))
                   .when(new UpdateContactProfile(ID, PROFILE), by(MARKETER))
                   .expectSuccessfulHandlerExecution()
                   .expectNoEvents();
        }
    }

    @Nested
    class Engagements {

        private final RecordEngagement pricingVisit = new RecordEngagement(ID, "hs-1", EngagementType.PAGE_VIEW, EARLIER,
                                                                           EngagementDetail.page("/pricing"), Source.of("website"));

        @ParameterizedTest
        @EnumSource(value = Stage.class)
        void areRecordedAtEveryStage(Stage stage) {
            fixture.given(historyReaching(stage))
                   .when(pricingVisit, by(REP))
                   .expectEvents(new EngagementRecorded(ID, "hs-1", EngagementType.PAGE_VIEW, EARLIER, EngagementDetail.page("/pricing"),
                                                        Source.of("website"), REP, NOW));
        }

        @Test
        void aRepeatedEngagementIdRecordsNothing() {
            fixture.given(captured(Stage.LEAD),
                          new EngagementRecorded(ID, "hs-1", EngagementType.PAGE_VIEW, EARLIER, EngagementDetail.page("/pricing"), null, REP, EARLIER))
                   .when(pricingVisit, by(REP))
                   .expectSuccessfulHandlerExecution()
                   .expectNoEvents();
        }
    }

    @Nested
    class MarkingMql {

        private final Evidence evidence = Evidence.scored(40, 65, List.of(new Signal("demo-requested", 65, null)));

        @ParameterizedTest
        @EnumSource(value = Stage.class, names = {"SUBSCRIBER", "LEAD"})
        void marksASubscriberOrLeadWithTheModelThatDecided(Stage stage) {
            fixture.given(historyReaching(stage))
                   .when(new MarkAsMql(ID, Tier.of("A"), "score 105 >= 100", evidence), by(SCORING))
                   .expectEvents(new MarkedMQL(ID, stage, Tier.of("A"), "score 105 >= 100", evidence, SCORING, NOW));
        }

        @Test
        void refusesTwiceInOneEpisode() {
            fixture.given(historyReaching(Stage.MQL))
                   .when(new MarkAsMql(ID, Tier.of("B"), "again", null), by(MARKETER))
                   .expectException(rule("already-mql"))
                   .expectNoEvents();
        }

        @ParameterizedTest
        @EnumSource(value = Stage.class, names = {"SQL", "OPPORTUNITY", "CUSTOMER", "EVANGELIST", "OTHER"})
        void refusesAContactPastLead(Stage stage) {
            fixture.given(historyReaching(stage))
                   .when(new MarkAsMql(ID, Tier.of("A"), "manual", null), by(MARKETER))
                   .expectException(rule("mql-only-from-subscriber-or-lead"))
                   .expectNoEvents();
        }

        @Test
        void refusesADisqualifiedContact() {
            fixture.given(captured(Stage.LEAD), disqualified())
                   .when(new MarkAsMql(ID, Tier.of("A"), "manual", null), by(MARKETER))
                   .expectException(rule("disqualified-cannot-become-mql"))
                   .expectNoEvents();
        }

        @Test
        void aReturnToNurtureStartsANewEpisode() {
            fixture.given(captured(Stage.LEAD), markedMql(),
                          new ReturnedToNurture(ID, Stage.MQL, ReturnReason.NOT_READY, null, REP, EARLIER))
                   .when(new MarkAsMql(ID, Tier.of("A"), "back with a demo request", null), by(SCORING))
                   .expectEvents(new MarkedMQL(ID, Stage.LEAD, Tier.of("A"), "back with a demo request", Evidence.none(), SCORING, NOW));
        }
    }

    @Nested
    class AcceptingAsSql {

        @Test
        void acceptsAnMql() {
            fixture.given(historyReaching(Stage.MQL))
                   .when(new AcceptAsSql(ID, "budget confirmed"), by(REP))
                   .expectEvents(new AcceptedAsSQL(ID, "budget confirmed", REP, NOW));
        }

        @ParameterizedTest
        @EnumSource(value = Stage.class, names = "MQL", mode = EnumSource.Mode.EXCLUDE)
        void refusesAnythingButAnMql(Stage stage) {
            fixture.given(historyReaching(stage))
                   .when(new AcceptAsSql(ID, null), by(REP))
                   .expectException(rule("accept-requires-mql"))
                   .expectNoEvents();
        }
    }

    @Nested
    class ReturningToNurture {

        @ParameterizedTest
        @EnumSource(value = Stage.class, names = {"MQL", "SQL"})
        void returnsAnMqlOrSqlWithItsReason(Stage stage) {
            fixture.given(historyReaching(stage))
                   .when(new ReturnToNurture(ID, ReturnReason.NO_BUDGET, "next year"), by(REP))
                   .expectEvents(new ReturnedToNurture(ID, stage, ReturnReason.NO_BUDGET, "next year", REP, NOW));
        }

        @ParameterizedTest
        @EnumSource(value = Stage.class, names = {"MQL", "SQL"}, mode = EnumSource.Mode.EXCLUDE)
        void refusesAnythingElse(Stage stage) {
            fixture.given(historyReaching(stage))
                   .when(new ReturnToNurture(ID, ReturnReason.BAD_FIT, null), by(REP))
                   .expectException(rule("return-requires-mql-or-sql"))
                   .expectNoEvents();
        }
    }

    @Nested
    class Disqualification {

        @ParameterizedTest
        @EnumSource(value = Stage.class, names = {"SUBSCRIBER", "LEAD"})
        void disqualifiesBeforeMql(Stage stage) {
            fixture.given(historyReaching(stage))
                   .when(new DisqualifyContact(ID, DisqualificationReason.STUDENT, ".edu address"), by(MARKETER))
                   .expectEvents(new ContactDisqualified(ID, DisqualificationReason.STUDENT, ".edu address", MARKETER, NOW));
        }

        @ParameterizedTest
        @EnumSource(value = Stage.class, names = {"SUBSCRIBER", "LEAD"}, mode = EnumSource.Mode.EXCLUDE)
        void refusesFromMqlOn(Stage stage) {
            fixture.given(historyReaching(stage))
                   .when(new DisqualifyContact(ID, DisqualificationReason.SPAM, null), by(MARKETER))
                   .expectException(rule("disqualify-only-before-mql"))
                   .expectNoEvents();
        }

        @Test
        void refusesTwice() {
            fixture.given(captured(Stage.LEAD), disqualified())
                   .when(new DisqualifyContact(ID, DisqualificationReason.SPAM, null), by(MARKETER))
                   .expectException(rule("already-disqualified"))
                   .expectNoEvents();
        }

        @Test
        void aPersonRequalifiesAndTheContactMayBecomeMqlAgain() {
            fixture.given(captured(Stage.LEAD), disqualified())
                   .when(new RequalifyContact(ID, "moved to a customer company"), by(MARKETER))
                   .expectEvents(new ContactRequalified(ID, "moved to a customer company", MARKETER, NOW));
            fixture.given(captured(Stage.LEAD), disqualified(), new ContactRequalified(ID, "moved", MARKETER, EARLIER))
                   .when(new MarkAsMql(ID, Tier.of("A"), "demo request", null), by(SCORING))
                   .expectEvents(new MarkedMQL(ID, Stage.LEAD, Tier.of("A"), "demo request", Evidence.none(), SCORING, NOW));
        }

        @Test
        void theSystemCannotRequalify() {
            fixture.given(captured(Stage.LEAD), disqualified())
                   .when(new RequalifyContact(ID, "score is high"), by(SCORING))
                   .expectException(rule("requalify-needs-a-person"))
                   .expectNoEvents();
        }

        @Test
        void onlyADisqualifiedContactIsRequalified() {
            fixture.given(captured(Stage.LEAD))
                   .when(new RequalifyContact(ID, "why not"), by(MARKETER))
                   .expectException(rule("not-disqualified"))
                   .expectNoEvents();
        }
    }

    @Nested
    class AdvancingStage {

        @ParameterizedTest
        @EnumSource(value = Stage.class, names = {"SQL", "OPPORTUNITY", "CUSTOMER"})
        void movesForward(Stage stage) {
            Stage next = Stage.values()[stage.ordinal() + 1];
            fixture.given(historyReaching(stage))
                   .when(new AdvanceStage(ID, next, "deal moved"), by(REP))
                   .expectEvents(new LifecycleStageAdvanced(ID, stage, next, "deal moved", REP, NOW));
        }

        @ParameterizedTest
        @EnumSource(value = Stage.class, names = {"SUBSCRIBER", "LEAD", "MQL", "SQL", "OPPORTUNITY", "CUSTOMER", "EVANGELIST"})
        void anyStageMayLeaveTheFunnelForOther(Stage stage) {
            fixture.given(historyReaching(stage))
                   .when(new AdvanceStage(ID, Stage.OTHER, "is a partner"), by(REP))
                   .expectEvents(new LifecycleStageAdvanced(ID, stage, Stage.OTHER, "is a partner", REP, NOW));
        }

        @ParameterizedTest
        @EnumSource(value = Stage.class, names = {"OPPORTUNITY", "CUSTOMER", "EVANGELIST"})
        void neverMovesBackOrStays(Stage stage) {
            fixture.given(historyReaching(Stage.EVANGELIST))
                   .when(new AdvanceStage(ID, stage, null), by(REP))
                   .expectException(rule("forward-only"))
                   .expectNoEvents();
        }

        @Test
        void nothingLeavesOther() {
            fixture.given(historyReaching(Stage.OTHER))
                   .when(new AdvanceStage(ID, Stage.CUSTOMER, null), by(REP))
                   .expectException(rule("stage-is-final"))
                   .expectNoEvents();
        }
    }

    /** The refusal names the rule it enforced, which the API hands on to the caller. */
    private static Matcher<?> rule(String rule) {
        return allOf(instanceOf(RuleViolation.class), new FeatureMatcher<Object, String>(is(rule), "rule", "rule") {
            @Override
            protected String featureValueOf(Object actual) {
                return ((RuleViolation) actual).rule();
            }
        });
    }
}
