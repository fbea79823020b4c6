package io.handraiser.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.handraiser.local.DemoHistory.Decision;
import io.handraiser.local.DemoHistory.DemoContact;
import io.handraiser.local.DemoHistory.Engagement;
import io.handraiser.local.DemoHistory.Intent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class DemoHistoryTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DemoHistory DEFAULT = DemoHistory.generate(DemoHistory.DEFAULT_SEED, DemoHistory.DEFAULT_CONTACTS, NOW);

    @Test
    void sameSeedSendsTheSameRequests() throws Exception {
        DemoHistory again = DemoHistory.generate(DemoHistory.DEFAULT_SEED, DemoHistory.DEFAULT_CONTACTS, NOW);

        assertThat(JSON.writeValueAsString(requests(again))).isEqualTo(JSON.writeValueAsString(requests(DEFAULT)));
    }

    @Test
    void anotherSeedIsAnotherHistory() {
        DemoHistory other = DemoHistory.generate(7, DemoHistory.DEFAULT_CONTACTS, NOW);

        assertThat(other.contacts().get(0).capture()).isNotEqualTo(DEFAULT.contacts().get(0).capture());
        assertThat(other.contacts().get(0).engagements().get(0).engagementId())
                .isNotEqualTo(DEFAULT.contacts().get(0).engagements().get(0).engagementId());
    }

    @Test
    void aLargerDemoExtendsASmallerOneWithTheSamePeople() {
        DemoHistory small = DemoHistory.generate(DemoHistory.DEFAULT_SEED, 200, NOW);

        assertThat(small.contacts()).isEqualTo(DEFAULT.contacts().subList(0, 200));
    }

    @Test
    void loadingAgainLaterSendsTheSameEngagementIdsAndEmails() {
        DemoHistory later = DemoHistory.generate(DemoHistory.DEFAULT_SEED, DemoHistory.DEFAULT_CONTACTS, NOW.plus(Duration.ofDays(3)));

        assertThat(engagementIds(later)).isEqualTo(engagementIds(DEFAULT));
        assertThat(later.contacts().stream().map(contact -> contact.capture().email()).toList())
                .isEqualTo(DEFAULT.contacts().stream().map(contact -> contact.capture().email()).toList());
    }

    @Test
    void everyEmailAndEngagementIdIsUnique() {
        assertThat(DEFAULT.contacts().stream().map(contact -> contact.capture().email()).distinct().count())
                .isEqualTo(DemoHistory.DEFAULT_CONTACTS);
        assertThat(Set.copyOf(engagementIds(DEFAULT))).hasSize(DEFAULT.engagementCount());
    }

    @Test
    void contactsComeFromSeveralSourcesAndCampaigns() {
        Map<String, Long> bySystem = DEFAULT.contacts().stream()
                                            .collect(Collectors.groupingBy(contact -> contact.capture().source().system(), Collectors.counting()));
        Set<String> campaigns = DEFAULT.contacts().stream().map(contact -> contact.capture().source().campaign())
                                       .filter(campaign -> campaign != null).collect(Collectors.toSet());

        assertThat(bySystem).hasSizeGreaterThanOrEqualTo(5);
        assertThat(bySystem.values()).allSatisfy(count -> assertThat(share(count)).isBetween(0.05, 0.35));
        assertThat(campaigns).hasSizeGreaterThanOrEqualTo(8);
    }

    @Test
    void profilesHaveWhatTheDefaultModelRewardsAndWhatItPenalises() {
        assertThat(shareOf(contact -> isOneOf(contact.capture().industry(), "Software", "SaaS", "IT Services", "Information Technology",
                                              "Internet"))).isBetween(0.35, 0.65);
        assertThat(shareOf(contact -> contact.capture().companySize() != null && contact.capture().companySize() >= 50
                                      && contact.capture().companySize() <= 5000)).isBetween(0.35, 0.7);
        assertThat(shareOf(contact -> isOneOf(contact.capture().country(), "GB", "IE", "DE", "AT", "CH", "FR", "NL", "BE", "SE", "DK", "NO",
                                              "FI", "US", "CA"))).isBetween(0.65, 0.95);
        assertThat(shareOf(contact -> contact.capture().jobTitle().matches("(?i).*\\b(cmo|ceo|cto|cio|coo|founder|vp|head|director|managing director)\\b.*")))
                .isBetween(0.15, 0.35);
        assertThat(shareOf(contact -> contact.capture().jobTitle().matches("(?i).*\\b(student|intern|trainee)\\b.*"))).isBetween(0.02, 0.1);
        assertThat(shareOf(contact -> contact.capture().email().matches(".*(\\.edu|\\.ac\\.uk|student\\..*)$"))).isBetween(0.01, 0.06);
        assertThat(shareOf(contact -> domainIn(contact, "gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "gmx.de", "icloud.com")))
                .isBetween(0.08, 0.2);
        assertThat(shareOf(contact -> domainIn(contact, "rival.example", "competitor.example", "leadscorer.example"))).isBetween(0.01, 0.05);
        assertThat(shareOf(contact -> domainIn(contact, "gartner.com", "forrester.com"))).isBetween(0.005, 0.04);
    }

    @Test
    void engagementsSpreadOverThePastWeeksAndEndBeforeNow() {
        List<Instant> times = DEFAULT.contacts().stream().flatMap(contact -> contact.engagements().stream())
                                     .map(engagement -> Instant.parse(engagement.occurredAt())).toList();

        assertThat(times).allSatisfy(time -> assertThat(time).isBefore(NOW).isAfterOrEqualTo(NOW.minus(DemoHistory.SPAN)));
        assertThat(times.stream().map(time -> ChronoUnit.DAYS.between(time, NOW) / 7).distinct().count()).isGreaterThanOrEqualTo(9);
        assertThat((double) DEFAULT.engagementCount() / DemoHistory.DEFAULT_CONTACTS).isBetween(3.0, 6.0);
        assertThat(DEFAULT.contacts()).allSatisfy(contact -> assertThat(contact.engagements().stream().map(Engagement::occurredAt).toList())
                .isSortedAccordingTo(String::compareTo));
    }

    @Test
    void everyEngagementCarriesWhatItsTypeRequires() {
        List<Engagement> engagements = DEFAULT.contacts().stream().flatMap(contact -> contact.engagements().stream()).toList();

        assertThat(engagements).filteredOn(engagement -> engagement.type().equals("PAGE_VIEW"))
                               .allSatisfy(view -> assertThat(view.detail().url()).startsWith("https://"));
        assertThat(engagements).filteredOn(engagement -> engagement.type().equals("CONTENT_DOWNLOAD"))
                               .allSatisfy(download -> assertThat(download.detail().asset()).isNotBlank());
        assertThat(engagements).allSatisfy(engagement -> assertThat(engagement.email()).isNotBlank());
    }

    @Test
    void aFewRaiseTheirHandRecentlyAndMoreLookAtPricing() {
        List<DemoContact> handRaisers = DEFAULT.contacts().stream().filter(contact -> contact.intent() == Intent.HAND_RAISER).toList();

        assertThat(share(handRaisers.size())).isBetween(0.05, 0.13);
        assertThat(handRaisers).allSatisfy(contact -> assertThat(contact.engagements()).anySatisfy(engagement -> {
            assertThat(Set.of("DEMO_REQUESTED", "TRIAL_STARTED", "CONTACT_SALES_REQUESTED", "CONTENT_DOWNLOAD")).contains(engagement.type());
            assertThat(Instant.parse(engagement.occurredAt())).isAfter(NOW.minus(Duration.ofDays(21)));
        }));
        assertThat(shareOf(contact -> contact.engagements().stream().anyMatch(engagement -> engagement.type().equals("PAGE_VIEW")
                && engagement.detail().url().endsWith("/pricing")
                && Instant.parse(engagement.occurredAt()).isAfter(NOW.minus(Duration.ofDays(14)))))).isBetween(0.2, 0.35);
        assertThat(shareOf(contact -> contact.engagements().stream().anyMatch(engagement -> Set.of("UNSUBSCRIBED", "EMAIL_BOUNCED")
                .contains(engagement.type())))).isBetween(0.01, 0.06);
    }

    @Test
    void salesAcceptsTheIdealProfileMoreOftenAndReturnsForSeveralReasons() {
        List<DemoContact> ideal = DEFAULT.contacts().stream().filter(DemoContact::idealProfile).toList();
        List<DemoContact> others = DEFAULT.contacts().stream().filter(contact -> !contact.idealProfile()).toList();
        Set<String> reasons = DEFAULT.contacts().stream().filter(contact -> contact.plan().decision() == Decision.RETURN)
                                     .map(contact -> contact.plan().returnReason()).collect(Collectors.toSet());

        assertThat(acceptedShare(ideal)).isGreaterThan(acceptedShare(others) + 0.2);
        assertThat(reasons).containsExactlyInAnyOrder("NOT_READY", "NO_BUDGET", "BAD_FIT", "NO_RESPONSE");
        assertThat(shareOf(contact -> contact.plan().decision() == Decision.KEEP_OPEN)).isBetween(0.08, 0.2);
        assertThat(DEFAULT.contacts()).anySatisfy(contact -> assertThat(contact.plan().advanceTo()).containsExactly("OPPORTUNITY", "CUSTOMER"));
        assertThat(DEFAULT.contacts()).filteredOn(contact -> contact.plan().decision() != Decision.ACCEPT)
                                      .allSatisfy(contact -> assertThat(contact.plan().advanceTo()).isEmpty());
    }

    @Test
    void repsCoverTheTerritoriesAndOneTakesWhatNobodyElseMay() {
        assertThat(DEFAULT.reps()).extracting(DemoHistory.DemoRep::id).doesNotHaveDuplicates()
                                  .allSatisfy(id -> assertThat(id).matches("[A-Za-z0-9._@-]{1,100}"));
        assertThat(DEFAULT.reps().stream().flatMap(rep -> rep.body().territories().stream()).collect(Collectors.toSet()))
                .contains("GB", "DE", "US", "FR", "SE");
        assertThat(DEFAULT.reps()).anySatisfy(rep -> {
            assertThat(rep.body().territories()).isEmpty();
            assertThat(rep.body().industries()).isEmpty();
            assertThat(rep.body().tiers()).isEmpty();
        });
    }

    @Test
    void requestsHaveTheShapeOfThePublicApi() throws Exception {
        DemoContact first = DEFAULT.contacts().get(0);

        JsonNode capture = JSON.valueToTree(first.capture());
        JsonNode engagement = JSON.valueToTree(first.engagements().get(0));

        assertThat(capture.path("email").asText()).contains("@");
        assertThat(capture.path("source").path("system").asText()).isNotBlank();
        assertThat(capture.has("phone")).isFalse();
        assertThat(engagement.path("engagementId").asText()).startsWith("demo-" + DemoHistory.DEFAULT_SEED + "-0-");
        assertThat(engagement.path("email").asText()).isEqualTo(first.capture().email());
        assertThat(Instant.parse(engagement.path("occurredAt").asText())).isBefore(NOW);
        assertThat(JSON.valueToTree(DEFAULT.reps().get(0).body()).path("capacity").asInt()).isPositive();
    }

    private static List<Object> requests(DemoHistory history) {
        return List.of(history.reps(), history.contacts().stream().map(DemoContact::capture).toList(),
                       history.contacts().stream().map(DemoContact::engagements).toList(),
                       history.contacts().stream().map(DemoContact::plan).toList());
    }

    private static List<String> engagementIds(DemoHistory history) {
        return history.contacts().stream().flatMap(contact -> contact.engagements().stream()).map(Engagement::engagementId).toList();
    }

    private static boolean domainIn(DemoContact contact, String... domains) {
        return isOneOf(contact.capture().email().substring(contact.capture().email().indexOf('@') + 1), domains);
    }

    private static boolean isOneOf(String value, String... values) {
        return value != null && Set.of(values).contains(value);
    }

    private static double shareOf(Predicate<DemoContact> which) {
        return share(DEFAULT.contacts().stream().filter(which).count());
    }

    private static double share(long count) {
        return (double) count / DemoHistory.DEFAULT_CONTACTS;
    }

    private static double acceptedShare(List<DemoContact> contacts) {
        return (double) contacts.stream().filter(contact -> contact.plan().decision() == Decision.ACCEPT).count() / contacts.size();
    }
}
