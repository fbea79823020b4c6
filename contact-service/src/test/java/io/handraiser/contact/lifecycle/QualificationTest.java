package io.handraiser.contact.lifecycle;

import io.handraiser.contract.contact.AcceptAsSql;
import io.handraiser.contract.contact.AcceptedAsSQL;
import io.handraiser.contract.contact.Evidence;
import io.handraiser.contract.contact.MarkAsMql;
import io.handraiser.contract.contact.MarkedMQL;
import io.handraiser.contract.contact.Signal;
import io.handraiser.contract.contact.Stage;
import io.handraiser.contract.contact.Tier;
import io.handraiser.contract.shared.Actor;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.EnumSource.Mode;

import java.util.List;

import static io.handraiser.contact.lifecycle.ContactFixtures.ID;
import static io.handraiser.contact.lifecycle.ContactFixtures.MARKETER;
import static io.handraiser.contact.lifecycle.ContactFixtures.NOW;
import static io.handraiser.contact.lifecycle.ContactFixtures.REP;
import static io.handraiser.contact.lifecycle.ContactFixtures.SCORING;
import static io.handraiser.contact.lifecycle.ContactFixtures.by;
import static io.handraiser.contact.lifecycle.ContactFixtures.captured;
import static io.handraiser.contact.lifecycle.ContactFixtures.disqualified;
import static io.handraiser.contact.lifecycle.ContactFixtures.historyReaching;
import static io.handraiser.contact.lifecycle.ContactFixtures.newFixture;
import static io.handraiser.contact.lifecycle.ContactFixtures.violationOf;
import static org.hamcrest.Matchers.containsString;

/** Marketing marks a contact MQL (a person or the scoring model); sales accepts an MQL as SQL. */
class QualificationTest {

    private static final Evidence SCORED = Evidence.scored(40, 65, List.of(new Signal("demo-requested", 65, null)));

    private AggregateTestFixture<Contact> fixture;

    @BeforeEach
    void setUp() {
        fixture = newFixture();
    }

    @Nested
    class MarkingMql {

        @ParameterizedTest
        @EnumSource(value = Stage.class, names = {"SUBSCRIBER", "LEAD"})
        void marksASubscriberOrLeadRecordingTheStageItLeft(Stage stage) {
            fixture.given(historyReaching(stage))
                   .when(new MarkAsMql(ID, Tier.of("B"), "asked for a demo", null), by(MARKETER))
                   .expectEvents(new MarkedMQL(ID, stage, Tier.of("B"), "asked for a demo", Evidence.none(), MARKETER, NOW));
        }

        @Test
        void theScoringModelMarksNamingTheModelVersionWhoseRulesTheEvidenceLists() {
            Actor model7 = Actor.system("scoring-service", "model-7");
            fixture.given(captured(Stage.LEAD))
                   .when(new MarkAsMql(ID, Tier.of("A"), "score 105 >= 100", SCORED), by(model7))
                   .expectEvents(new MarkedMQL(ID, Stage.LEAD, Tier.of("A"), "score 105 >= 100", SCORED, model7, NOW));
        }

        @Test
        void refusesTwiceInOneEpisode() {
            fixture.given(historyReaching(Stage.MQL))
                   .when(new MarkAsMql(ID, Tier.of("B"), "again", null), by(MARKETER))
                   .expectException(violationOf("already-mql"))
                   .expectExceptionMessage(containsString("this contact is MQL"))
                   .expectNoEvents();
        }

        @ParameterizedTest
        @EnumSource(value = Stage.class, names = {"SQL", "OPPORTUNITY", "CUSTOMER", "EVANGELIST", "OTHER"})
        void refusesAContactPastMqlOrOutsideTheFunnel(Stage stage) {
            fixture.given(historyReaching(stage))
                   .when(new MarkAsMql(ID, Tier.of("A"), "manual", null), by(MARKETER))
                   .expectException(violationOf("mql-only-from-subscriber-or-lead"))
                   .expectExceptionMessage(containsString("this contact is " + stage))
                   .expectNoEvents();
        }

        @ParameterizedTest
        @EnumSource(value = Stage.class, names = {"SUBSCRIBER", "LEAD"})
        void refusesADisqualifiedContact(Stage stage) {
            fixture.given(captured(stage), disqualified())
                   .when(new MarkAsMql(ID, Tier.of("A"), "score 105 >= 100", SCORED), by(SCORING))
                   .expectException(violationOf("disqualified-cannot-become-mql"))
                   .expectExceptionMessage(containsString("this contact is a disqualified " + stage))
                   .expectNoEvents();
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
        @EnumSource(value = Stage.class, names = "MQL", mode = Mode.EXCLUDE)
        void refusesAnythingButAnMql(Stage stage) {
            fixture.given(historyReaching(stage))
                   .when(new AcceptAsSql(ID, null), by(REP))
                   .expectException(violationOf("accept-requires-mql"))
                   .expectExceptionMessage(containsString("this contact is " + stage))
                   .expectNoEvents();
        }
    }
}
