package io.handraiser.contact.lifecycle;

import io.handraiser.contract.contact.AdvanceStage;
import io.handraiser.contract.contact.LifecycleStageAdvanced;
import io.handraiser.contract.contact.Stage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.stream.Stream;

import static io.handraiser.contact.lifecycle.ContactFixtures.ID;
import static io.handraiser.contact.lifecycle.ContactFixtures.NOW;
import static io.handraiser.contact.lifecycle.ContactFixtures.REP;
import static io.handraiser.contact.lifecycle.ContactFixtures.advanced;
import static io.handraiser.contact.lifecycle.ContactFixtures.by;
import static io.handraiser.contact.lifecycle.ContactFixtures.captured;
import static io.handraiser.contact.lifecycle.ContactFixtures.disqualified;
import static io.handraiser.contact.lifecycle.ContactFixtures.historyReaching;
import static io.handraiser.contact.lifecycle.ContactFixtures.newFixture;
import static io.handraiser.contact.lifecycle.ContactFixtures.violationOf;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

/**
 * Every stage a contact can be in against every stage {@link AdvanceStage} can name: forward moves only, leaving
 * the funnel for OTHER from anywhere in it, and nothing out of OTHER.
 */
class StageAdvanceTest {

    private AggregateTestFixture<Contact> fixture;

    @BeforeEach
    void setUp() {
        fixture = newFixture();
    }

    private static Stream<Arguments> moves() {
        return Arrays.stream(Stage.values())
                     .flatMap(from -> AdvanceStage.TARGETS.stream().map(to -> Arguments.of(from, to)));
    }

    private static Stream<Arguments> forwardMoves() {
        return moves().filter(move -> to(move).isAfter(from(move)));
    }

    private static Stream<Arguments> movesBackOrInPlace() {
        return moves().filter(move -> from(move) != Stage.OTHER && to(move) != Stage.OTHER && !to(move).isAfter(from(move)));
    }

    private static Stream<Arguments> movesOutOfOther() {
        return moves().filter(move -> from(move) == Stage.OTHER);
    }

    private static Stage from(Arguments move) {
        return (Stage) move.get()[0];
    }

    private static Stage to(Arguments move) {
        return (Stage) move.get()[1];
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("forwardMoves")
    void movesForwardRecordingBothStages(Stage from, Stage to) {
        fixture.given(historyReaching(from))
               .when(new AdvanceStage(ID, to, "deal moved"), by(REP))
               .expectEvents(new LifecycleStageAdvanced(ID, from, to, "deal moved", REP, NOW));
    }

    @ParameterizedTest(name = "{0} -> OTHER")
    @EnumSource(value = Stage.class, names = "OTHER", mode = EnumSource.Mode.EXCLUDE)
    void leavesTheFunnelForOtherFromAnyStageInIt(Stage from) {
        fixture.given(historyReaching(from))
               .when(new AdvanceStage(ID, Stage.OTHER, "is a partner"), by(REP))
               .expectEvents(new LifecycleStageAdvanced(ID, from, Stage.OTHER, "is a partner", REP, NOW));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("movesBackOrInPlace")
    void neverMovesBackOrStaysPut(Stage from, Stage to) {
        fixture.given(historyReaching(from))
               .when(new AdvanceStage(ID, to, null), by(REP))
               .expectException(violationOf("forward-only"))
               .expectExceptionMessage(allOf(containsString("this contact is " + from), containsString("cannot become " + to)))
               .expectNoEvents();
    }

    @ParameterizedTest(name = "OTHER -> {1}")
    @MethodSource("movesOutOfOther")
    void nothingMovesOutOfOther(Stage from, Stage to) {
        fixture.given(historyReaching(from))
               .when(new AdvanceStage(ID, to, null), by(REP))
               .expectException(violationOf("stage-is-final"))
               .expectExceptionMessage(containsString("this contact is OTHER and cannot become " + to))
               .expectNoEvents();
    }

    @Test
    void aStageReachedByAdvancingIsWhereTheNextMoveStarts() {
        fixture.given(captured(Stage.LEAD), advanced(Stage.LEAD, Stage.CUSTOMER))
               .when(new AdvanceStage(ID, Stage.OPPORTUNITY, null), by(REP))
               .expectException(violationOf("forward-only"))
               .expectNoEvents();
    }

    @Test
    void aDisqualifiedContactStillMovesForward() {
        fixture.given(captured(Stage.LEAD), disqualified())
               .when(new AdvanceStage(ID, Stage.CUSTOMER, "bought through a partner"), by(REP))
               .expectEvents(new LifecycleStageAdvanced(ID, Stage.LEAD, Stage.CUSTOMER, "bought through a partner", REP, NOW));
    }
}
