package io.handraiser.contract.contact;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ContactValuesTest {

    private static final ContactId ID = ContactId.generate();

    @Test
    void emailIsOneSpellingPerPerson() {
        assertThat(new Email("  Ada.Lovelace@Example.COM ")).isEqualTo(new Email("ada.lovelace@example.com"));
        assertThat(new Email("ada@mail.example.com").domain()).isEqualTo("mail.example.com");
    }

    @Test
    void emailRejectsWhatIsNoAddress() {
        for (String bad : List.of("", "ada", "ada@", "@example.com", "ada@example", "a da@example.com", "ada@@example.com")) {
            assertThatIllegalArgumentException().as(bad).isThrownBy(() -> new Email(bad));
        }
        assertThatIllegalArgumentException().isThrownBy(() -> new Email(null)).withMessage("email is required");
    }

    @Test
    void contactIdIsAUuid() {
        assertThat(ContactId.of(ID.toString())).isEqualTo(ID);
        assertThatIllegalArgumentException().isThrownBy(() -> ContactId.of("42"))
                .withMessage("contact id must be a UUID, got '42'");
    }

    @Test
    void stagesCompareInFunnelOrderWithOtherOutside() {
        assertThat(Stage.LEAD.isBefore(Stage.MQL)).isTrue();
        assertThat(Stage.CUSTOMER.isAfter(Stage.SQL)).isTrue();
        assertThat(Stage.OTHER.isAfter(Stage.LEAD)).isFalse();
        assertThat(Stage.OTHER.isBefore(Stage.EVANGELIST)).isFalse();
    }

    @Test
    void profileMergeKeepsWhatAnUpdateLeavesOut() {
        Profile current = new Profile("Ada", "Lovelace", "Engines", "CTO", "Software", 50, "GB", null);

        Profile merged = current.merge(new Profile(null, null, "Engines Ltd", null, null, 80, "fr", null));

        assertThat(merged).isEqualTo(new Profile("Ada", "Lovelace", "Engines Ltd", "CTO", "Software", 80, "FR", null));
    }

    @Test
    void profileChangesAreOnlyTheDifferingFields() {
        Profile current = new Profile("Ada", null, "Engines", null, null, null, null, null);

        assertThat(current.changesFrom(new Profile("Ada", null, "Engines", null, null, null, null, null)).isEmpty()).isTrue();
        assertThat(current.changesFrom(new Profile("Ada", "L", "Engines", null, null, null, null, null)))
                .isEqualTo(new Profile(null, "L", null, null, null, null, null, null));
    }

    @Test
    void profileRejectsImpossibleValues() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Profile(null, null, null, null, null, 0, null, null))
                .withMessage("profile.companySize must be at least 1");
        assertThatIllegalArgumentException().isThrownBy(() -> new Profile(null, null, null, null, null, null, "England", null))
                .withMessageContaining("profile.country");
    }

    @Test
    void pageViewsNeedAUrlAndDownloadsAnAsset() {
        Instant now = Instant.now();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RecordEngagement(ID, "e1", EngagementType.PAGE_VIEW, now, null, null))
                .withMessage("PAGE_VIEW needs detail.url");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RecordEngagement(ID, "e1", EngagementType.CONTENT_DOWNLOAD, now, EngagementDetail.page("/x"), null))
                .withMessage("CONTENT_DOWNLOAD needs detail.asset");
        assertThat(new RecordEngagement(ID, "e1", EngagementType.DEMO_REQUESTED, now, null, null).detail())
                .isEqualTo(EngagementDetail.none());
    }

    @Test
    void evidenceAlwaysSumsToItsScore() {
        assertThat(Evidence.scored(30, 70, List.of()).score()).isEqualTo(100);
        assertThatIllegalArgumentException().isThrownBy(() -> new Evidence(99, 30, 70, List.of()))
                .withMessage("evidence score 99 is not fit 30 + engagement 70");
    }

    @Test
    void captureStartsAtSubscriberOrLeadOnly() {
        assertThat(new CaptureContact(ID, new Email("a@b.io"), null, null, null).stage()).isEqualTo(Stage.LEAD);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new CaptureContact(ID, new Email("a@b.io"), null, null, Stage.MQL))
                .withMessage("a contact is captured as SUBSCRIBER or LEAD, not MQL");
    }

    @Test
    void stageCanOnlyBeAdvancedPastSql() {
        assertThatIllegalArgumentException().isThrownBy(() -> new AdvanceStage(ID, Stage.MQL, null))
                .withMessageContaining("not MQL");
    }

    @Test
    void tiersAreUpperCaseNames() {
        assertThat(Tier.of("A").name()).isEqualTo("A");
        assertThatIllegalArgumentException().isThrownBy(() -> Tier.of("a"));
    }
}
