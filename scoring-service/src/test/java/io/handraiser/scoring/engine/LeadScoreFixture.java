package io.handraiser.scoring.engine;

import io.handraiser.contract.contact.ContactCaptured;
import io.handraiser.contract.contact.ContactEvent;
import io.handraiser.contract.contact.ContactId;
import io.handraiser.contract.contact.Email;
import io.handraiser.contract.contact.EngagementDetail;
import io.handraiser.contract.contact.EngagementRecorded;
import io.handraiser.contract.contact.EngagementType;
import io.handraiser.contract.contact.MarkedMQL;
import io.handraiser.contract.contact.Profile;
import io.handraiser.contract.contact.ReturnReason;
import io.handraiser.contract.contact.ReturnedToNurture;
import io.handraiser.contract.contact.Source;
import io.handraiser.contract.contact.Stage;
import io.handraiser.contract.contact.Tier;
import io.handraiser.contract.contact.Evidence;
import io.handraiser.contract.scoring.LeadScoreEvent;
import io.handraiser.contract.shared.Actor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The scoring saga of one contact driven like a saga test fixture: contact events arrive, time elapses and the
 * decay deadline fires when it falls due, exactly as the service's processor and deadline poller drive it.
 */
final class LeadScoreFixture {

    static final ContactId ID = ContactId.of("0b9e3c6a-5d8f-4f53-9a57-3f8e0c2d7a11");
    static final Instant START = Instant.parse("2026-11-02T09:00:00Z");
    static final VersionedModel MODEL = new VersionedModel("1", DefaultModel.parsed());
    static final Actor AUTOMATION = Actor.person("hubspot-sync");
    static final Actor REP = Actor.person("rep-1");

    private LeadScore state = LeadScore.start(ID, MODEL.version());
    private Instant now = START;
    private Instant deadline;
    private final List<LeadScoreEvent> published = new ArrayList<>();
    private int engagements;

    static ContactCaptured headOfMarketingAtAnItCompany(Instant at) {
        return new ContactCaptured(ID, new Email("ada@acme.io"), new Profile("Ada", "Lovelace", "Acme", "Head of Marketing",
                                                                              "Information Technology", null, null, null),
                                   Source.of("hubspot"), Stage.LEAD, AUTOMATION, at);
    }

    Instant now() {
        return now;
    }

    Instant deadline() {
        return deadline;
    }

    LeadScore state() {
        return state;
    }

    /** Applies the events at the current time and returns what scoring published for them. */
    List<LeadScoreEvent> when(ContactEvent... events) {
        List<LeadScoreEvent> out = new ArrayList<>();
        for (ContactEvent event : events) {
            out.addAll(record(state.on(event, MODEL, now)));
        }
        return out;
    }

    List<LeadScoreEvent> whenTimeElapses(Duration duration) {
        Instant target = now.plus(duration);
        List<LeadScoreEvent> out = new ArrayList<>();
        while (deadline != null && !deadline.isAfter(target)) {
            now = deadline;
            out.addAll(record(state.reevaluate(MODEL, now)));
        }
        now = target;
        return out;
    }

    List<LeadScoreEvent> allPublished() {
        return List.copyOf(published);
    }

    EngagementRecorded engagement(EngagementType type, EngagementDetail detail, Instant occurredAt) {
        return new EngagementRecorded(ID, "e-" + ++engagements, type, occurredAt, detail, Source.of("website"), AUTOMATION, now);
    }

    EngagementRecorded pricingVisit() {
        return engagement(EngagementType.PAGE_VIEW, EngagementDetail.page("https://handraiser.example/pricing"), now);
    }

    EngagementRecorded guideDownload() {
        return engagement(EngagementType.CONTENT_DOWNLOAD, EngagementDetail.asset("marketing-ops-guide.pdf"), now);
    }

    MarkedMQL markedMqlByScoring(Tier tier) {
        return new MarkedMQL(ID, Stage.LEAD, tier, "scored", Evidence.none(), Actor.system("scoring-service", MODEL.version()), now);
    }

    ReturnedToNurture returnedToNurture() {
        return new ReturnedToNurture(ID, Stage.MQL, ReturnReason.NOT_READY, null, REP, now);
    }

    private List<LeadScoreEvent> record(LeadScore.Outcome outcome) {
        state = outcome.score();
        deadline = outcome.nextChangeAt();
        published.addAll(outcome.events());
        return outcome.events();
    }
}
