package io.handraiser.local;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A made-up but plausible marketing history for {@code ./handraiser --demo}: contacts from several sources and
 * campaigns, the firmographics the default scoring model rewards or penalises, weeks of engagement ending at
 * {@code now}, the sales reps who receive the MQLs and what sales will decide about each contact once it is one.
 * <p>
 * Everything follows from the seed: contact {@code i} depends only on the seed, {@code i} and the contacts before it,
 * so a larger demo extends a smaller one with the same people and the same engagement ids, and loading again records
 * nothing twice. Only the engagement times move with {@code now}, and a repeated engagement id is not recorded again.
 */
final class DemoHistory {

    static final long DEFAULT_SEED = 20_261_123L;
    static final int DEFAULT_CONTACTS = 2_000;
    /** How far back engagements go; under the default model older ones would count for little or nothing. */
    static final Duration SPAN = Duration.ofDays(70);

    private static final String SITE = "https://www.handraiser.example";

    private final long seed;
    private final List<DemoContact> contacts;
    private final List<DemoRep> reps;

    private DemoHistory(long seed, List<DemoContact> contacts, List<DemoRep> reps) {
        this.seed = seed;
        this.contacts = contacts;
        this.reps = reps;
    }

    static DemoHistory generate(long seed, int contactCount, Instant now) {
        if (contactCount < 1) {
            throw new IllegalArgumentException("a demo needs at least one contact, not " + contactCount);
        }
        Instant end = now.truncatedTo(ChronoUnit.MINUTES);
        // shared by several contacts each, so a company's people agree on its size and country
        List<Company> companies = new ArrayList<>(Company.COUNT);
        for (int k = 0; k < Company.COUNT; k++) {
            companies.add(Company.generate(random(seed, -1 - k), k));
        }
        Set<String> emails = new HashSet<>();
        List<DemoContact> contacts = new ArrayList<>(contactCount);
        for (int i = 0; i < contactCount; i++) {
            contacts.add(contact(seed, i, companies, emails, end));
        }
        return new DemoHistory(seed, List.copyOf(contacts), REPS);
    }

    long seed() {
        return seed;
    }

    List<DemoContact> contacts() {
        return contacts;
    }

    List<DemoRep> reps() {
        return reps;
    }

    Set<String> sourceSystems() {
        return contacts.stream().map(contact -> contact.capture().source().system()).collect(Collectors.toSet());
    }

    Set<String> campaigns() {
        return contacts.stream().map(contact -> contact.capture().source().campaign()).filter(Objects::nonNull).collect(Collectors.toSet());
    }

    int engagementCount() {
        return contacts.stream().mapToInt(contact -> contact.engagements().size()).sum();
    }

    // ---- what goes over the wire: the bodies of POST /api/contacts, /api/engagements/batch and PUT /api/reps/{id}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Capture(String email, String firstName, String lastName, String company, String jobTitle, String industry,
                   Integer companySize, String country, SourceBody source) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SourceBody(String system, String campaign) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Engagement(String email, String engagementId, String type, String occurredAt, Detail detail, SourceBody source) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Detail(String url, String asset, String form) {
    }

    record RepBody(String name, List<String> territories, List<String> industries, List<String> tiers, int capacity, boolean available) {
    }

    record DemoRep(String id, RepBody body) {
    }

    // ---- what the loader does with a contact once scoring has made it an MQL

    enum Decision { ACCEPT, RETURN, KEEP_OPEN }

    /**
     * @param returnReason for {@link Decision#RETURN}, a contact-service {@code ReturnReason}
     * @param advanceTo    for {@link Decision#ACCEPT}: the stages sales moves the SQL on to, in order (possibly none)
     */
    record SalesPlan(Decision decision, String returnReason, String note, List<String> advanceTo) {
    }

    /**
     * @param intent       how interested the person is, which shapes their engagements (for the summary and tests)
     * @param idealProfile a technology company of mid-market size: sales accepts these more often
     */
    record DemoContact(Capture capture, List<Engagement> engagements, Intent intent, boolean idealProfile, SalesPlan plan) {
    }

    enum Intent { COLD, CURIOUS, ENGAGED, HAND_RAISER, LAPSED }

    // ---- the people

    private static final List<DemoRep> REPS = List.of(
            rep("ana.novak", "Ana Novak", List.of("DE", "AT", "CH"), List.of(), List.of()),
            rep("liam.obrien", "Liam O'Brien", List.of("GB", "IE"), List.of(), List.of()),
            rep("priya.shah", "Priya Shah", List.of("GB", "IE"), List.of("Software", "SaaS", "Computer Software"), List.of()),
            rep("sophie.martin", "Sophie Martin", List.of("FR", "BE", "NL"), List.of(), List.of()),
            rep("erik.lund", "Erik Lund", List.of("SE", "DK", "NO", "FI"), List.of(), List.of()),
            rep("maya.chen", "Maya Chen", List.of("US", "CA"), List.of(), List.of("A")),
            rep("jordan.reed", "Jordan Reed", List.of("US", "CA"), List.of(), List.of("B")),
            // no rules: takes whatever nobody more specific may take, so no MQL waits unassigned for long
            rep("sam.taylor", "Sam Taylor", List.of(), List.of(), List.of()));

    private static DemoRep rep(String id, String name, List<String> territories, List<String> industries, List<String> tiers) {
        return new DemoRep(id, new RepBody(name, territories, industries, tiers, 200, true));
    }

    private static final List<String> FIRST_NAMES = List.of(
            "Ada", "Ben", "Carla", "David", "Elena", "Felix", "Grace", "Hugo", "Ines", "Jonas", "Katrin", "Lars", "Mia", "Noah",
            "Olivia", "Pablo", "Quinn", "Rosa", "Stefan", "Tara", "Uma", "Victor", "Wen", "Yusuf", "Zoe", "Amir", "Bianca",
            "Chloe", "Diego", "Emma", "Finn", "Hannah", "Ivan", "Julia", "Kenji", "Lena", "Marco", "Nina", "Oscar", "Priya");
    private static final List<String> LAST_NAMES = List.of(
            "Schmidt", "Murphy", "Dubois", "Jansen", "Lindqvist", "Rossi", "Garcia", "Smith", "Nowak", "Berg", "Keller",
            "Walsh", "Moreau", "de Vries", "Hansen", "Silva", "Chen", "Patel", "Novak", "Fischer", "Brown", "Larsen",
            "Martin", "Okafor", "Tanaka", "Weber", "Kowalski", "Meyer", "Costa", "Kaya");

    private static final List<String> LEADER_TITLES = List.of(
            "VP Marketing", "Head of Marketing", "Director of Demand Generation", "CMO", "Head of Growth",
            "Vice President Marketing", "Marketing Director");
    private static final List<String> EXECUTIVE_TITLES = List.of("CEO", "CTO", "Founder", "Managing Director", "COO", "CIO");
    private static final List<String> PRACTITIONER_TITLES = List.of(
            "Marketing Manager", "Marketing Operations Manager", "Demand Generation Manager", "Content Marketing Manager",
            "Campaign Manager", "Revenue Operations Analyst", "Sales Development Representative", "Account Executive");
    private static final List<String> OTHER_TITLES = List.of(
            "Software Engineer", "Product Manager", "Data Analyst", "Finance Manager", "HR Business Partner", "Consultant",
            "Office Manager", "Customer Success Manager");
    private static final List<String> STUDENT_TITLES = List.of("Student", "Marketing Intern", "Graduate Trainee");

    private static final List<String> FREE_MAIL = List.of("gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "gmx.de", "icloud.com");
    private static final List<String> UNIVERSITIES = List.of("student.tu-berlin.de", "ucl.ac.uk", "mit.edu", "uva.nl", "kth.se");
    private static final List<String> COMPETITORS = List.of("rival.example", "competitor.example", "leadscorer.example");
    private static final List<String> ANALYST_FIRMS = List.of("gartner.com", "forrester.com");

    /** System and campaign pairs; a null campaign is organic traffic. */
    private static final List<SourceBody> SOURCES = List.of(
            new SourceBody("hubspot", "q3-ebook-scoring-basics"), new SourceBody("hubspot", "q4-pricing-nurture"),
            new SourceBody("website", null), new SourceBody("website", "seo-lead-scoring-guide"),
            new SourceBody("linkedin-ads", "abm-dach-software"), new SourceBody("linkedin-ads", "cmo-series"),
            new SourceBody("webinar", "revops-live-2026"), new SourceBody("webinar", "mql-masterclass"),
            new SourceBody("mautic", "newsletter"), new SourceBody("mautic", "trial-reactivation"),
            new SourceBody("events", "saas-summit-berlin"));
    private static final int[] SOURCE_WEIGHTS = {14, 10, 14, 8, 9, 6, 9, 7, 10, 5, 8};

    private static DemoContact contact(long seed, int index, List<Company> companies, Set<String> emails, Instant now) {
        Random random = random(seed, index);
        Company company = companies.get(random.nextInt(companies.size()));
        String first = pick(random, FIRST_NAMES);
        String last = pick(random, LAST_NAMES);
        String title = jobTitle(random);
        boolean student = STUDENT_TITLES.contains(title);
        String domain = emailDomain(random, company, student);
        String email = uniqueEmail(emails, localPart(first, last), domain, index);
        SourceBody source = SOURCES.get(weighted(random, SOURCE_WEIGHTS));
        Capture capture = new Capture(email, first, last, student ? null : company.name(), title,
                                      student ? null : company.industry(), student ? null : company.size(),
                                      company.country(), source);
        Intent intent = Intent.values()[weighted(random, new int[]{44, 28, 16, 9, 3})];
        List<Engagement> engagements = engagements(random, seed, index, email, source, intent, now);
        boolean ideal = !student && company.technology() && company.size() >= 50 && company.size() <= 5000;
        return new DemoContact(capture, engagements, intent, ideal, salesPlan(random, ideal));
    }

    private static String jobTitle(Random random) {
        return switch (weighted(random, new int[]{14, 10, 34, 5, 37})) {
            case 0 -> pick(random, LEADER_TITLES);
            case 1 -> pick(random, EXECUTIVE_TITLES);
            case 2 -> pick(random, PRACTITIONER_TITLES);
            case 3 -> pick(random, STUDENT_TITLES);
            default -> pick(random, OTHER_TITLES);
        };
    }

    /** Mostly the company's domain; free mail, universities, competitors and analysts are what scoring must catch. */
    private static String emailDomain(Random random, Company company, boolean student) {
        if (student) {
            return random.nextInt(3) == 0 ? pick(random, FREE_MAIL) : pick(random, UNIVERSITIES);
        }
        return switch (weighted(random, new int[]{82, 13, 3, 2})) {
            case 1 -> pick(random, FREE_MAIL);
            case 2 -> pick(random, COMPETITORS);
            case 3 -> pick(random, ANALYST_FIRMS);
            default -> company.domain();
        };
    }

    private static String localPart(String first, String last) {
        return (first + "." + last).toLowerCase(Locale.ROOT).replace(" ", "").replace("'", "");
    }

    private static String uniqueEmail(Set<String> taken, String local, String domain, int index) {
        String email = local + "@" + domain;
        if (!taken.add(email)) {
            email = local + index + "@" + domain;
            taken.add(email);
        }
        return email;
    }

    // ---- what they did

    private static List<Engagement> engagements(Random random, long seed, int index, String email, SourceBody source, Intent intent,
                                                Instant now) {
        List<Activity> activities = new ArrayList<>();
        switch (intent) {
            case COLD -> {
                int count = 1 + random.nextInt(3);
                for (int n = 0; n < count; n++) {
                    activities.add(random.nextBoolean() ? Activity.email("EMAIL_OPENED", daysAgo(random, 20, 70))
                                                        : Activity.page(pick(random, BLOG_PAGES), daysAgo(random, 20, 70)));
                }
            }
            case CURIOUS -> {
                int count = 3 + random.nextInt(5);
                for (int n = 0; n < count; n++) {
                    activities.add(browsing(random, 5, 60));
                }
            }
            case ENGAGED -> {
                int count = 4 + random.nextInt(5);
                for (int n = 0; n < count; n++) {
                    activities.add(browsing(random, 1, 45));
                }
                int pricingVisits = 1 + random.nextInt(3);
                for (int n = 0; n < pricingVisits; n++) {
                    activities.add(Activity.page("/pricing", daysAgo(random, 0, 12)));
                }
                activities.add(Activity.asset(pick(random, GUIDES), daysAgo(random, 1, 25)));
                if (random.nextBoolean()) {
                    Duration registered = daysAgo(random, 10, 30);
                    activities.add(Activity.of("WEBINAR_REGISTERED", registered));
                    activities.add(Activity.of("WEBINAR_ATTENDED", registered.minusDays(7)));
                }
            }
            case HAND_RAISER -> {
                int count = 2 + random.nextInt(4);
                for (int n = 0; n < count; n++) {
                    activities.add(browsing(random, 3, 50));
                }
                activities.add(Activity.page("/pricing", daysAgo(random, 1, 20)));
                Duration raised = daysAgo(random, 0, 21);
                activities.add(switch (random.nextInt(4)) {
                    case 0 -> Activity.form("DEMO_REQUESTED", "demo-request", raised);
                    case 1 -> Activity.form("TRIAL_STARTED", "free-trial", raised);
                    case 2 -> Activity.form("CONTACT_SALES_REQUESTED", "contact-sales", raised);
                    default -> Activity.asset("lead-management-buyers-guide.pdf", raised);
                });
            }
            case LAPSED -> {
                Duration last = daysAgo(random, 2, 40);
                activities.add(Activity.email("EMAIL_OPENED", last.plusDays(10 + random.nextInt(20))));
                activities.add(browsing(random, 30, 70));
                activities.add(Activity.of(random.nextBoolean() ? "UNSUBSCRIBED" : "EMAIL_BOUNCED", last));
            }
        }
        activities.sort(Comparator.comparing(Activity::ago).reversed());
        List<Engagement> engagements = new ArrayList<>(activities.size());
        for (int n = 0; n < activities.size(); n++) {
            Activity activity = activities.get(n);
            String occurredAt = now.minus(activity.ago()).toString();
            engagements.add(new Engagement(email, "demo-" + seed + "-" + index + "-" + n, activity.type(), occurredAt,
                                           activity.detail(), source));
        }
        return List.copyOf(engagements);
    }

    private static final List<String> BLOG_PAGES = List.of(
            "/", "/blog/what-is-an-mql", "/blog/lead-scoring-101", "/blog/sales-and-marketing-alignment", "/blog/funnel-metrics",
            "/customers", "/about");
    private static final List<String> PRODUCT_PAGES = List.of(
            "/product", "/product/scoring", "/features/routing", "/features/audit-trail", "/integrations/hubspot",
            "/integrations/mautic");
    private static final List<String> GUIDES = List.of(
            "mql-playbook-guide.pdf", "lead-scoring-whitepaper.pdf", "state-of-revops-report-2026.pdf");
    private static final List<String> EBOOKS = List.of("b2b-funnel-ebook.pdf", "e-book-nurture-journeys.pdf");

    /** The middle of the funnel: reading, clicking, registering; points, but rarely enough to qualify alone. */
    private static Activity browsing(Random random, int minDays, int maxDays) {
        Duration ago = daysAgo(random, minDays, maxDays);
        return switch (random.nextInt(8)) {
            case 0, 1 -> Activity.page(pick(random, BLOG_PAGES), ago);
            case 2, 3 -> Activity.page(pick(random, PRODUCT_PAGES), ago);
            case 4 -> Activity.email("EMAIL_CLICKED", ago);
            case 5 -> Activity.asset(pick(random, EBOOKS), ago);
            case 6 -> Activity.asset(pick(random, GUIDES), ago);
            default -> Activity.of("WEBINAR_REGISTERED", ago);
        };
    }

    private static Duration daysAgo(Random random, int minDays, int maxDays) {
        long minutes = Duration.ofDays(minDays).toMinutes()
                       + (long) (random.nextDouble() * Duration.ofDays(maxDays - minDays).toMinutes());
        return Duration.ofMinutes(Math.max(minutes, 30));
    }

    private record Activity(String type, Detail detail, Duration ago) {
        static Activity page(String path, Duration ago) {
            return new Activity("PAGE_VIEW", new Detail(SITE + path, null, null), ago);
        }

        static Activity asset(String asset, Duration ago) {
            return new Activity("CONTENT_DOWNLOAD", new Detail(null, asset, null), ago);
        }

        static Activity form(String type, String form, Duration ago) {
            return new Activity(type, new Detail(null, null, form), ago);
        }

        static Activity email(String type, Duration ago) {
            return new Activity(type, null, ago);
        }

        static Activity of(String type, Duration ago) {
            return new Activity(type, null, ago);
        }
    }

    // ---- what sales will make of them

    /** Sales accepts the ideal profile more often and returns the rest as bad fits more often, as real teams do. */
    private static SalesPlan salesPlan(Random random, boolean ideal) {
        int roll = random.nextInt(100);
        int accept = ideal ? 68 : 35;
        int keepOpen = ideal ? 12 : 15;
        if (roll < accept) {
            List<String> advance = random.nextInt(100) < 45
                    ? (random.nextInt(100) < 40 ? List.of("OPPORTUNITY", "CUSTOMER") : List.of("OPPORTUNITY"))
                    : List.of();
            return new SalesPlan(Decision.ACCEPT, null, pick(random, ACCEPT_NOTES), advance);
        }
        if (roll < accept + keepOpen) {
            return new SalesPlan(Decision.KEEP_OPEN, null, null, List.of());
        }
        int[] weights = ideal ? new int[]{50, 30, 5, 15} : new int[]{25, 15, 45, 15};
        String reason = List.of("NOT_READY", "NO_BUDGET", "BAD_FIT", "NO_RESPONSE").get(weighted(random, weights));
        return new SalesPlan(Decision.RETURN, reason, RETURN_NOTES.get(reason), List.of());
    }

    private static final List<String> ACCEPT_NOTES = List.of(
            "budget confirmed", "discovery call booked", "evaluating vendors this quarter", "champion identified");
    private static final Map<String, String> RETURN_NOTES = Map.of(
            "NOT_READY", "interested, revisit next quarter", "NO_BUDGET", "no budget until next fiscal year",
            "BAD_FIT", "too small for our offering", "NO_RESPONSE", "three attempts, no answer");

    // ---- companies

    /** @param technology what the default model's industry rule rewards, and what our ideal customer is */
    private record Company(String name, String domain, String industry, boolean technology, int size, String country) {

        private static final List<String> PREFIXES = List.of(
                "Bright", "Nord", "Blue", "Iron", "Silver", "Quantum", "Cedar", "Harbor", "Summit", "Pixel", "Atlas", "Vertex",
                "Lumen", "Granite", "Orbit", "Maple", "Falcon", "Coral", "Nimbus", "Juniper");
        /** The name's ending says the trade, so a company's people and its industry agree. */
        private static final List<List<String>> TRADES = List.of(
                List.of("soft", "Software"), List.of("stack", "SaaS"), List.of("cloud", "SaaS"), List.of("labs", "Software"),
                List.of("logic", "IT Services"), List.of("data", "Information Technology"), List.of("metrics", "SaaS"),
                List.of("systems", "IT Services"), List.of("wave", "Internet"), List.of("forge", "Software"),
                List.of("works", "Manufacturing"), List.of("foods", "Retail"), List.of("logistics", "Logistics"),
                List.of("health", "Healthcare"), List.of("bank", "Financial Services"), List.of("retail", "Retail"),
                List.of("motors", "Manufacturing"), List.of("media", "Media"), List.of("energy", "Energy"),
                List.of("partners", "Consulting"));
        private static final int TECHNOLOGY_TRADES = 10;
        private static final List<String> TERRITORY = List.of("DE", "GB", "US", "FR", "NL", "SE", "AT", "CH", "IE", "CA", "DK", "BE",
                                                              "NO", "FI");
        private static final List<String> ELSEWHERE = List.of("BR", "IN", "JP", "AU", "ES", "IT", "PL", "ZA", "SG", "MX");

        static final int COUNT = PREFIXES.size() * TRADES.size();

        static Company generate(Random random, int index) {
            int trade = index / PREFIXES.size();
            String prefix = PREFIXES.get(index % PREFIXES.size());
            String ending = TRADES.get(trade).get(0);
            int size = switch (weighted(random, new int[]{30, 55, 15})) {
                case 0 -> 2 + random.nextInt(48);
                case 1 -> 50 + random.nextInt(4_951);
                default -> 5_001 + random.nextInt(95_000);
            };
            String country = random.nextInt(100) < 80 ? pick(random, TERRITORY) : pick(random, ELSEWHERE);
            return new Company(prefix + " " + Character.toUpperCase(ending.charAt(0)) + ending.substring(1),
                               (prefix + ending).toLowerCase(Locale.ROOT) + ".example", TRADES.get(trade).get(1),
                               trade < TECHNOLOGY_TRADES, size, country);
        }
    }

    // ---- randomness

    /** An independent stream per contact (and per company), so adding contacts leaves the earlier ones as they were. */
    private static Random random(long seed, long index) {
        long mixed = seed + index * 0x9E3779B97F4A7C15L;
        mixed = (mixed ^ (mixed >>> 30)) * 0xBF58476D1CE4E5B9L;
        mixed = (mixed ^ (mixed >>> 27)) * 0x94D049BB133111EBL;
        return new Random(mixed ^ (mixed >>> 31));
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static int weighted(Random random, int[] weights) {
        int total = 0;
        for (int weight : weights) {
            total += weight;
        }
        int roll = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            roll -= weights[i];
            if (roll < 0) {
                return i;
            }
        }
        throw new IllegalStateException("unreachable: the roll is below the total");
    }
}
