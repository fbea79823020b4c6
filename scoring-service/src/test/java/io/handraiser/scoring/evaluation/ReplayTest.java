package io.handraiser.scoring.evaluation;

import io.handraiser.contract.contact.ContactCaptured;
import io.handraiser.contract.contact.ContactId;
import io.handraiser.contract.contact.Email;
import io.handraiser.contract.contact.EngagementDetail;
import io.handraiser.contract.contact.EngagementRecorded;
import io.handraiser.contract.contact.EngagementType;
import io.handraiser.contract.contact.Profile;
import io.handraiser.contract.contact.Source;
import io.handraiser.contract.contact.Stage;
import io.handraiser.scoring.engine.VersionedModel;
import io.handraiser.scoring.evaluation.Replay.ReplayedContact;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static io.handraiser.scoring.evaluation.PlantedHistory.AUTOMATION;
import static org.assertj.core.api.Assertions.assertThat;

/** The replay and its report on a generated history whose truth is known, without a database. */
class ReplayTest {

    static final PlantedHistory HISTORY = PlantedHistory.generate(2_000, 42);

    static EvaluationReport evaluate(String document, TimeRange range, List<ContactEventLog.Recorded> events) {
        VersionedModel model = PlantedHistory.model("candidate", document);
        Replay replay = new Replay(model, range);
        events.forEach(recorded -> replay.accept(recorded.event(), recorded.sequence()));
        return EvaluationReport.of(replay.finish(), model.model(), events.size(), 1_000);
    }

    @Test
    void aModelRewardingThePlantedSignalFindsTheConverters() {
        EvaluationReport report = evaluate(PlantedHistory.SIGNAL_MODEL, TimeRange.ALL, HISTORY.events);

        System.out.printf("signal model: qualified %d, precision %s, recall %s; recorded MQLs: precision %s, recall %s%n",
                          report.candidate().qualified(), report.candidate().precision(), report.candidate().recall(),
                          report.actual().precision(), report.actual().recall());
        assertThat(report.contacts()).isEqualTo(2_000);
        assertThat(report.candidate().precision()).isGreaterThan(0.85);
        assertThat(report.candidate().recall()).isGreaterThan(0.75);
        assertThat(report.candidate().precision()).isGreaterThan(report.actual().precision());
        long converters = HISTORY.kinds.values().stream().filter(kind -> kind == PlantedHistory.Kind.CONVERTER).count();
        assertThat(report.candidate().qualified()).isBetween(converters * 9 / 10, converters * 11 / 10);
    }

    @Test
    void aModelRewardingNoiseScoresWorse() {
        EvaluationReport signal = evaluate(PlantedHistory.SIGNAL_MODEL, TimeRange.ALL, HISTORY.events);
        EvaluationReport noise = evaluate(PlantedHistory.NOISE_MODEL, TimeRange.ALL, HISTORY.events);

        System.out.printf("noise model: qualified %d, precision %s, recall %s%n",
                          noise.candidate().qualified(), noise.candidate().precision(), noise.candidate().recall());
        assertThat(noise.candidate().precision()).isLessThan(0.35).isLessThan(signal.candidate().precision());
        assertThat(noise.candidate().recall()).isLessThan(signal.candidate().recall());
    }

    @Test
    void theRecordedMqlsAreComparedWithTheirOutcomes() {
        EvaluationReport report = evaluate(PlantedHistory.SIGNAL_MODEL, TimeRange.ALL, HISTORY.events);

        long marked = HISTORY.events.stream().filter(recorded -> recorded.event() instanceof io.handraiser.contract.contact.MarkedMQL).count();
        assertThat(report.actual().qualified()).isEqualTo(marked);
        assertThat(report.overlap().both() + report.overlap().actualOnly()).isEqualTo(marked);
        assertThat(report.overlap().both() + report.overlap().candidateOnly()).isEqualTo(report.candidate().qualified());
        assertThat(report.outcomes().positive() + report.outcomes().negative() + report.outcomes().unknown()).isEqualTo(2_000);
        assertThat(report.wouldBeMqls().listed()).hasSize((int) Math.min(1_000, report.wouldBeMqls().qualifications()))
                                                 .isSortedAccordingTo((a, b) -> a.at().compareTo(b.at()) != 0 ? a.at().compareTo(b.at())
                                                         : a.contactId().compareTo(b.contactId()));
        assertThat(report.wouldBeMqls().byTier()).singleElement().satisfies(
                tier -> assertThat(tier.qualifications()).isEqualTo(report.wouldBeMqls().qualifications()));
    }

    @Test
    void thePlantedRuleHasTheHighestLift() {
        EvaluationReport report = evaluate(PlantedHistory.FLAT_MODEL, TimeRange.ALL, HISTORY.events);

        EvaluationReport.RuleLift first = report.rules().get(0);
        assertThat(first.rule()).isEqualTo("pricing-page-visit");
        assertThat(first.lift()).isGreaterThan(1.5);
        assertThat(report.rules()).filteredOn(lift -> lift.rule().equals("email-opened"))
                                  .singleElement().satisfies(lift -> assertThat(lift.lift()).isLessThan(1));
    }

    @Test
    void theSameHistoryAndModelGiveTheSameReportWhateverTheOrderAcrossContacts() {
        EvaluationReport first = evaluate(PlantedHistory.FLAT_MODEL, TimeRange.ALL, HISTORY.events);
        List<ContactEventLog.Recorded> shuffled = new ArrayList<>(HISTORY.events);
        Collections.shuffle(shuffled, new Random(7));

        assertThat(evaluate(PlantedHistory.FLAT_MODEL, TimeRange.ALL, HISTORY.events)).isEqualTo(first);
        // a scan of the log keeps no order: each contact's events are put back in sequence order
        assertThat(evaluate(PlantedHistory.FLAT_MODEL, TimeRange.ALL, shuffled)).isEqualTo(first);
    }

    @Test
    void theReportIsTheSameWhateverTheNumberOfShards() {
        List<ContactEventLog.Recorded> shuffled = new ArrayList<>(HISTORY.events);
        Collections.shuffle(shuffled, new Random(11));

        EvaluationReport one = evaluateIn(1, shuffled);

        assertThat(evaluateIn(4, shuffled)).isEqualTo(one);
        assertThat(evaluate(PlantedHistory.SIGNAL_MODEL, TimeRange.ALL, shuffled)).isEqualTo(one);
    }

    @Test
    void aReplayWithoutFeaturesLeavesOutTheLabelsAndReportsTheSame() {
        VersionedModel model = PlantedHistory.model("candidate", PlantedHistory.SIGNAL_MODEL);
        Replay withFeatures = new Replay(model, TimeRange.ALL);
        Replay withoutFeatures = Replay.withoutFeatures(model, TimeRange.ALL);
        HISTORY.events.forEach(recorded -> {
            withFeatures.accept(recorded.event(), recorded.sequence());
            withoutFeatures.accept(recorded.event(), recorded.sequence());
        });

        Replay.Result full = withFeatures.finish();
        Replay.Result lean = withoutFeatures.finish();

        assertThat(full.contacts()).anySatisfy(contact -> assertThat(contact.label()).isNotNull());
        assertThat(lean.contacts()).allSatisfy(contact -> assertThat(contact.label()).isNull());
        assertThat(EvaluationReport.of(lean, model.model(), HISTORY.events.size(), 1_000))
                .isEqualTo(EvaluationReport.of(full, model.model(), HISTORY.events.size(), 1_000));
    }

    /** Each contact's events fed to one of {@code shards} parts of the replay, as the log's workers feed them. */
    private static EvaluationReport evaluateIn(int shards, List<ContactEventLog.Recorded> events) {
        VersionedModel model = PlantedHistory.model("candidate", PlantedHistory.SIGNAL_MODEL);
        Replay replay = new Replay(model, TimeRange.ALL);
        List<Replay.Shard> parts = new ArrayList<>();
        for (int i = 0; i < shards; i++) {
            parts.add(replay.shard());
        }
        events.forEach(recorded -> parts.get(Math.floorMod(recorded.event().contactId().hashCode(), shards))
                                        .accept(recorded.event(), recorded.sequence()));
        return EvaluationReport.of(replay.finish(), model.model(), events.size(), 1_000);
    }

    @Test
    void aRangeCountsOnlyQualificationsWithinIt() {
        Instant from = PlantedHistory.START.plus(Duration.ofDays(20));
        Instant to = PlantedHistory.START.plus(Duration.ofDays(40));
        EvaluationReport report = evaluate(PlantedHistory.SIGNAL_MODEL, new TimeRange(from, to), HISTORY.events);

        assertThat(report.contacts()).isBetween(1L, 1_999L);
        assertThat(report.wouldBeMqls().listed()).isNotEmpty()
                                                 .allSatisfy(listed -> assertThat(listed.at()).isBetween(from, to.minusNanos(1)));
    }

    @Test
    void aNegativeSignalThatFadesLetsTheContactQualifyWithoutANewEvent() {
        String model = """
                {"name": "unsubscribe fades",
                 "engagement": [{"name": "demo-page", "type": "PAGE_VIEW", "urlPattern": "/demo", "points": 50}],
                 "negative": [{"name": "unsubscribed", "type": "UNSUBSCRIBED", "points": -30, "decay": {"after": "P7D", "then": "expire"}}],
                 "tiers": [{"name": "A", "minFit": 0, "minTotal": 40}]}
                """;
        ContactId id = new ContactId(UUID.randomUUID());
        Instant start = Instant.parse("2026-03-02T10:00:00Z");
        List<ContactEventLog.Recorded> events = List.of(
                recorded(new ContactCaptured(id, new Email("x@y.example"), Profile.empty(), Source.of("web"), Stage.LEAD, AUTOMATION, start), 0),
                recorded(engagement(id, "u", EngagementType.UNSUBSCRIBED, null, start.plusSeconds(60)), 1),
                recorded(engagement(id, "d", EngagementType.PAGE_VIEW, "https://x.example/demo", start.plusSeconds(120)), 2),
                recorded(engagement(id, "o", EngagementType.EMAIL_OPENED, null, start.plus(Duration.ofDays(10))), 3));

        EvaluationReport report = evaluate(model, TimeRange.ALL, events);

        // 50 - 30 stays below 40 until the unsubscribe expires after 7 days, not at the next event on day 10
        assertThat(report.wouldBeMqls().listed()).singleElement()
                                                 .satisfies(listed -> assertThat(listed.at()).isEqualTo(start.plusSeconds(60).plus(Duration.ofDays(7))));
    }

    @Test
    void anEventWaitsForItsPredecessorAndOneWhoseNeverCameIsCountedAsWithheld() {
        ContactId id = new ContactId(UUID.randomUUID());
        Instant start = Instant.parse("2026-03-02T10:00:00Z");
        VersionedModel model = PlantedHistory.model("candidate", PlantedHistory.SIGNAL_MODEL);
        Replay replay = new Replay(model, TimeRange.ALL);
        replay.accept(engagement(id, "p2", EngagementType.PAGE_VIEW, "https://x.example/pricing", start.plusSeconds(120)), 2);
        replay.accept(new ContactCaptured(id, new Email("x@y.example"), Profile.empty(), Source.of("web"), Stage.LEAD, AUTOMATION, start), 0);
        replay.accept(engagement(id, "p1", EngagementType.PAGE_VIEW, "https://x.example/pricing", start.plusSeconds(60)), 1);
        ContactId other = new ContactId(UUID.randomUUID());
        replay.accept(engagement(other, "p9", EngagementType.PAGE_VIEW, "https://x.example/pricing", start), 5);

        Replay.Result result = replay.finish();

        assertThat(result.withheld()).isEqualTo(1);
        assertThat(result.eventsApplied()).isEqualTo(3);
        ReplayedContact replayed = result.contacts().stream().filter(contact -> contact.contactId().equals(id.toString())).findFirst().orElseThrow();
        assertThat(replayed.wouldBe()).singleElement().satisfies(qualification -> assertThat(qualification.at()).isEqualTo(start.plusSeconds(120)));
    }

    private static ContactEventLog.Recorded recorded(io.handraiser.contract.contact.ContactEvent event, long sequence) {
        return new ContactEventLog.Recorded(event, sequence);
    }

    private static EngagementRecorded engagement(ContactId id, String engagementId, EngagementType type, String url, Instant at) {
        return new EngagementRecorded(id, engagementId, type, at, url == null ? null : EngagementDetail.page(url), Source.of("web"), AUTOMATION, at);
    }
}
