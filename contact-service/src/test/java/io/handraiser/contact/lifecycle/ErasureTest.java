package io.handraiser.contact.lifecycle;

import io.handraiser.contract.contact.AcceptAsSql;
import io.handraiser.contract.contact.AdvanceStage;
import io.handraiser.contract.contact.ContactCaptured;
import io.handraiser.contract.contact.ContactErased;
import io.handraiser.contract.contact.DisqualificationReason;
import io.handraiser.contract.contact.DisqualifyContact;
import io.handraiser.contract.contact.EngagementDetail;
import io.handraiser.contract.contact.EngagementType;
import io.handraiser.contract.contact.EraseContact;
import io.handraiser.contract.contact.Evidence;
import io.handraiser.contract.contact.MarkAsMql;
import io.handraiser.contract.contact.Profile;
import io.handraiser.contract.contact.RecordEngagement;
import io.handraiser.contract.contact.RequalifyContact;
import io.handraiser.contract.contact.ReturnReason;
import io.handraiser.contract.contact.ReturnToNurture;
import io.handraiser.contract.contact.Stage;
import io.handraiser.contract.contact.Tier;
import io.handraiser.contract.contact.UpdateContactProfile;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.handraiser.contact.lifecycle.ContactFixtures.EARLIER;
import static io.handraiser.contact.lifecycle.ContactFixtures.HUBSPOT;
import static io.handraiser.contact.lifecycle.ContactFixtures.ID;
import static io.handraiser.contact.lifecycle.ContactFixtures.MARKETER;
import static io.handraiser.contact.lifecycle.ContactFixtures.NOW;
import static io.handraiser.contact.lifecycle.ContactFixtures.REP;
import static io.handraiser.contact.lifecycle.ContactFixtures.by;
import static io.handraiser.contact.lifecycle.ContactFixtures.captured;
import static io.handraiser.contact.lifecycle.ContactFixtures.historyReaching;
import static io.handraiser.contact.lifecycle.ContactFixtures.newFixture;
import static io.handraiser.contact.lifecycle.ContactFixtures.violationOf;

/** The right to be forgotten: any contact can be erased once, and an erased contact takes no more commands. */
class ErasureTest {

    private AggregateTestFixture<Contact> fixture;

    @BeforeEach
    void setUp() {
        fixture = newFixture();
    }

    @ParameterizedTest
    @EnumSource(Stage.class)
    void aContactAtAnyStageCanBeErased(Stage stage) {
        fixture.given(historyReaching(stage))
               .when(new EraseContact(ID), by(MARKETER))
               .expectSuccessfulHandlerExecution()
               .expectEvents(new ContactErased(ID, MARKETER, NOW));
    }

    @Test
    void aDisqualifiedContactCanBeErased() {
        fixture.given(captured(Stage.LEAD), ContactFixtures.disqualified())
               .when(new EraseContact(ID), by(MARKETER))
               .expectEvents(new ContactErased(ID, MARKETER, NOW));
    }

    @Test
    void erasingTwiceRecordsNothingTheSecondTime() {
        fixture.given(captured(Stage.LEAD), new ContactErased(ID, MARKETER, EARLIER))
               .when(new EraseContact(ID), by(MARKETER))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    static Stream<Object> everyOtherCommand() {
        return Stream.of(
                new UpdateContactProfile(ID, new Profile("Ada", null, null, null, null, null, null, null)),
                new RecordEngagement(ID, "e-9", EngagementType.PAGE_VIEW, NOW, EngagementDetail.page("/pricing"), HUBSPOT),
                new MarkAsMql(ID, Tier.of("A"), "asked for a call", Evidence.none()),
                new AcceptAsSql(ID, null),
                new ReturnToNurture(ID, ReturnReason.NOT_READY, null),
                new DisqualifyContact(ID, DisqualificationReason.SPAM, null),
                new RequalifyContact(ID, "mistake"),
                new AdvanceStage(ID, Stage.OPPORTUNITY, null));
    }

    @ParameterizedTest
    @MethodSource("everyOtherCommand")
    void anErasedContactRefusesEveryOtherCommand(Object command) {
        List<Object> history = new ArrayList<>(historyReaching(Stage.SQL));
        history.add(new ContactErased(ID, MARKETER, EARLIER));

        fixture.given(history)
               .when(command, by(REP))
               .expectException(violationOf("contact-erased"))
               .expectNoEvents();
    }

    /** After erasure the stored events read with their personal values null; the contact must still load. */
    @Test
    void aHistoryReadAfterErasureStillLoads() {
        ContactCaptured asReadAfterErasure = new ContactCaptured(ID, null, new Profile(null, null, null, null, "Software", 120, "GB", null),
                                                                 HUBSPOT, Stage.LEAD, REP, EARLIER);

        fixture.given(asReadAfterErasure, new ContactErased(ID, MARKETER, EARLIER))
               .when(new AdvanceStage(ID, Stage.OPPORTUNITY, null), by(REP))
               .expectException(violationOf("contact-erased"));
    }
}
