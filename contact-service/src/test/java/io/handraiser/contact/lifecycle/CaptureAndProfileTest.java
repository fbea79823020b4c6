package io.handraiser.contact.lifecycle;

import io.handraiser.contract.contact.CaptureContact;
import io.handraiser.contract.contact.ContactCaptured;
import io.handraiser.contract.contact.ContactProfileUpdated;
import io.handraiser.contract.contact.MarkAsMql;
import io.handraiser.contract.contact.Profile;
import io.handraiser.contract.contact.Stage;
import io.handraiser.contract.contact.Tier;
import io.handraiser.contract.contact.UpdateContactProfile;
import io.handraiser.contract.shared.Actor;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Map;

import static io.handraiser.contact.lifecycle.ContactFixtures.EARLIER;
import static io.handraiser.contact.lifecycle.ContactFixtures.EMAIL;
import static io.handraiser.contact.lifecycle.ContactFixtures.HUBSPOT;
import static io.handraiser.contact.lifecycle.ContactFixtures.ID;
import static io.handraiser.contact.lifecycle.ContactFixtures.MARKETER;
import static io.handraiser.contact.lifecycle.ContactFixtures.NOW;
import static io.handraiser.contact.lifecycle.ContactFixtures.PROFILE;
import static io.handraiser.contact.lifecycle.ContactFixtures.REP;
import static io.handraiser.contact.lifecycle.ContactFixtures.by;
import static io.handraiser.contact.lifecycle.ContactFixtures.captured;
import static io.handraiser.contact.lifecycle.ContactFixtures.historyReaching;
import static io.handraiser.contact.lifecycle.ContactFixtures.newFixture;
import static org.hamcrest.Matchers.containsString;

class CaptureAndProfileTest {

    private AggregateTestFixture<Contact> fixture;

    @BeforeEach
    void setUp() {
        fixture = newFixture();
    }

    @Nested
    class Capture {

        @ParameterizedTest
        @EnumSource(value = Stage.class, names = {"SUBSCRIBER", "LEAD"})
        void capturesAtTheStageTheCommandNamesWithWhoAndWhen(Stage stage) {
            fixture.givenNoPriorActivity()
                   .when(new CaptureContact(ID, EMAIL, PROFILE, HUBSPOT, stage), by(REP))
                   .expectSuccessfulHandlerExecution()
                   .expectEvents(new ContactCaptured(ID, EMAIL, PROFILE, HUBSPOT, stage, REP, NOW));
        }

        @Test
        void aContactCapturedWithNothingButAnEmailIsALeadWithAnEmptyProfile() {
            fixture.givenNoPriorActivity()
                   .when(new CaptureContact(ID, EMAIL, null, null, null), by(REP))
                   .expectEvents(new ContactCaptured(ID, EMAIL, Profile.empty(), null, Stage.LEAD, REP, NOW));
        }
    }

    /** Axon hands a handler null for missing metadata even when it is required; the service refuses such a command first. */
    @Nested
    class ACommandNamingNoActor {

        @Test
        void capturesNothing() {
            fixture.givenNoPriorActivity()
                   .when(new CaptureContact(ID, EMAIL, PROFILE, HUBSPOT, Stage.LEAD))
                   .expectException(IllegalStateException.class)
                   .expectExceptionMessage(containsString("names no actor"))
                   .expectNoEvents();
        }

        @Test
        void decidesNothing() {
            fixture.given(captured(Stage.LEAD))
                   .when(new MarkAsMql(ID, Tier.of("A"), "demo request", null))
                   .expectException(IllegalStateException.class)
                   .expectNoEvents();
        }

        @Test
        void isNotTakenFromMetadataOfAnotherType() {
            fixture.given(captured(Stage.LEAD))
                   .when(new MarkAsMql(ID, Tier.of("A"), "demo request", null), Map.of(Actor.META_DATA_KEY, "rep-1"))
                   .expectException(IllegalStateException.class)
                   .expectNoEvents();
        }
    }

    @Nested
    class ProfileUpdate {

        @Test
        void recordsOnlyTheFieldsThatChange() {
            Profile sameNameNewCompany = new Profile("Ada", null, "Engines Ltd", null, null, 250, null, null);
            Profile newCompany = new Profile(null, null, "Engines Ltd", null, null, 250, null, null);
            fixture.given(captured(Stage.LEAD))
                   .when(new UpdateContactProfile(ID, sameNameNewCompany), by(MARKETER))
                   .expectEvents(new ContactProfileUpdated(ID, newCompany, MARKETER, NOW));
        }

        @Test
        void fillsFieldsTheContactDidNotHave() {
            Profile phone = new Profile(null, null, null, null, null, null, null, "+44 20 7946 0000");
            fixture.given(captured(Stage.LEAD))
                   .when(new UpdateContactProfile(ID, phone), by(MARKETER))
                   .expectEvents(new ContactProfileUpdated(ID, phone, MARKETER, NOW));
        }

        @Test
        void thatChangesNothingRecordsNothing() {
            fixture.given(captured(Stage.LEAD))
                   .when(new UpdateContactProfile(ID, PROFILE), by(MARKETER))
                   .expectSuccessfulHandlerExecution()
                   .expectNoEvents();
        }

        @Test
        void repeatedRecordsNothingTheSecondTime() {
            Profile change = new Profile(null, null, "Engines Ltd", null, null, null, null, null);
            fixture.given(captured(Stage.LEAD), new ContactProfileUpdated(ID, change, MARKETER, EARLIER))
                   .when(new UpdateContactProfile(ID, change), by(MARKETER))
                   .expectSuccessfulHandlerExecution()
                   .expectNoEvents();
        }

        @Test
        void thatChangesBackRecordsTheChange() {
            Profile renamed = new Profile(null, null, "Engines Ltd", null, null, null, null, null);
            Profile original = new Profile(null, null, "Engines", null, null, null, null, null);
            fixture.given(captured(Stage.LEAD), new ContactProfileUpdated(ID, renamed, MARKETER, EARLIER))
                   .when(new UpdateContactProfile(ID, original), by(MARKETER))
                   .expectEvents(new ContactProfileUpdated(ID, original, MARKETER, NOW));
        }

        @ParameterizedTest
        @EnumSource(Stage.class)
        void isAllowedAtEveryStage(Stage stage) {
            Profile change = new Profile(null, null, null, "VP Engineering", null, null, null, null);
            fixture.given(historyReaching(stage))
                   .when(new UpdateContactProfile(ID, change), by(MARKETER))
                   .expectEvents(new ContactProfileUpdated(ID, change, MARKETER, NOW));
        }
    }
}
