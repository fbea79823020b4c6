package io.handraiser.contact.lifecycle;

import io.handraiser.contract.contact.AcceptedAsSQL;
import io.handraiser.contract.contact.ContactCaptured;
import io.handraiser.contract.contact.ContactDisqualified;
import io.handraiser.contract.contact.ContactId;
import io.handraiser.contract.contact.ContactRequalified;
import io.handraiser.contract.contact.DisqualificationReason;
import io.handraiser.contract.contact.Email;
import io.handraiser.contract.contact.Evidence;
import io.handraiser.contract.contact.LifecycleStageAdvanced;
import io.handraiser.contract.contact.MarkedMQL;
import io.handraiser.contract.contact.Profile;
import io.handraiser.contract.contact.ReturnReason;
import io.handraiser.contract.contact.ReturnedToNurture;
import io.handraiser.contract.contact.Source;
import io.handraiser.contract.contact.Stage;
import io.handraiser.contract.contact.Tier;
import io.handraiser.contract.shared.Actor;
import io.handraiser.contract.shared.RuleViolation;
import io.handraiser.starter.eventlog.ActorRequired;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.FeatureMatcher;
import org.hamcrest.Matcher;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.instanceOf;

/** One contact, the people and the model that act on it, and the histories that bring it to each stage. */
final class ContactFixtures {

    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    static final Instant EARLIER = Instant.parse("2026-11-01T08:00:00Z");
    static final ContactId ID = ContactId.of("0b9e3c6a-5d8f-4f53-9a57-3f8e0c2d7a11");
    static final Email EMAIL = new Email("ada@example.com");
    static final Profile PROFILE = new Profile("Ada", "Lovelace", "Engines", "CTO", "Software", 120, "GB", null);
    static final Source HUBSPOT = Source.of("hubspot");

    static final Actor REP = Actor.person("rep-1");
    static final Actor MARKETER = Actor.person("marketer-1");
    static final Actor SCORING = Actor.system("scoring-service", "model-7");

    private ContactFixtures() {
    }

    /** Wired as the service wires it: the clock reads {@link #NOW}, and a command naming no actor is refused. */
    static AggregateTestFixture<Contact> newFixture() {
        AggregateTestFixture<Contact> fixture = new AggregateTestFixture<>(Contact.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerCommandHandlerInterceptor(new ActorRequired());
        return fixture;
    }

    static Map<String, Object> by(Actor actor) {
        return Map.of(Actor.META_DATA_KEY, actor);
    }

    static ContactCaptured captured(Stage stage) {
        return new ContactCaptured(ID, EMAIL, PROFILE, HUBSPOT, stage, REP, EARLIER);
    }

    static MarkedMQL markedMql(Stage from) {
        return new MarkedMQL(ID, from, Tier.of("A"), "score 105 >= 100", Evidence.none(), SCORING, EARLIER);
    }

    static AcceptedAsSQL acceptedAsSql() {
        return new AcceptedAsSQL(ID, null, REP, EARLIER);
    }

    static ReturnedToNurture returnedToNurture(Stage from) {
        return new ReturnedToNurture(ID, from, ReturnReason.NOT_READY, null, REP, EARLIER);
    }

    static ContactDisqualified disqualified() {
        return new ContactDisqualified(ID, DisqualificationReason.COMPETITOR, null, MARKETER, EARLIER);
    }

    static ContactRequalified requalified() {
        return new ContactRequalified(ID, "moved to a prospect company", MARKETER, EARLIER);
    }

    static LifecycleStageAdvanced advanced(Stage from, Stage to) {
        return new LifecycleStageAdvanced(ID, from, to, null, REP, EARLIER);
    }

    /**
     * The events that bring a contact to {@code stage} the usual way: captured as a SUBSCRIBER or LEAD, then along
     * the funnel; OTHER is reached straight from LEAD.
     */
    static List<Object> historyReaching(Stage stage) {
        List<Object> events = new ArrayList<>();
        if (stage == Stage.SUBSCRIBER) {
            events.add(captured(Stage.SUBSCRIBER));
            return events;
        }
        events.add(captured(Stage.LEAD));
        if (stage == Stage.OTHER) {
            events.add(advanced(Stage.LEAD, Stage.OTHER));
            return events;
        }
        if (stage.isAfter(Stage.LEAD)) {
            events.add(markedMql(Stage.LEAD));
        }
        if (stage.isAfter(Stage.MQL)) {
            events.add(acceptedAsSql());
        }
        Stage reached = Stage.SQL;
        for (Stage next : List.of(Stage.OPPORTUNITY, Stage.CUSTOMER, Stage.EVANGELIST)) {
            if (next.isAfter(stage)) {
                break;
            }
            events.add(advanced(reached, next));
            reached = next;
        }
        return events;
    }

    /** The refusal a caller sees: a {@link RuleViolation} whose rule names what was enforced. */
    static Matcher<Object> violationOf(String rule) {
        return allOf(instanceOf(RuleViolation.class), new FeatureMatcher<Object, String>(equalTo(rule), "rule", "rule") {
            @Override
            protected String featureValueOf(Object actual) {
                return ((RuleViolation) actual).rule();
            }
        });
    }
}
