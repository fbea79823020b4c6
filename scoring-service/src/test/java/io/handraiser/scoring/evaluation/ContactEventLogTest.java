package io.handraiser.scoring.evaluation;

import io.handraiser.contract.contact.Evidence;
import io.handraiser.contract.contact.Tier;
import io.handraiser.contract.scoring.LeadScoreChanged;
import io.handraiser.scoring.engine.VersionedModel;
import io.handraiser.scoring.evaluation.Replay.ReplayedContact;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The replay reading the real event log: encrypted personal data, erased contacts, other streams in between. */
class ContactEventLogTest {

    static final PlantedHistory HISTORY = PlantedHistory.generate(600, 7);
    static EventLogOnMongo log;

    @BeforeAll
    static void writeTheHistory() {
        log = new EventLogOnMongo();
        log.append(HISTORY, 20);
        // facts of other streams and events of no aggregate share the log; the replay passes them by
        log.engine.appendEvents(List.of(
                new GenericDomainEventMessage<>("LeadScore", "lead-score-x", 0,
                                                new LeadScoreChanged(HISTORY.events.get(0).event().contactId(), "1", Tier.of("A"), Evidence.none(), Instant.now()), Map.of()),
                GenericEventMessage.asEventMessage("a fact of no aggregate")));
    }

    static Replay.Result replay(String model) {
        Replay replay = new Replay(PlantedHistory.model("candidate", model), TimeRange.ALL);
        long read = log.log().replay(replay, events -> { }, 1_000);
        assertThat(read).isEqualTo(HISTORY.events.size());
        return replay.finish();
    }

    @Test
    void readsEveryContactEventOnceAndOpensThePersonalData() {
        Replay.Result result = replay(PlantedHistory.SIGNAL_MODEL);

        assertThat(result.eventsApplied()).isEqualTo(HISTORY.events.size());
        assertThat(result.withheld()).isZero();
        // the planted signal is in the page URL, which the log holds encrypted: finding the converters proves it opened
        Set<String> found = result.contacts().stream().filter(contact -> !contact.wouldBe().isEmpty()).map(ReplayedContact::contactId)
                                  .collect(Collectors.toSet());
        long converters = HISTORY.kinds.entrySet().stream()
                                       .filter(kind -> kind.getValue() == PlantedHistory.Kind.CONVERTER && found.contains(kind.getKey().toString()))
                                       .count();
        assertThat(converters).isGreaterThan(HISTORY.kinds.values().stream().filter(kind -> kind == PlantedHistory.Kind.CONVERTER).count() * 8 / 10);
    }

    @Test
    void eventsGoThroughTheApplicationsUpcastersWhenItHasAny() {
        AtomicInteger offered = new AtomicInteger();
        SingleEventUpcaster passThrough = new SingleEventUpcaster() {
            @Override
            protected boolean canUpcast(IntermediateEventRepresentation representation) {
                offered.incrementAndGet();
                return false;
            }

            @Override
            protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
                return representation;
            }
        };
        VersionedModel model = PlantedHistory.model("candidate", PlantedHistory.SIGNAL_MODEL);
        Replay upcast = new Replay(model, TimeRange.ALL);

        new ContactEventLog(log.database, log.serializer, List.of(passThrough), 1).replay(upcast, events -> { }, 1_000);

        assertThat(offered.get()).isEqualTo(HISTORY.events.size());
        assertThat(upcast.finish()).isEqualTo(replay(PlantedHistory.SIGNAL_MODEL));
    }

    @Test
    void theReportIsTheSameWhateverTheNumberOfThreads() {
        VersionedModel model = PlantedHistory.model("candidate", PlantedHistory.SIGNAL_MODEL);
        Replay onOne = new Replay(model, TimeRange.ALL);
        Replay onThree = new Replay(model, TimeRange.ALL);

        new ContactEventLog(log.database, log.serializer, List.of(), 1).replay(onOne, events -> { }, 1_000);
        new ContactEventLog(log.database, log.serializer, List.of(), 3).replay(onThree, events -> { }, 1_000);

        EvaluationReport one = EvaluationReport.of(onOne.finish(), model.model(), HISTORY.events.size(), 1_000);
        assertThat(EvaluationReport.of(onThree.finish(), model.model(), HISTORY.events.size(), 1_000)).isEqualTo(one);
    }

    @Test
    void anErasedContactIsReplayedWithoutItsPersonalDataAndKeepsItsOutcome() {
        assertThat(HISTORY.erased).isNotEmpty();
        Map<String, ReplayedContact> byId = replay(PlantedHistory.SIGNAL_MODEL).contacts().stream()
                                                                              .collect(Collectors.toMap(ReplayedContact::contactId, contact -> contact));

        for (var id : HISTORY.erased) {
            ReplayedContact erased = byId.get(id.toString());
            // its pricing visits read without their URL, so they match no rule
            assertThat(erased.wouldBe()).isEmpty();
            assertThat(erased.outcome()).isNotEqualTo(ContactOutcome.UNKNOWN);
        }
    }

    @Test
    void theReportFromTheLogEqualsTheReportFromTheSameEventsInMemoryApartFromTheErased() {
        // the blog rule reads the URL, which an erased contact's events no longer open
        List<ReplayedContact> kept = readFromTheLogAsInMemoryApartFromTheErased(PlantedHistory.NOISE_MODEL);

        assertThat(kept).anySatisfy(contact -> assertThat(contact.rulesCounted()).contains("blog-visit"));
    }

    @Test
    void aModelTestingTheJobTitleAndTheEmailDomainOpensThemFromTheLog() {
        // the replay opens only the personal values its model reads: these rules must find theirs opened
        String profileModel = """
                {"name": "profile focus",
                 "fit": [{"name": "marketing-head", "attribute": "jobTitle", "pattern": "head of marketing", "points": 40}],
                 "engagement": [{"name": "email-opened", "type": "EMAIL_OPENED", "points": 10}],
                 "disqualifiers": [{"name": "firm-7", "attribute": "emailDomain", "equals": "firm7.example", "reason": "COMPETITOR"}],
                 "tiers": [{"name": "A", "minFit": 40, "minTotal": 60}]}
                """;

        List<ReplayedContact> kept = readFromTheLogAsInMemoryApartFromTheErased(profileModel);

        assertThat(kept).anySatisfy(contact -> assertThat(contact.rulesCounted()).contains("marketing-head"));
        assertThat(kept).anySatisfy(contact -> assertThat(contact.rulesCounted()).contains("firm-7"));
    }

    /** The contacts replayed from the log but the erased ones, once checked equal to those replayed from memory. */
    private static List<ReplayedContact> readFromTheLogAsInMemoryApartFromTheErased(String document) {
        VersionedModel model = PlantedHistory.model("candidate", document);
        Replay fromLog = new Replay(model, TimeRange.ALL);
        log.log().replay(fromLog, events -> { }, 1_000);
        Replay inMemory = new Replay(model, TimeRange.ALL);
        HISTORY.events.forEach(recorded -> inMemory.accept(recorded.event(), recorded.sequence()));

        Set<String> erased = HISTORY.erased.stream().map(Object::toString).collect(Collectors.toSet());
        Replay.Result read = fromLog.finish();
        Replay.Result expected = inMemory.finish();
        assertThat(read.eventsApplied()).isEqualTo(expected.eventsApplied());
        List<ReplayedContact> readKept = read.contacts().stream().filter(contact -> !erased.contains(contact.contactId())).toList();
        List<ReplayedContact> expectedKept = expected.contacts().stream().filter(contact -> !erased.contains(contact.contactId())).toList();
        assertThat(readKept.equals(expectedKept)).as("the contacts read from the log are the ones in memory").isTrue();
        assertThat(readKept).hasSize(HISTORY.kinds.size() - erased.size());
        return readKept;
    }
}
