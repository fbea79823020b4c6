package io.handraiser.scoring.engine;

import io.handraiser.contract.contact.DisqualificationReason;
import io.handraiser.contract.contact.EngagementType;
import io.handraiser.contract.contact.Tier;
import io.handraiser.scoring.engine.Score.Explained;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The default B2B model on the contacts of the examples. */
class ScoringEngineTest {

    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    static final ScoringModel MODEL = DefaultModel.parsed();

    static final ContactFacts HEAD_OF_MARKETING_AT_IT_COMPANY =
            new ContactFacts("Information Technology", 200, "DE", "Head of Marketing", "acme.io");
    static final ContactFacts STUDENT = new ContactFacts(null, null, "GB", "Student", "uni.ac.uk");
    static final ContactFacts COMPETITOR = new ContactFacts("Software", 300, "US", "VP Marketing", "rival.example");

    static Instant daysAgo(double days) {
        return NOW.minus(Duration.ofMinutes((long) (days * 24 * 60)));
    }

    static Engagement pricingVisit(String id, Instant at) {
        return new Engagement(id, EngagementType.PAGE_VIEW, at, "https://handraiser.example/pricing?utm=q4", null);
    }

    static Engagement download(String id, String asset, Instant at) {
        return new Engagement(id, EngagementType.CONTENT_DOWNLOAD, at, null, asset);
    }

    static Engagement of(String id, EngagementType type, Instant at) {
        return new Engagement(id, type, at, null, null);
    }

    @Test
    void headOfMarketingAtAnItCompanyWithAGuideAndThreePricingVisitsInTwoWeeksIsTierA() {
        Score score = ScoringEngine.score(MODEL, HEAD_OF_MARKETING_AT_IT_COMPANY,
                                          List.of(download("g-1", "marketing-ops-guide.pdf", daysAgo(10)),
                                                  pricingVisit("p-1", daysAgo(12)), pricingVisit("p-2", daysAgo(6)),
                                                  pricingVisit("p-3", daysAgo(1))), NOW);

        assertThat(score.fit()).isEqualTo(20 + 15 + 10 + 25);
        assertThat(score.engagement()).isEqualTo(15 + 3 * 15);
        assertThat(score.tier()).isEqualTo(Tier.of("A"));
        assertThat(score.reason()).isEqualTo("tier A: fit 70 >= 40 and total 130 >= 100");
        assertThat(score.signals()).extracting(Explained::rule)
                                   .containsExactly("industry-technology", "company-size-mid-market", "territory", "marketing-leader",
                                                    "pricing-page-visit", "guide-download");
    }

    @Test
    void aStudentDownloadingEbooksDoesNotQualify() {
        Score score = ScoringEngine.score(MODEL, STUDENT,
                                          List.of(download("e-1", "seo-ebook.pdf", daysAgo(3)), download("e-2", "ebook-growth.pdf", daysAgo(2)),
                                                  download("e-3", "content-e-book.pdf", daysAgo(1))), NOW);

        assertThat(score.fit()).isEqualTo(10 - 40 - 30);
        assertThat(score.engagement()).isEqualTo(15);
        assertThat(score.tier()).isNull();
        assertThat(score.disqualifier()).isNull();
    }

    @Test
    void aCompetitorIsDisqualifiedWhateverItDoes() {
        Score score = ScoringEngine.score(MODEL, COMPETITOR,
                                          List.of(of("d-1", EngagementType.DEMO_REQUESTED, daysAgo(1)), pricingVisit("p-1", daysAgo(1))), NOW);

        assertThat(score.disqualifier().name()).isEqualTo("competitor");
        assertThat(score.disqualificationReason()).isEqualTo(DisqualificationReason.COMPETITOR);
        assertThat(score.tier()).isNull();
        assertThat(score.signals()).filteredOn(signal -> signal.kind() == Score.Kind.DISQUALIFIER).singleElement()
                                   .satisfies(signal -> assertThat(signal.points()).isZero());
    }

    @Test
    void aDemoRequestFromAFittingContactQualifiesAtOnce() {
        ContactFacts fitting = new ContactFacts("Software", null, null, "Head of Marketing", "acme.io");

        Score score = ScoringEngine.score(MODEL, fitting, List.of(of("d-1", EngagementType.DEMO_REQUESTED, NOW)), NOW);

        assertThat(score.total()).isEqualTo(45 + 50).isLessThan(100);
        assertThat(score.tier()).isEqualTo(Tier.of("A"));
        assertThat(score.handRaiser()).isEqualTo("demo-request");
        assertThat(score.reason()).isEqualTo("hand-raiser demo-request with fit 45 >= 40: tier A");
    }

    @Test
    void aDemoRequestDoesNotQualifyAContactWhoseFitReachesNoTier() {
        Score score = ScoringEngine.score(MODEL, STUDENT, List.of(of("d-1", EngagementType.DEMO_REQUESTED, NOW)), NOW);

        assertThat(score.handRaiser()).isEqualTo("demo-request");
        assertThat(score.tier()).isNull();
    }

    @Test
    void aBuyingGuideCountsOnceAsTheHandRaiserNotAlsoAsAGuide() {
        ContactFacts fitting = new ContactFacts("Software", null, null, "CTO", "acme.io");

        Score score = ScoringEngine.score(MODEL, fitting, List.of(download("b-1", "buyers-guide-2026.pdf", daysAgo(2))), NOW);

        assertThat(score.signals()).extracting(Explained::rule).containsExactly("industry-technology", "executive", "buying-guide-download");
        assertThat(score.tier()).isEqualTo(Tier.of("A"));
    }

    @Test
    void pricingVisitsOlderThanTheWindowStopCounting() {
        List<Engagement> visits = List.of(pricingVisit("p-1", daysAgo(20)), pricingVisit("p-2", daysAgo(16)), pricingVisit("p-3", daysAgo(13)));

        Score score = ScoringEngine.score(MODEL, HEAD_OF_MARKETING_AT_IT_COMPANY, visits, NOW);

        Explained pricing = score.signals().stream().filter(signal -> signal.rule().equals("pricing-page-visit")).findFirst().orElseThrow();
        assertThat(pricing.points()).isEqualTo(15);
        assertThat(pricing.occurrences()).extracting(Score.Occurrence::engagementId).containsExactly("p-3");
        assertThat(pricing.expiresAt()).isEqualTo(daysAgo(13).plus(Duration.ofDays(14)));
        assertThat(score.nextChangeAt()).isEqualTo(daysAgo(13).plus(Duration.ofDays(14)));
    }

    @Test
    void atMostThreePricingVisitsCountPerFourteenDays() {
        List<Engagement> visits = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            visits.add(pricingVisit("p-" + i, daysAgo(i + 0.5)));
        }

        Score score = ScoringEngine.score(MODEL, ContactFacts.unknown(), visits, NOW);

        assertThat(score.engagement()).isEqualTo(45);
        assertThat(score.signals().get(0).occurrences()).extracting(Score.Occurrence::engagementId).containsExactly("p-0", "p-1", "p-2");
    }

    @Test
    void guidePointsHalveEveryThirtyDaysUntilNothingIsLeft() {
        List<Engagement> guide = List.of(download("g-1", "whitepaper.pdf", NOW));

        assertThat(ScoringEngine.score(MODEL, ContactFacts.unknown(), guide, NOW.plus(Duration.ofDays(29))).engagement()).isEqualTo(15);
        assertThat(ScoringEngine.score(MODEL, ContactFacts.unknown(), guide, NOW.plus(Duration.ofDays(30))).engagement()).isEqualTo(7);
        assertThat(ScoringEngine.score(MODEL, ContactFacts.unknown(), guide, NOW.plus(Duration.ofDays(60))).engagement()).isEqualTo(3);
        assertThat(ScoringEngine.score(MODEL, ContactFacts.unknown(), guide, NOW.plus(Duration.ofDays(90))).engagement()).isEqualTo(1);
        Score gone = ScoringEngine.score(MODEL, ContactFacts.unknown(), guide, NOW.plus(Duration.ofDays(120)));
        assertThat(gone.engagement()).isZero();
        assertThat(gone.signals()).isEmpty();

        Explained fresh = ScoringEngine.score(MODEL, ContactFacts.unknown(), guide, NOW).signals().get(0);
        assertThat(fresh.nextChangeAt()).isEqualTo(NOW.plus(Duration.ofDays(30)));
        assertThat(fresh.expiresAt()).isEqualTo(NOW.plus(Duration.ofDays(120)));
    }

    @Test
    void negativeSignalsSubtractFromTheirSide() {
        ContactFacts freeMail = new ContactFacts("Software", null, null, null, "gmail.com");

        Score score = ScoringEngine.score(MODEL, freeMail, List.of(of("u-1", EngagementType.UNSUBSCRIBED, daysAgo(1)),
                                                                   of("w-1", EngagementType.WEBINAR_ATTENDED, daysAgo(1))), NOW);

        assertThat(score.fit()).isEqualTo(20 - 15);
        assertThat(score.engagement()).isEqualTo(15 - 30);
    }

    @Test
    void theSameInputsAlwaysGiveTheSameScore() {
        List<Engagement> engagements = randomEngagements(new Random(7), 200);

        Score first = ScoringEngine.score(MODEL, HEAD_OF_MARKETING_AT_IT_COMPANY, engagements, NOW);
        List<Engagement> reversed = new ArrayList<>(engagements);
        Collections.reverse(reversed);

        assertThat(ScoringEngine.score(MODEL, HEAD_OF_MARKETING_AT_IT_COMPANY, reversed, NOW)).isEqualTo(first);
    }

    /** DESIGN section 8: a total that does not match its explanation is a bug users of other tools complain about. */
    @Test
    void theExplanationAlwaysSumsToTheScore() {
        Random random = new Random(42);
        List<ContactFacts> people = List.of(HEAD_OF_MARKETING_AT_IT_COMPANY, STUDENT, COMPETITOR, ContactFacts.unknown(),
                                            new ContactFacts("Retail", 12, "BR", "Intern", "gmail.com"));
        for (int round = 0; round < 300; round++) {
            ContactFacts facts = people.get(random.nextInt(people.size()));
            Instant at = NOW.plus(Duration.ofHours(random.nextInt(24 * 200)));

            Score score = ScoringEngine.score(MODEL, facts, randomEngagements(random, random.nextInt(40)), at);

            assertThat(score.signals().stream().mapToInt(Explained::points).sum()).isEqualTo(score.total());
            assertThat(score.signals().stream().filter(Explained::isFit).mapToInt(Explained::points).sum()).isEqualTo(score.fit());
            assertThat(score.evidence().score()).isEqualTo(score.total());
            score.signals().stream().filter(signal -> !signal.occurrences().isEmpty())
                 .forEach(signal -> assertThat(signal.occurrences().stream().mapToInt(Score.Occurrence::points).sum()).isEqualTo(signal.points()));
        }
    }

    /** What scoring stores of a contact's engagements must give every later score the full history would give. */
    @Test
    void keepingOnlyWhatCanStillCountChangesNoLaterScore() {
        Random random = new Random(20261123);
        List<MatchedEngagement> all = matched(randomEngagements(random, 1_200));
        List<MatchedEngagement> kept = ScoringEngine.worthKeeping(MODEL, all, NOW);

        assertThat(all.stream().filter(engagement -> engagement.rule().equals("email-click")
                                                     && MODEL.activityRule("email-click").pointsAt(engagement.occurredAt(), NOW) != 0))
                .as("email clicks still in their window").hasSizeGreaterThan(5);
        assertThat(kept.stream().filter(engagement -> engagement.rule().equals("email-click"))).hasSize(5);
        assertThat(kept.stream().filter(engagement -> engagement.rule().equals("pricing-page-visit")).count()).isLessThanOrEqualTo(3);
        assertEveryScoreFor200DaysIsTheSame(NOW, Set.of("territory"), kept, all);

        List<MatchedEngagement> arrivingLater = matched(randomEngagements(random, 60));
        Instant later = NOW.plus(Duration.ofDays(3));
        List<MatchedEngagement> allThen = new ArrayList<>(all);
        allThen.addAll(arrivingLater);
        List<MatchedEngagement> keptThen = new ArrayList<>(kept);
        keptThen.addAll(arrivingLater);
        assertEveryScoreFor200DaysIsTheSame(later, Set.of(), ScoringEngine.worthKeeping(MODEL, keptThen, later), allThen);
    }

    private static void assertEveryScoreFor200DaysIsTheSame(Instant from, Set<String> profileRules, List<MatchedEngagement> kept,
                                                            List<MatchedEngagement> all) {
        for (int hours = 0; hours < 24 * 200; hours += 7) {
            Instant at = from.plus(Duration.ofHours(hours));
            assertThat(ScoringEngine.evaluate(MODEL, profileRules, kept, at))
                    .as("%d hours after %s", hours, from).isEqualTo(ScoringEngine.evaluate(MODEL, profileRules, all, at));
        }
    }

    private static List<MatchedEngagement> matched(List<Engagement> engagements) {
        List<MatchedEngagement> matched = new ArrayList<>();
        engagements.forEach(engagement -> ScoringEngine.ruleFor(MODEL, engagement).ifPresent(matched::add));
        return matched;
    }

    static List<Engagement> randomEngagements(Random random, int count) {
        List<Engagement> engagements = new ArrayList<>();
        String[] urls = {"https://x.example/pricing", "https://x.example/blog", "https://x.example/features"};
        String[] assets = {"guide.pdf", "ebook.pdf", "buyers-guide.pdf", "logo.png"};
        for (int i = 0; i < count; i++) {
            EngagementType type = EngagementType.builtIn().get(random.nextInt(EngagementType.builtIn().size()));
            Instant at = NOW.minus(Duration.ofHours(random.nextInt(24 * 120)));
            engagements.add(new Engagement("e-" + i, type, at, urls[random.nextInt(urls.length)], assets[random.nextInt(assets.length)]));
        }
        return engagements;
    }
}
