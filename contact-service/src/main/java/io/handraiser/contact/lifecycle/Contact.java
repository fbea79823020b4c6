package io.handraiser.contact.lifecycle;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.handraiser.contract.contact.AcceptAsSql;
import io.handraiser.contract.contact.AcceptedAsSQL;
import io.handraiser.contract.contact.AdvanceStage;
import io.handraiser.contract.contact.CaptureContact;
import io.handraiser.contract.contact.ContactCaptured;
import io.handraiser.contract.contact.ContactDisqualified;
import io.handraiser.contract.contact.ContactId;
import io.handraiser.contract.contact.ContactProfileUpdated;
import io.handraiser.contract.contact.ContactRequalified;
import io.handraiser.contract.contact.DisqualifyContact;
import io.handraiser.contract.contact.EngagementRecorded;
import io.handraiser.contract.contact.LifecycleStageAdvanced;
import io.handraiser.contract.contact.MarkAsMql;
import io.handraiser.contract.contact.MarkedMQL;
import io.handraiser.contract.contact.Profile;
import io.handraiser.contract.contact.RecordEngagement;
import io.handraiser.contract.contact.RequalifyContact;
import io.handraiser.contract.contact.ReturnToNurture;
import io.handraiser.contract.contact.ReturnedToNurture;
import io.handraiser.contract.contact.Stage;
import io.handraiser.contract.contact.UpdateContactProfile;
import io.handraiser.contract.shared.Actor;
import io.handraiser.contract.shared.RuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.util.HashSet;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A person in the marketing database and the one authority on their lifecycle stage. Every decision names its
 * actor (from the caller's token, never the request) and its time; a refused decision is a {@link RuleViolation}
 * naming the rule, never silently ignored.
 */
@Aggregate(snapshotTriggerDefinition = "contactSnapshots", cache = "contactCache")
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
                isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
public class Contact {

    @AggregateIdentifier
    private ContactId id;
    private Stage stage;
    private Profile profile;
    private boolean disqualified;
    /** Sources retry; an engagement id seen before records nothing. */
    private Set<String> engagementIds = new HashSet<>();

    protected Contact() {
    }

    @CommandHandler
    public Contact(CaptureContact command, @MetaDataValue(value = Actor.META_DATA_KEY, required = true) Actor actor, Clock clock) {
        apply(new ContactCaptured(command.contactId(), command.email(), command.profile(), command.source(), command.stage(),
                                  actor, clock.instant()));
    }

    @CommandHandler
    public void handle(UpdateContactProfile command, @MetaDataValue(value = Actor.META_DATA_KEY, required = true) Actor actor, Clock clock) {
        Profile changes = profile.changesFrom(command.changes());
        if (!changes.isEmpty()) {
            apply(new ContactProfileUpdated(id, changes, actor, clock.instant()));
        }
    }

    @CommandHandler
    public void handle(RecordEngagement command, @MetaDataValue(value = Actor.META_DATA_KEY, required = true) Actor actor, Clock clock) {
        if (!engagementIds.contains(command.engagementId())) {
            apply(new EngagementRecorded(id, command.engagementId(), command.type(), command.occurredAt(), command.detail(),
                                         command.source(), actor, clock.instant()));
        }
    }

    @CommandHandler
    public void handle(MarkAsMql command, @MetaDataValue(value = Actor.META_DATA_KEY, required = true) Actor actor, Clock clock) {
        if (disqualified) {
            throw new RuleViolation("disqualified-cannot-become-mql",
                                    "a disqualified contact cannot be marked MQL until a person requalifies it");
        }
        if (stage == Stage.MQL) {
            throw new RuleViolation("already-mql", "the contact is MQL already in this episode; it can be MQL again after a return to nurture");
        }
        if (stage != Stage.SUBSCRIBER && stage != Stage.LEAD) {
            throw new RuleViolation("mql-only-from-subscriber-or-lead", "only a SUBSCRIBER or LEAD can be marked MQL; this contact is " + stage);
        }
        apply(new MarkedMQL(id, stage, command.tier(), command.reason(), command.evidence(), actor, clock.instant()));
    }

    @CommandHandler
    public void handle(AcceptAsSql command, @MetaDataValue(value = Actor.META_DATA_KEY, required = true) Actor actor, Clock clock) {
        if (stage != Stage.MQL) {
            throw new RuleViolation("accept-requires-mql", "only an MQL can be accepted as SQL; this contact is " + stage);
        }
        apply(new AcceptedAsSQL(id, command.note(), actor, clock.instant()));
    }

    @CommandHandler
    public void handle(ReturnToNurture command, @MetaDataValue(value = Actor.META_DATA_KEY, required = true) Actor actor, Clock clock) {
        if (stage != Stage.MQL && stage != Stage.SQL) {
            throw new RuleViolation("return-requires-mql-or-sql", "only an MQL or SQL can be returned to nurture; this contact is " + stage);
        }
        apply(new ReturnedToNurture(id, stage, command.reason(), command.note(), actor, clock.instant()));
    }

    @CommandHandler
    public void handle(DisqualifyContact command, @MetaDataValue(value = Actor.META_DATA_KEY, required = true) Actor actor, Clock clock) {
        if (disqualified) {
            throw new RuleViolation("already-disqualified", "the contact is disqualified already");
        }
        if (stage != Stage.SUBSCRIBER && stage != Stage.LEAD) {
            throw new RuleViolation("disqualify-only-before-mql",
                                    "only a SUBSCRIBER or LEAD can be disqualified; return this " + stage + " to nurture first");
        }
        apply(new ContactDisqualified(id, command.reason(), command.note(), actor, clock.instant()));
    }

    @CommandHandler
    public void handle(RequalifyContact command, @MetaDataValue(value = Actor.META_DATA_KEY, required = true) Actor actor, Clock clock) {
        if (!disqualified) {
            throw new RuleViolation("not-disqualified", "only a disqualified contact can be requalified");
        }
        if (!actor.isPerson()) {
            throw new RuleViolation("requalify-needs-a-person", "a disqualification is lifted by a person, not by " + actor.id());
        }
        apply(new ContactRequalified(id, command.reason(), actor, clock.instant()));
    }

    @CommandHandler
    public void handle(AdvanceStage command, @MetaDataValue(value = Actor.META_DATA_KEY, required = true) Actor actor, Clock clock) {
        Stage target = command.stage();
        if (stage == Stage.OTHER) {
            throw new RuleViolation("stage-is-final", "a contact in OTHER stays there");
        }
        if (target != Stage.OTHER && !target.isAfter(stage)) {
            throw new RuleViolation("forward-only", "a contact moves forward only: " + stage + " cannot become " + target
                                                    + "; the one way back is return to nurture");
        }
        apply(new LifecycleStageAdvanced(id, stage, target, command.reason(), actor, clock.instant()));
    }

    @EventSourcingHandler
    void on(ContactCaptured event) {
        id = event.contactId();
        stage = event.stage();
        profile = event.profile();
    }

    @EventSourcingHandler
    void on(ContactProfileUpdated event) {
        profile = profile.merge(event.changes());
    }

    @EventSourcingHandler
    void on(EngagementRecorded event) {
        engagementIds.add(event.engagementId());
    }

    @EventSourcingHandler
    void on(MarkedMQL event) {
        stage = Stage.MQL;
    }

    @EventSourcingHandler
    void on(AcceptedAsSQL event) {
        stage = Stage.SQL;
    }

    @EventSourcingHandler
    void on(ReturnedToNurture event) {
        stage = Stage.LEAD;
    }

    @EventSourcingHandler
    void on(ContactDisqualified event) {
        disqualified = true;
    }

    @EventSourcingHandler
    void on(ContactRequalified event) {
        disqualified = false;
    }

    @EventSourcingHandler
    void on(LifecycleStageAdvanced event) {
        stage = event.to();
    }
}
