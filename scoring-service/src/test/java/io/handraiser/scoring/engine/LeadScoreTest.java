package io.handraiser.scoring.engine;

import io.handraiser.contract.contact.AcceptedAsSQL;
import io.handraiser.contract.contact.ContactCaptured;
import io.handraiser.contract.contact.ContactDisqualified;
import io.handraiser.contract.contact.ContactErased;
import io.handraiser.contract.contact.ContactRequalified;
import io.handraiser.contract.contact.DisqualificationReason;
import io.handraiser.contract.contact.Email;
import io.handraiser.contract.contact.EngagementType;
import io.handraiser.contract.contact.Profile;
import io.handraiser.contract.contact.Source;
import io.handraiser.contract.contact.Stage;
import io.handraiser.contract.contact.Tier;
import io.handraiser.contract.scoring.DisqualifyingSignalDetected;
import io.handraiser.contract.scoring.LeadScoreChanged;
import io.handraiser.contract.scoring.LeadScoreEvent;
import io.handraiser.contract.scoring.LeadScoreQualified;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.handraiser.scoring.engine.LeadScoreFixture.AUTOMATION;
import static io.handraiser.scoring.engine.LeadScoreFixture.ID;
import static io.handraiser.scoring.engine.LeadScoreFixture.REP;
import static io.handraiser.scoring.engine.LeadScoreFixture.headOfMarketingAtAnItCompany;
import static org.assertj.core.api.Assertions.assertThat;

/** The scoring saga: what scoring states about one contact as its events arrive and time passes. */
class LeadScoreTest {

    private LeadScoreFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new LeadScoreFixture();
    }

    private void qualifyWithGuideAndThreePricingVisits() {
        fixture.when(headOfMarketingAtAnItCompany(fixture.now()), fixture.guideDownload(), fixture.pricingVisit());
        fixture.whenTimeElapses(Duration.ofDays(5));
        fixture.when(fixture.pricingVisit());
        fixture.whenTimeElapses(Duration.ofDays(5));
    }

    @Test
    void aFittingContactQualifiesOnceItsThirdPricingVisitReachesTierA() {
        qualifyWithGuideAndThreePricingVisits();

        List<LeadScoreEvent> published = fixture.when(fixture.pricingVisit());

        assertThat(published).hasSize(2);
        LeadScoreQualified qualified = (LeadScoreQualified) published.get(1);
        assertThat(qualified.tier()).isEqualTo(Tier.of("A"));
        assertThat(qualified.modelVersion()).isEqualTo("1");
        assertThat(qualified.evidence().score()).isEqualTo(45 + 15 + 3 * 15);
        assertThat(qualified.evidence().signals()).extracting(signal -> signal.rule())
                                                  .contains("marketing-leader", "pricing-page-visit", "guide-download");
        assertThat(qualified.evidence().signals()).allSatisfy(signal -> assertThat(signal.detail()).doesNotContain("Ada", "acme.io", "Head of"));
    }

    @Test
    void qualifiesOnlyOncePerEpisodeHoweverMuchMoreItEngages() {
        qualifyWithGuideAndThreePricingVisits();
        fixture.when(fixture.pricingVisit());

        List<LeadScoreEvent> more = fixture.when(fixture.engagement(EngagementType.WEBINAR_ATTENDED, null, fixture.now()));

        assertThat(more).singleElement().isInstanceOf(LeadScoreChanged.class);
        assertThat(fixture.allPublished()).filteredOn(LeadScoreQualified.class::isInstance).hasSize(1);
    }

    @Test
    void aReturnedContactRequalifiesOnlyOnNewEngagement() {
        qualifyWithGuideAndThreePricingVisits();
        fixture.when(fixture.pricingVisit(), fixture.markedMqlByScoring(Tier.of("A")));

        List<LeadScoreEvent> returned = fixture.when(fixture.returnedToNurture());
        List<LeadScoreEvent> oldNewsBackfilled = fixture.when(
                fixture.engagement(EngagementType.WEBINAR_ATTENDED, null, fixture.now().minus(Duration.ofDays(3))));
        fixture.whenTimeElapses(Duration.ofHours(1));
        List<LeadScoreEvent> engagedAgain = fixture.when(fixture.engagement(EngagementType.EMAIL_CLICKED, null, fixture.now()));

        assertThat(returned).isEmpty();
        assertThat(oldNewsBackfilled).noneMatch(LeadScoreQualified.class::isInstance);
        assertThat(engagedAgain).filteredOn(LeadScoreQualified.class::isInstance).singleElement()
                                .satisfies(event -> assertThat(((LeadScoreQualified) event).tier()).isEqualTo(Tier.of("A")));
        assertThat(fixture.state().episode()).isEqualTo(2);
    }

    @Test
    void aDemoRequestFromAFittingContactQualifiesAtOnce() {
        fixture.when(headOfMarketingAtAnItCompany(fixture.now()));

        List<LeadScoreEvent> published = fixture.when(fixture.engagement(EngagementType.DEMO_REQUESTED, null, fixture.now()));

        assertThat(published).filteredOn(LeadScoreQualified.class::isInstance).singleElement()
                             .satisfies(event -> assertThat(((LeadScoreQualified) event).reason()).startsWith("hand-raiser demo-request"));
    }

    @Test
    void aCompetitorIsReportedOnceAndNeverQualifies() {
        ContactCaptured rival = new ContactCaptured(ID, new Email("jo@rival.example"), new Profile(null, null, null, "VP Marketing", "Software",
                                                                                                   300, "US", null),
                                                    Source.of("form"), Stage.LEAD, AUTOMATION, fixture.now());

        List<LeadScoreEvent> captured = fixture.when(rival);
        List<LeadScoreEvent> demo = fixture.when(fixture.engagement(EngagementType.DEMO_REQUESTED, null, fixture.now()));
        fixture.when(new ContactDisqualified(ID, DisqualificationReason.COMPETITOR, "scoring rule competitor", AUTOMATION, fixture.now()));
        fixture.when(new ContactRequalified(ID, "moved to a customer", REP, fixture.now()));
        List<LeadScoreEvent> afterRequalified = fixture.when(fixture.pricingVisit());

        assertThat(captured).filteredOn(DisqualifyingSignalDetected.class::isInstance).singleElement()
                            .satisfies(event -> assertThat(((DisqualifyingSignalDetected) event).reason()).isEqualTo(DisqualificationReason.COMPETITOR));
        assertThat(demo).noneMatch(event -> event instanceof LeadScoreQualified || event instanceof DisqualifyingSignalDetected);
        assertThat(afterRequalified).noneMatch(DisqualifyingSignalDetected.class::isInstance);
        assertThat(fixture.allPublished()).noneMatch(LeadScoreQualified.class::isInstance);
    }

    @Test
    void theDecayDeadlineLowersTheScoreWhenPricingVisitsLeaveTheirWindow() {
        fixture.when(headOfMarketingAtAnItCompany(fixture.now()), fixture.pricingVisit());
        assertThat(fixture.deadline()).isEqualTo(LeadScoreFixture.START.plus(Duration.ofDays(14)));

        List<LeadScoreEvent> beforeDeadline = fixture.whenTimeElapses(Duration.ofDays(13));
        List<LeadScoreEvent> atDeadline = fixture.whenTimeElapses(Duration.ofDays(1));

        assertThat(beforeDeadline).isEmpty();
        assertThat(atDeadline).singleElement().isInstanceOfSatisfying(LeadScoreChanged.class,
                changed -> assertThat(changed.evidence().engagement()).isZero());
        assertThat(fixture.deadline()).isNull();
        assertThat(fixture.state().engagements()).isEmpty();
    }

    @Test
    void halvingGuidePointsScheduleADeadlineAfterEachPeriodUntilNothingIsLeft() {
        fixture.when(headOfMarketingAtAnItCompany(fixture.now()), fixture.guideDownload());

        List<LeadScoreEvent> changes = fixture.whenTimeElapses(Duration.ofDays(200));

        assertThat(changes).extracting(event -> ((LeadScoreChanged) event).evidence().engagement()).containsExactly(7, 3, 1, 0);
        assertThat(fixture.deadline()).isNull();
    }

    @Test
    void noQualificationOnceWithSalesOrAfterErasure() {
        fixture.when(headOfMarketingAtAnItCompany(fixture.now()), fixture.markedMqlByScoring(Tier.of("B")),
                     new AcceptedAsSQL(ID, null, REP, fixture.now()));

        List<LeadScoreEvent> asSql = fixture.when(fixture.engagement(EngagementType.DEMO_REQUESTED, null, fixture.now()));
        List<LeadScoreEvent> erased = fixture.when(new ContactErased(ID, REP, fixture.now()));
        List<LeadScoreEvent> afterErasure = fixture.when(fixture.pricingVisit());

        assertThat(asSql).noneMatch(LeadScoreQualified.class::isInstance);
        assertThat(erased).isEmpty();
        assertThat(afterErasure).isEmpty();
        assertThat(fixture.state().erased()).isTrue();
        assertThat(fixture.state().facts()).isEqualTo(Facts.none());
        assertThat(fixture.state().stage()).isEqualTo(Stage.SQL);
    }

    @Test
    void keepsNoPersonalDataOnlyRuleNames() {
        fixture.when(headOfMarketingAtAnItCompany(fixture.now()), fixture.pricingVisit());

        assertThat(fixture.state().facts().jobTitleRules()).containsExactly("marketing-leader");
        assertThat(fixture.state().toString()).doesNotContain("Head of Marketing", "ada@", "Lovelace", "/pricing");
    }
}
