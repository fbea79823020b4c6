package io.handraiser.scoring.evaluation;

import io.handraiser.contract.contact.AcceptedAsSQL;
import io.handraiser.contract.contact.ContactCaptured;
import io.handraiser.contract.contact.ContactDisqualified;
import io.handraiser.contract.contact.ContactErased;
import io.handraiser.contract.contact.ContactEvent;
import io.handraiser.contract.contact.ContactId;
import io.handraiser.contract.contact.DisqualificationReason;
import io.handraiser.contract.contact.Email;
import io.handraiser.contract.contact.EngagementDetail;
import io.handraiser.contract.contact.EngagementRecorded;
import io.handraiser.contract.contact.EngagementType;
import io.handraiser.contract.contact.Evidence;
import io.handraiser.contract.contact.MarkedMQL;
import io.handraiser.contract.contact.Profile;
import io.handraiser.contract.contact.ReturnReason;
import io.handraiser.contract.contact.ReturnedToNurture;
import io.handraiser.contract.contact.Source;
import io.handraiser.contract.contact.Stage;
import io.handraiser.contract.contact.Tier;
import io.handraiser.contract.shared.Actor;
import io.handraiser.scoring.engine.ModelParser;
import io.handraiser.scoring.engine.VersionedModel;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * A recorded history with a known truth, the same for a seed. Three kinds of contact:
 * <ul>
 *     <li><b>converters</b> (25%) visit the pricing page two or three times, are marked MQL and accepted as SQL
 *     (one in ten is returned as not ready all the same: sales is not an oracle); one in twenty is erased later;</li>
 *     <li><b>noise</b> (35%) open e-mails and read the blog, one in seven also sees the pricing page once; they are
 *     marked MQL and returned as a bad fit or not ready (one in seven is accepted); a few are disqualified as spam
 *     instead;</li>
 *     <li><b>open</b> (40%) do a little of everything and have no outcome; some are returned for no response.</li>
 * </ul>
 * The planted signal is the pricing page, seen through the URL: personal data, encrypted in the log.
 */
final class PlantedHistory {

    static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
    static final Actor AUTOMATION = Actor.person("hubspot-sync");
    static final Actor OLD_MODEL = Actor.system("scoring-service", "1");
    static final Actor SALES = Actor.person("ana");

    /** Rewards the planted signal: two pricing visits qualify. */
    static final String SIGNAL_MODEL = """
            {"name": "pricing focus",
             "engagement": [{"name": "pricing-page-visit", "type": "PAGE_VIEW", "urlPattern": "/pricing", "points": 30, "cap": {"max": 3, "per": "P30D"}},
                            {"name": "blog-visit", "type": "PAGE_VIEW", "urlPattern": "/blog", "points": 5}],
             "tiers": [{"name": "A", "minFit": 0, "minTotal": 60}]}
            """;

    /** Rewards what the noise contacts do. */
    static final String NOISE_MODEL = """
            {"name": "newsletter focus",
             "engagement": [{"name": "email-opened", "type": "EMAIL_OPENED", "points": 10, "cap": {"max": 10, "per": "P30D"}},
                            {"name": "blog-visit", "type": "PAGE_VIEW", "urlPattern": "/blog", "points": 10}],
             "tiers": [{"name": "A", "minFit": 0, "minTotal": 40}]}
            """;

    /** Every signal worth the same: what calibration starts from. */
    static final String FLAT_MODEL = """
            {"name": "flat",
             "fit": [{"name": "industry-software", "attribute": "industry", "equals": "Software", "points": 10}],
             "engagement": [{"name": "pricing-page-visit", "type": "PAGE_VIEW", "urlPattern": "/pricing", "points": 10},
                            {"name": "blog-visit", "type": "PAGE_VIEW", "urlPattern": "/blog", "points": 10},
                            {"name": "email-opened", "type": "EMAIL_OPENED", "points": 10}],
             "tiers": [{"name": "A", "minFit": 0, "minTotal": 30}]}
            """;

    enum Kind { CONVERTER, NOISE, OPEN }

    final List<ContactEventLog.Recorded> events;
    final Map<ContactId, Kind> kinds;
    final List<ContactId> erased;

    private PlantedHistory(List<ContactEventLog.Recorded> events, Map<ContactId, Kind> kinds, List<ContactId> erased) {
        this.events = events;
        this.kinds = kinds;
        this.erased = erased;
    }

    static VersionedModel model(String version, String document) {
        return new VersionedModel(version, ModelParser.parse(document));
    }

    static PlantedHistory generate(int contacts, long seed) {
        Random random = new Random(seed);
        List<ContactEvent> all = new ArrayList<>();
        Map<ContactId, Kind> kinds = new LinkedHashMap<>();
        List<ContactId> erased = new ArrayList<>();
        for (int i = 0; i < contacts; i++) {
            // spread like the random ids contacts get: ids apart by a counter only would share hash codes (a UUID's
            // hash folds its halves), turning every map keyed by contact into a list
            ContactId id = new ContactId(UUID.nameUUIDFromBytes(("planted-" + seed + "-" + i).getBytes(StandardCharsets.UTF_8)));
            double draw = random.nextDouble();
            Kind kind = draw < 0.25 ? Kind.CONVERTER : draw < 0.60 ? Kind.NOISE : Kind.OPEN;
            kinds.put(id, kind);
            Instant captured = START.plus(Duration.ofMinutes(37L * i));
            Contact contact = new Contact(id, captured, random, all);
            contact.captured(i);
            switch (kind) {
                case CONVERTER -> {
                    contact.engage(2 + random.nextInt(2), EngagementType.PAGE_VIEW, "https://handraiser.example/pricing?ref=c" + i);
                    contact.engage(random.nextInt(3), EngagementType.EMAIL_OPENED, null);
                    contact.engage(random.nextInt(2), EngagementType.PAGE_VIEW, "https://handraiser.example/blog/scoring-" + i);
                    contact.markedMql();
                    if (random.nextDouble() < 0.9) {
                        contact.then(new AcceptedAsSQL(id, "budget confirmed", SALES, contact.at(Duration.ofDays(8))));
                    } else {
                        contact.then(new ReturnedToNurture(id, Stage.MQL, ReturnReason.NOT_READY, "next year", SALES, contact.at(Duration.ofDays(8))));
                    }
                    if (random.nextDouble() < 0.05) {
                        contact.then(new ContactErased(id, Actor.person("dpo"), contact.at(Duration.ofDays(10))));
                        erased.add(id);
                    }
                }
                case NOISE -> {
                    contact.engage(3 + random.nextInt(4), EngagementType.EMAIL_OPENED, null);
                    contact.engage(1 + random.nextInt(3), EngagementType.PAGE_VIEW, "https://handraiser.example/blog/post-" + random.nextInt(50));
                    if (random.nextDouble() < 1.0 / 7) {
                        contact.engage(1, EngagementType.PAGE_VIEW, "https://handraiser.example/pricing");
                    }
                    if (random.nextDouble() < 0.05) {
                        contact.then(new ContactDisqualified(id, DisqualificationReason.SPAM, "bot traffic", SALES, contact.at(Duration.ofDays(7))));
                    } else {
                        contact.markedMql();
                        contact.then(random.nextDouble() < 1.0 / 7
                                ? new AcceptedAsSQL(id, "worth a call", SALES, contact.at(Duration.ofDays(8)))
                                : new ReturnedToNurture(id, Stage.MQL, random.nextBoolean() ? ReturnReason.BAD_FIT : ReturnReason.NOT_READY,
                                                        "not for us", SALES, contact.at(Duration.ofDays(8))));
                    }
                }
                case OPEN -> {
                    contact.engage(random.nextInt(3), EngagementType.EMAIL_OPENED, null);
                    contact.engage(random.nextInt(2), EngagementType.PAGE_VIEW, "https://handraiser.example/blog/post-" + random.nextInt(50));
                    if (random.nextDouble() < 0.1) {
                        contact.engage(1, EngagementType.PAGE_VIEW, "https://handraiser.example/pricing");
                    }
                    if (random.nextDouble() < 0.1) {
                        contact.markedMql();
                        contact.then(new ReturnedToNurture(id, Stage.MQL, ReturnReason.NO_RESPONSE, null, SALES, contact.at(Duration.ofDays(8))));
                    }
                }
            }
        }
        // the log holds every contact's events in time order, contacts interleaved as they happened
        all.sort(Comparator.comparing(ContactEvent::at).thenComparing(event -> event.contactId().value()));
        Map<ContactId, Long> sequences = new HashMap<>();
        List<ContactEventLog.Recorded> recorded = new ArrayList<>(all.size());
        for (ContactEvent event : all) {
            long sequence = sequences.merge(event.contactId(), 1L, Long::sum) - 1;
            recorded.add(new ContactEventLog.Recorded(event, sequence));
        }
        return new PlantedHistory(List.copyOf(recorded), kinds, List.copyOf(erased));
    }

    /** One contact's events, each later than the one before. */
    private static final class Contact {
        private final ContactId id;
        private final Instant captured;
        private final Random random;
        private final List<ContactEvent> into;
        private Instant last;
        private int engagements;

        Contact(ContactId id, Instant captured, Random random, List<ContactEvent> into) {
            this.id = id;
            this.captured = captured;
            this.random = random;
            this.into = into;
        }

        void captured(int i) {
            Profile profile = new Profile("First" + i, "Last" + i, "Firm " + (i % 50), i % 3 == 0 ? "Head of Marketing" : "Analyst", "Software",
                                          50 + i % 2000, "DE", "+49 30 " + i);
            then(new ContactCaptured(id, new Email("c" + i + "@firm" + (i % 50) + ".example"), profile, Source.of("hubspot"), Stage.LEAD,
                                     AUTOMATION, captured));
        }

        /** {@code count} engagements within the first five days. */
        void engage(int count, EngagementType type, String url) {
            for (int n = 0; n < count; n++) {
                Instant at = last.plus(Duration.ofMinutes(1 + random.nextInt(5 * 24 * 60 / 8)));
                then(new EngagementRecorded(id, id + "-e" + engagements++, type, at, url == null ? null : EngagementDetail.page(url),
                                            Source.of("website"), AUTOMATION, at));
            }
        }

        void markedMql() {
            then(new MarkedMQL(id, Stage.LEAD, Tier.of("A"), "tier A", Evidence.none(), OLD_MODEL, at(Duration.ofDays(6))));
        }

        Instant at(Duration sinceCapture) {
            Instant at = captured.plus(sinceCapture);
            return at.isAfter(last) ? at : last.plusSeconds(60);
        }

        void then(ContactEvent event) {
            into.add(event);
            last = event.at();
        }
    }
}
