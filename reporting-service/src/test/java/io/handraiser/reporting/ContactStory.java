package io.handraiser.reporting;

import io.handraiser.contract.contact.AcceptedAsSQL;
import io.handraiser.contract.contact.ContactCaptured;
import io.handraiser.contract.contact.ContactDisqualified;
import io.handraiser.contract.contact.ContactErased;
import io.handraiser.contract.contact.ContactId;
import io.handraiser.contract.contact.ContactRequalified;
import io.handraiser.contract.contact.DisqualificationReason;
import io.handraiser.contract.contact.Email;
import io.handraiser.contract.contact.EngagementDetail;
import io.handraiser.contract.contact.EngagementRecorded;
import io.handraiser.contract.contact.EngagementType;
import io.handraiser.contract.contact.Evidence;
import io.handraiser.contract.contact.LifecycleStageAdvanced;
import io.handraiser.contract.contact.MarkedMQL;
import io.handraiser.contract.contact.Profile;
import io.handraiser.contract.contact.ReturnReason;
import io.handraiser.contract.contact.ReturnedToNurture;
import io.handraiser.contract.contact.Signal;
import io.handraiser.contract.contact.Source;
import io.handraiser.contract.contact.Stage;
import io.handraiser.contract.contact.Tier;
import io.handraiser.contract.scoring.LeadScoreChanged;
import io.handraiser.contract.shared.Actor;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A contact's history as contact-service would have recorded it, in the test's own words:
 * {@code ContactStory.captured(at, "hubspot", "q4").mql(later, "A", "v3").sql(later)}. Keeps the stage so each
 * event's {@code from} is right.
 */
final class ContactStory {

    static final Actor AUTOMATION = Actor.person("automation-user");
    static final Actor SALES = Actor.person("ana");
    static final Actor MARKETING = Actor.person("mia");

    private final ContactId id;
    private final List<DomainEventMessage<?>> events = new ArrayList<>();
    private Stage stage;
    private long scoreSequence;
    private Evidence lastScore;

    private ContactStory(ContactId id) {
        this.id = id;
    }

    static ContactStory captured(Instant at, String system, String campaign) {
        return captured(at, system, campaign, Stage.LEAD);
    }

    static ContactStory captured(Instant at, String system, String campaign, Stage stage) {
        ContactStory story = new ContactStory(new ContactId(UUID.randomUUID()));
        String tag = story.id.toString().substring(0, 8);
        story.stage = stage;
        return story.add(new ContactCaptured(story.id, new Email("person-" + tag + "@example.com"),
                                             new Profile("First" + tag, "Last" + tag, "Company" + tag, "Title" + tag, "Software", 120, "GB",
                                                         "+44 " + tag),
                                             new Source(system, campaign), stage, AUTOMATION, at));
    }

    /** An MQL by the scoring model {@code modelVersion}, or by a person when it is null. */
    ContactStory mql(Instant at, String tier, String modelVersion) {
        Actor actor = modelVersion == null ? MARKETING : Actor.system("scoring-service", modelVersion);
        Evidence evidence = lastScore != null ? lastScore
                : Evidence.scored(30, 45, List.of(new Signal("pricing-page-visit", 45, "https://acme.test/pricing?u=" + id)));
        MarkedMQL event = new MarkedMQL(id, stage, Tier.of(tier), "score reached tier " + tier, evidence, actor, at);
        stage = Stage.MQL;
        return add(event);
    }

    /** The score scoring-service states, in its own stream {@code lead-score-{id}}; a later MQL decision carries it as evidence. */
    ContactStory scored(Instant at, String modelVersion, int fit, int engagement, String tier) {
        lastScore = Evidence.scored(fit, engagement, List.of(new Signal("pricing-page-visit", engagement, "https://acme.test/pricing?u=" + id)));
        events.add(new GenericDomainEventMessage<>("LeadScore", "lead-score-" + id, scoreSequence++,
                                                   new LeadScoreChanged(id, modelVersion, tier == null ? null : Tier.of(tier), lastScore, at)));
        return this;
    }

    /** An MQL decided by a person without a score in its evidence. */
    ContactStory manualMqlWithoutScore(Instant at, String tier) {
        MarkedMQL event = new MarkedMQL(id, stage, Tier.of(tier), "asked for a demo on the phone", Evidence.none(), MARKETING, at);
        stage = Stage.MQL;
        return add(event);
    }

    ContactStory sql(Instant at) {
        stage = Stage.SQL;
        return add(new AcceptedAsSQL(id, "budget confirmed by " + id, SALES, at));
    }

    ContactStory returned(Instant at, ReturnReason reason) {
        ReturnedToNurture event = new ReturnedToNurture(id, stage, reason, "call back later " + id, SALES, at);
        stage = Stage.LEAD;
        return add(event);
    }

    ContactStory disqualified(Instant at, DisqualificationReason reason) {
        return add(new ContactDisqualified(id, reason, "student address " + id, MARKETING, at));
    }

    ContactStory requalified(Instant at) {
        return add(new ContactRequalified(id, "works there now", MARKETING, at));
    }

    ContactStory advanced(Instant at, Stage to) {
        LifecycleStageAdvanced event = new LifecycleStageAdvanced(id, stage, to, "deal moved", SALES, at);
        stage = to;
        return add(event);
    }

    ContactStory engaged(Instant at) {
        return add(new EngagementRecorded(id, "e-" + events.size(), EngagementType.PAGE_VIEW, at,
                                          EngagementDetail.page("https://acme.test/pricing?u=" + id), Source.of("website"), AUTOMATION, at));
    }

    ContactStory erased(Instant at) {
        return add(new ContactErased(id, MARKETING, at));
    }

    ContactId id() {
        return id;
    }

    Stage stage() {
        return stage;
    }

    List<DomainEventMessage<?>> events() {
        return events;
    }

    private ContactStory add(Object payload) {
        events.add(new GenericDomainEventMessage<>("Contact", id.toString(), events.size() - scoreSequence, payload));
        return this;
    }
}
