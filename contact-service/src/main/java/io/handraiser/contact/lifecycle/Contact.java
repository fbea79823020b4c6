package io.handraiser.contact.lifecycle;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.handraiser.contract.contact.AcceptAsSql;
import io.handraiser.contract.contact.AcceptedAsSQL;
import io.handraiser.contract.contact.AdvanceStage;
import io.handraiser.contract.contact.CaptureContact;
import io.handraiser.contract.contact.ContactCaptured;
import io.handraiser.contract.contact.ContactDisqualified;
import io.handraiser.contract.contact.ContactErased;
import io.handraiser.contract.contact.ContactId;
import io.handraiser.contract.contact.ContactProfileUpdated;
import io.handraiser.contract.contact.ContactRequalified;
import io.handraiser.contract.contact.DisqualifyContact;
import io.handraiser.contract.contact.EraseContact;
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
import io.handraiser.contract.shared.DataSubject;
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
 * A person in the marketing database and the one authority on their lifecycle stage. Stages only move forward;
 * the one way back is a return to nurture, which makes an MQL or SQL a LEAD again and so starts a new
 * qualification episode. Every decision names its actor (from the caller's token, never the request) and its
 * time; a refused decision is a {@link RuleViolation} naming the rule, never silently ignored.
 * <p>
 * Snapshots are written field by field with Jackson, so the fields stay non-final and getters stay out of them.
 */
@Aggregate(snapshotTriggerDefinition = "contactSnapshots", cache = "contactCache")
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
                isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
public class Contact {

    @AggregateIdentifier
    @DataSubject
    private ContactId id;
    private Stage stage;
    private Profile profile;
    private boolean disqualified;
    private boolean erased;
    /** Sources retry freely, so an engagement id seen before must record nothing. */
    private Set<String> engagementIds = new HashSet<>();

    Contact() {
    }

    @CommandHandler
    Contact(CaptureContact command, @MetaDataValue(value = Actor.META_DATA_KEY, required = true) Actor actor, Clock clock) {
        apply(new ContactCaptured(command.contactId(), command.email(), command.profile(), command.source(), command.stage(),
                                  actor, clock.instant()));
    }

    @CommandHandler
    void handle(UpdateContactProfile command, @MetaDataValue(value = Actor.META_DATA_KEY, required = true) Actor actor, Clock clock) {
        checkNotErased();
        Profile changes = profile.changesFrom(command.changes());
        if (!changes.isEmpty()) {
            apply(new ContactProfileUpdated(id, changes, actor, clock.instant()));
        }
    }

    @CommandHandler
    void handle(RecordEngagement command, @MetaDataValue(value = Actor.META_DATA_KEY, required = true) Actor actor, Clock clock) {
        checkNotErased();
        if (!hasRecorded(command.engagementId())) {
            apply(new EngagementRecorded(id, command.engagementId(), command.type(), command.occurredAt(), command.detail(),
                                         command.source(), actor, clock.instant()));
        }
    }

    @CommandHandler
    void handle(MarkAsMql command, @MetaDataValue(value = Actor.META_DATA_KEY, required = true) Actor actor, Clock clock) {
        checkNotErased();
        checkMayBecomeMql();
        apply(new MarkedMQL(id, stage, command.tier(), command.reason(), command.evidence(), actor, clock.instant()));
    }

    @CommandHandler
    void handle(AcceptAsSql command, @MetaDataValue(value = Actor.META_DATA_KEY, required = true) Actor actor, Clock clock) {
        checkNotErased();
        checkMayBeAcceptedAsSql();
        apply(new AcceptedAsSQL(id, command.note(), actor, clock.instant()));
    }

    @CommandHandler
    void handle(ReturnToNurture command, @MetaDataValue(value = Actor.META_DATA_KEY, required = true) Actor actor, Clock clock) {
        checkNotErased();
        checkMayReturnToNurture();
        apply(new ReturnedToNurture(id, stage, command.reason(), command.note(), actor, clock.instant()));
    }

    @CommandHandler
    void handle(DisqualifyContact command, @MetaDataValue(value = Actor.META_DATA_KEY, required = true) Actor actor, Clock clock) {
        checkNotErased();
        checkMayBeDisqualified();
        apply(new ContactDisqualified(id, command.reason(), command.note(), actor, clock.instant()));
    }

    @CommandHandler
    void handle(RequalifyContact command, @MetaDataValue(value = Actor.META_DATA_KEY, required = true) Actor actor, Clock clock) {
        checkNotErased();
        checkMayBeRequalifiedBy(actor);
        apply(new ContactRequalified(id, command.reason(), actor, clock.instant()));
    }

    @CommandHandler
    void handle(AdvanceStage command, @MetaDataValue(value = Actor.META_DATA_KEY, required = true) Actor actor, Clock clock) {
        checkNotErased();
        checkMayAdvanceTo(command.stage());
        apply(new LifecycleStageAdvanced(id, stage, command.stage(), command.reason(), actor, clock.instant()));
    }

    @CommandHandler
    void handle(EraseContact command, @MetaDataValue(value = Actor.META_DATA_KEY, required = true) Actor actor, Clock clock) {
        if (!erased) {
            apply(new ContactErased(id, actor, clock.instant()));
        }
    }

    private void checkNotErased() {
        if (erased) {
            throw new RuleViolation("contact-erased",
                                    "contact " + id + " was erased at the person's request; it takes no more commands. "
                                    + "Capture the person again to start a new contact");
        }
    }

    private void checkMayBecomeMql() {
        if (disqualified) {
            throw new RuleViolation("disqualified-cannot-become-mql",
                                    "a disqualified contact cannot become an MQL until a person requalifies it; "
                                    + "this contact is a disqualified " + stage);
        }
        if (stage == Stage.MQL) {
            throw new RuleViolation("already-mql",
                                    "this contact is MQL already; it can become an MQL again only after a return to nurture");
        }
        if (!isBeforeMql()) {
            throw new RuleViolation("mql-only-from-subscriber-or-lead",
                                    "only a SUBSCRIBER or LEAD can become an MQL; this contact is " + stage);
        }
    }

    private void checkMayBeAcceptedAsSql() {
        if (stage != Stage.MQL) {
            throw new RuleViolation("accept-requires-mql",
                                    "only an MQL can be accepted as SQL; this contact is " + stage);
        }
    }

    private void checkMayReturnToNurture() {
        if (!isWithSales()) {
            throw new RuleViolation("return-requires-mql-or-sql",
                                    "only an MQL or SQL can be returned to nurture; this contact is " + stage);
        }
    }

    private void checkMayBeDisqualified() {
        if (disqualified) {
            throw new RuleViolation("already-disqualified",
                                    "this contact is a disqualified " + stage + " already");
        }
        // From MQL on sales owns the contact: an MQL or SQL leaves their list by a return to nurture, with sales' reason.
        if (!isBeforeMql()) {
            throw new RuleViolation("disqualify-only-before-mql",
                                    "only a SUBSCRIBER or LEAD can be disqualified; this contact is " + stage
                                    + (isWithSales() ? ", return it to nurture first" : ""));
        }
    }

    private void checkMayBeRequalifiedBy(Actor actor) {
        if (!disqualified) {
            throw new RuleViolation("not-disqualified",
                                    "only a disqualified contact can be requalified; this contact is " + stage + " and not disqualified");
        }
        // A disqualification rests on what no score sees (a competitor, a student), so the scoring model must not undo it.
        if (!actor.isPerson()) {
            throw new RuleViolation("requalify-needs-a-person",
                                    "only a person can requalify a contact, not the system's " + actor.id()
                                    + "; this contact stays a disqualified " + stage);
        }
    }

    private void checkMayAdvanceTo(Stage target) {
        if (stage == Stage.OTHER) {
            throw new RuleViolation("stage-is-final",
                                    "nothing moves out of OTHER; this contact is OTHER and cannot become " + target);
        }
        // OTHER sits outside the funnel, so leaving the funnel is neither forward nor back.
        if (target != Stage.OTHER && !target.isAfter(stage)) {
            throw new RuleViolation("forward-only",
                                    "a contact only moves forward; this contact is " + stage + " and cannot become " + target
                                    + " (the one way back is a return to nurture)");
        }
    }

    private boolean isBeforeMql() {
        return stage.isBefore(Stage.MQL);
    }

    private boolean isWithSales() {
        return stage == Stage.MQL || stage == Stage.SQL;
    }

    private boolean hasRecorded(String engagementId) {
        return engagementIds.contains(engagementId);
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

    /** Forgets what identifies the person; the stage stays so the funnel still counts the contact. */
    @EventSourcingHandler
    void on(ContactErased event) {
        erased = true;
        profile = Profile.empty();
        engagementIds = new HashSet<>();
    }
}
