package io.handraiser.contact.lifecycle;

import io.handraiser.contract.contact.EngagementDetail;
import io.handraiser.contract.contact.EngagementRecorded;
import io.handraiser.contract.contact.EngagementType;
import io.handraiser.contract.contact.RecordEngagement;
import io.handraiser.contract.contact.Source;
import io.handraiser.contract.contact.Stage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;

import static io.handraiser.contact.lifecycle.ContactFixtures.EARLIER;
import static io.handraiser.contact.lifecycle.ContactFixtures.ID;
import static io.handraiser.contact.lifecycle.ContactFixtures.NOW;
import static io.handraiser.contact.lifecycle.ContactFixtures.SCORING;
import static io.handraiser.contact.lifecycle.ContactFixtures.by;
import static io.handraiser.contact.lifecycle.ContactFixtures.captured;
import static io.handraiser.contact.lifecycle.ContactFixtures.disqualified;
import static io.handraiser.contact.lifecycle.ContactFixtures.historyReaching;
import static io.handraiser.contact.lifecycle.ContactFixtures.markedMql;
import static io.handraiser.contact.lifecycle.ContactFixtures.newFixture;
import static io.handraiser.contact.lifecycle.ContactFixtures.returnedToNurture;

/** Engagements are facts about what a contact did: recorded at any stage, and exactly once per source id. */
class EngagementTest {

    private static final Source WEBSITE = Source.of("website");
    private static final EngagementDetail PRICING = EngagementDetail.page("/pricing");

    private AggregateTestFixture<Contact> fixture;

    @BeforeEach
    void setUp() {
        fixture = newFixture();
    }

    private static RecordEngagement pricingVisit(String engagementId) {
        return new RecordEngagement(ID, engagementId, EngagementType.PAGE_VIEW, EARLIER, PRICING, WEBSITE);
    }

    private static EngagementRecorded pricingVisitRecorded(String engagementId) {
        return new EngagementRecorded(ID, engagementId, EngagementType.PAGE_VIEW, EARLIER, PRICING, WEBSITE, SCORING, NOW);
    }

    @ParameterizedTest
    @EnumSource(Stage.class)
    void isRecordedAtEveryStageWithWhenItHappenedAndWhenItWasRecorded(Stage stage) {
        fixture.given(historyReaching(stage))
               .when(pricingVisit("hs-1"), by(SCORING))
               .expectEvents(pricingVisitRecorded("hs-1"));
    }

    @Test
    void isRecordedForADisqualifiedContact() {
        fixture.given(captured(Stage.LEAD), disqualified())
               .when(pricingVisit("hs-1"), by(SCORING))
               .expectEvents(pricingVisitRecorded("hs-1"));
    }

    @Test
    void aRepeatedEngagementIdRecordsNothing() {
        fixture.given(captured(Stage.LEAD), pricingVisitRecorded("hs-1"))
               .when(pricingVisit("hs-1"), by(SCORING))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void aRepeatedEngagementIdRecordsNothingEvenWhenTheRetryDiffers() {
        RecordEngagement retriedAsDownload = new RecordEngagement(ID, "hs-1", EngagementType.CONTENT_DOWNLOAD, NOW,
                                                                  EngagementDetail.asset("whitepaper.pdf"), WEBSITE);
        fixture.given(captured(Stage.LEAD), pricingVisitRecorded("hs-1"))
               .when(retriedAsDownload, by(SCORING))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void anEngagementIdIsRememberedAcrossEpisodes() {
        fixture.given(captured(Stage.LEAD), pricingVisitRecorded("hs-1"), markedMql(Stage.LEAD), returnedToNurture(Stage.MQL))
               .when(pricingVisit("hs-1"), by(SCORING))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void aNewEngagementIdAmongManyIsRecorded() {
        List<Object> history = new ArrayList<>(List.of(captured(Stage.LEAD)));
        for (int i = 1; i <= 50; i++) {
            history.add(pricingVisitRecorded("hs-" + i));
        }
        fixture.given(history)
               .when(pricingVisit("hs-51"), by(SCORING))
               .expectEvents(pricingVisitRecorded("hs-51"));
    }
}
