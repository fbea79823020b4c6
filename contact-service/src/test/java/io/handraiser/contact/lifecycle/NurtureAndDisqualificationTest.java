package io.handraiser.contact.lifecycle;

import io.handraiser.contract.contact.AcceptAsSql;
import io.handraiser.contract.contact.AcceptedAsSQL;
import io.handraiser.contract.contact.ContactDisqualified;
import io.handraiser.contract.contact.ContactRequalified;
import io.handraiser.contract.contact.DisqualificationReason;
import io.handraiser.contract.contact.DisqualifyContact;
import io.handraiser.contract.contact.Evidence;
import io.handraiser.contract.contact.MarkAsMql;
import io.handraiser.contract.contact.MarkedMQL;
import io.handraiser.contract.contact.RequalifyContact;
import io.handraiser.contract.contact.ReturnReason;
import io.handraiser.contract.contact.ReturnToNurture;
import io.handraiser.contract.contact.ReturnedToNurture;
import io.handraiser.contract.contact.Stage;
import io.handraiser.contract.contact.Tier;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.EnumSource.Mode;

import java.util.ArrayList;
import java.util.List;

import static io.handraiser.contact.lifecycle.ContactFixtures.ID;
import static io.handraiser.contact.lifecycle.ContactFixtures.MARKETER;
import static io.handraiser.contact.lifecycle.ContactFixtures.NOW;
import static io.handraiser.contact.lifecycle.ContactFixtures.REP;
import static io.handraiser.contact.lifecycle.ContactFixtures.SCORING;
import static io.handraiser.contact.lifecycle.ContactFixtures.acceptedAsSql;
import static io.handraiser.contact.lifecycle.ContactFixtures.by;
import static io.handraiser.contact.lifecycle.ContactFixtures.captured;
import static io.handraiser.contact.lifecycle.ContactFixtures.disqualified;
import static io.handraiser.contact.lifecycle.ContactFixtures.historyReaching;
import static io.handraiser.contact.lifecycle.ContactFixtures.markedMql;
import static io.handraiser.contact.lifecycle.ContactFixtures.newFixture;
import static io.handraiser.contact.lifecycle.ContactFixtures.requalified;
import static io.handraiser.contact.lifecycle.ContactFixtures.returnedToNurture;
import static io.handraiser.contact.lifecycle.ContactFixtures.violationOf;
import static org.hamcrest.Matchers.containsString;

/**
 * The ways a contact leaves the path to sales: sales returns an MQL or SQL to nurture (the one way back), or
 * marketing disqualifies a SUBSCRIBER or LEAD until a person requalifies it.
 */
class NurtureAndDisqualificationTest {

    private AggregateTestFixture<Contact> fixture;

    @BeforeEach
    void setUp() {
        fixture = newFixture();
    }

    private static List<Object> historyOf(List<Object> history, Object... more) {
        List<Object> events = new ArrayList<>(history);
        events.addAll(List.of(more));
        return events;
    }

    @Nested
    class ReturningToNurture {

        @ParameterizedTest
        @EnumSource(value = Stage.class, names = {"MQL", "SQL"})
        void returnsAnMqlOrSqlWithTheStageItLeftAndTheReason(Stage stage) {
            fixture.given(historyReaching(stage))
                   .when(new ReturnToNurture(ID, ReturnReason.NO_BUDGET, "next year"), by(REP))
                   .expectEvents(new ReturnedToNurture(ID, stage, ReturnReason.NO_BUDGET, "next year", REP, NOW));
        }

        @ParameterizedTest
        @EnumSource(value = Stage.class, names = {"MQL", "SQL"}, mode = Mode.EXCLUDE)
        void refusesAnyOtherStage(Stage stage) {
            fixture.given(historyReaching(stage))
                   .when(new ReturnToNurture(ID, ReturnReason.BAD_FIT, null), by(REP))
                   .expectException(violationOf("return-requires-mql-or-sql"))
                   .expectExceptionMessage(containsString("this contact is " + stage))
                   .expectNoEvents();
        }

        @ParameterizedTest
        @EnumSource(value = Stage.class, names = {"MQL", "SQL"})
        void startsANewEpisodeInWhichTheLeadMayBecomeAnMqlAgain(Stage stage) {
            fixture.given(historyOf(historyReaching(stage), returnedToNurture(stage)))
                   .when(new MarkAsMql(ID, Tier.of("A"), "back with a demo request", null), by(SCORING))
                   .expectEvents(new MarkedMQL(ID, Stage.LEAD, Tier.of("A"), "back with a demo request", Evidence.none(), SCORING,
                                               NOW));
        }

        @Test
        void leavesALeadThatSalesCannotAcceptUntilItIsAnMqlAgain() {
            fixture.given(historyOf(historyReaching(Stage.SQL), returnedToNurture(Stage.SQL)))
                   .when(new AcceptAsSql(ID, null), by(REP))
                   .expectException(violationOf("accept-requires-mql"))
                   .expectExceptionMessage(containsString("this contact is LEAD"))
                   .expectNoEvents();
        }

        @Test
        void leavesALeadThatMayBeReturnedOnlyOnce() {
            fixture.given(historyOf(historyReaching(Stage.MQL), returnedToNurture(Stage.MQL)))
                   .when(new ReturnToNurture(ID, ReturnReason.NO_RESPONSE, null), by(REP))
                   .expectException(violationOf("return-requires-mql-or-sql"))
                   .expectNoEvents();
        }

        @Test
        void letsTheSecondEpisodeGoAllTheWayToSql() {
            fixture.given(captured(Stage.LEAD), markedMql(Stage.LEAD), acceptedAsSql(), returnedToNurture(Stage.SQL),
                          markedMql(Stage.LEAD))
                   .when(new AcceptAsSql(ID, "budget this time"), by(REP))
                   .expectEvents(new AcceptedAsSQL(ID, "budget this time", REP, NOW));
        }
    }

    @Nested
    class Disqualifying {

        @ParameterizedTest
        @EnumSource(value = Stage.class, names = {"SUBSCRIBER", "LEAD"})
        void disqualifiesASubscriberOrLead(Stage stage) {
            fixture.given(historyReaching(stage))
                   .when(new DisqualifyContact(ID, DisqualificationReason.STUDENT, ".edu address"), by(MARKETER))
                   .expectEvents(new ContactDisqualified(ID, DisqualificationReason.STUDENT, ".edu address", MARKETER, NOW));
        }

        @ParameterizedTest
        @EnumSource(value = Stage.class, names = {"SUBSCRIBER", "LEAD"}, mode = Mode.EXCLUDE)
        void refusesFromMqlOn(Stage stage) {
            fixture.given(historyReaching(stage))
                   .when(new DisqualifyContact(ID, DisqualificationReason.SPAM, null), by(MARKETER))
                   .expectException(violationOf("disqualify-only-before-mql"))
                   .expectExceptionMessage(containsString("this contact is " + stage))
                   .expectNoEvents();
        }

        @ParameterizedTest
        @EnumSource(value = Stage.class, names = {"MQL", "SQL"})
        void tellsSalesToReturnAnMqlOrSqlToNurtureFirst(Stage stage) {
            fixture.given(historyReaching(stage))
                   .when(new DisqualifyContact(ID, DisqualificationReason.COMPETITOR, null), by(REP))
                   .expectException(violationOf("disqualify-only-before-mql"))
                   .expectExceptionMessage(containsString("return it to nurture first"))
                   .expectNoEvents();
        }

        @Test
        void disqualifiesAnMqlOnceSalesHasReturnedItToNurture() {
            fixture.given(historyOf(historyReaching(Stage.MQL), returnedToNurture(Stage.MQL)))
                   .when(new DisqualifyContact(ID, DisqualificationReason.COMPETITOR, "works for a rival"), by(REP))
                   .expectEvents(new ContactDisqualified(ID, DisqualificationReason.COMPETITOR, "works for a rival", REP, NOW));
        }

        @ParameterizedTest
        @EnumSource(value = Stage.class, names = {"SUBSCRIBER", "LEAD"})
        void refusesTwice(Stage stage) {
            fixture.given(captured(stage), disqualified())
                   .when(new DisqualifyContact(ID, DisqualificationReason.SPAM, null), by(MARKETER))
                   .expectException(violationOf("already-disqualified"))
                   .expectExceptionMessage(containsString("disqualified " + stage))
                   .expectNoEvents();
        }

        @Test
        void disqualifiesAgainAfterARequalification() {
            fixture.given(captured(Stage.LEAD), disqualified(), requalified())
                   .when(new DisqualifyContact(ID, DisqualificationReason.BAD_FIT, null), by(MARKETER))
                   .expectEvents(new ContactDisqualified(ID, DisqualificationReason.BAD_FIT, null, MARKETER, NOW));
        }
    }

    @Nested
    class Requalifying {

        @ParameterizedTest
        @EnumSource(value = Stage.class, names = {"SUBSCRIBER", "LEAD"})
        void aPersonLiftsTheDisqualification(Stage stage) {
            fixture.given(captured(stage), disqualified())
                   .when(new RequalifyContact(ID, "moved to a prospect company"), by(MARKETER))
                   .expectEvents(new ContactRequalified(ID, "moved to a prospect company", MARKETER, NOW));
        }

        @Test
        void theRequalifiedContactMayBecomeAnMql() {
            fixture.given(captured(Stage.LEAD), disqualified(), requalified())
                   .when(new MarkAsMql(ID, Tier.of("A"), "demo request", null), by(SCORING))
                   .expectEvents(new MarkedMQL(ID, Stage.LEAD, Tier.of("A"), "demo request", Evidence.none(), SCORING, NOW));
        }

        @Test
        void theSystemCannotOverruleAPersonsDisqualification() {
            fixture.given(captured(Stage.LEAD), disqualified())
                   .when(new RequalifyContact(ID, "score is high"), by(SCORING))
                   .expectException(violationOf("requalify-needs-a-person"))
                   .expectExceptionMessage(containsString("disqualified LEAD"))
                   .expectNoEvents();
        }

        @ParameterizedTest
        @EnumSource(Stage.class)
        void refusesAContactThatIsNotDisqualified(Stage stage) {
            fixture.given(historyReaching(stage))
                   .when(new RequalifyContact(ID, "why not"), by(MARKETER))
                   .expectException(violationOf("not-disqualified"))
                   .expectExceptionMessage(containsString("this contact is " + stage + " and not disqualified"))
                   .expectNoEvents();
        }

        @Test
        void refusesTwice() {
            fixture.given(captured(Stage.LEAD), disqualified(), requalified())
                   .when(new RequalifyContact(ID, "again"), by(MARKETER))
                   .expectException(violationOf("not-disqualified"))
                   .expectNoEvents();
        }
    }
}
