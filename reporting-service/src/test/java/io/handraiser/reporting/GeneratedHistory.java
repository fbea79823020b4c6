package io.handraiser.reporting;

import io.handraiser.contract.contact.DisqualificationReason;
import io.handraiser.contract.contact.ReturnReason;
import io.handraiser.contract.contact.Stage;
import io.handraiser.contract.handoff.HandoffOutcome;
import org.axonframework.eventhandling.DomainEventMessage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded, plausible history of many contacts over half a year: captures from several sources and campaigns,
 * engagement, disqualifications, MQLs by three model versions and by people, handoffs that are accepted,
 * returned, reassigned, escalated or expire, stage advances, returns to nurture and erasures. Times are whole
 * seconds, so millisecond-precision figures recount exactly.
 */
final class GeneratedHistory {

    static final Instant START = Instant.parse("2026-05-04T00:00:00Z");
    static final String[] SOURCES = {"hubspot", "website", "mautic"};
    static final String[] CAMPAIGNS = {"spring-webinar", "pricing-guide", "q3-ads", null};
    static final String[] MODELS = {"v1", "v2", "v3", null};
    static final String[] REPS = {"ana", "bo", "cy", "dee", null};

    private GeneratedHistory() {
    }

    static List<DomainEventMessage<?>> of(int contacts, long seed) {
        Random random = new Random(seed);
        List<DomainEventMessage<?>> events = new ArrayList<>();
        for (int i = 0; i < contacts; i++) {
            Instant at = START.plusSeconds(random.nextInt(26 * 7 * 24 * 3600));
            ContactStory contact = ContactStory.captured(at, pick(random, SOURCES), pick(random, CAMPAIGNS),
                                                         random.nextInt(5) == 0 ? Stage.SUBSCRIBER : Stage.LEAD);
            boolean disqualified = false;
            int steps = 2 + random.nextInt(8);
            for (int step = 0; step < steps; step++) {
                at = at.plusSeconds(600 + random.nextInt(10 * 24 * 3600));
                Stage stage = contact.stage();
                int dice = random.nextInt(100);
                if (stage == Stage.OTHER || stage == Stage.EVANGELIST) {
                    break;
                } else if (dice < 15) {
                    contact.engaged(at);
                    score(random, contact, at.plusSeconds(1));
                } else if (stage.isBefore(Stage.MQL)) {
                    if (disqualified) {
                        if (dice < 50) {
                            contact.requalified(at);
                            disqualified = false;
                        }
                    } else if (dice < 22) {
                        contact.disqualified(at, pick(random, DisqualificationReason.values()));
                        disqualified = true;
                    } else if (dice < 80) {
                        String tier = random.nextInt(3) == 0 ? "B" : "A";
                        String model = pick(random, MODELS);
                        if (model != null && random.nextInt(4) != 0) {
                            score(random, contact, at.minusSeconds(1), model);
                        }
                        if (model == null && random.nextInt(3) == 0) {
                            contact.manualMqlWithoutScore(at, tier);
                        } else {
                            contact.mql(at, tier, model);
                        }
                        at = handoff(random, events, contact, tier, at);
                    } else if (dice < 84) {
                        contact.advanced(at, Stage.OTHER);
                    } else if (dice < 88) {
                        contact.advanced(at, Stage.CUSTOMER);
                    }
                } else if (stage == Stage.SQL) {
                    if (dice < 60) {
                        contact.advanced(at, Stage.OPPORTUNITY);
                    } else if (dice < 80) {
                        contact.returned(at, pick(random, ReturnReason.values()));
                    }
                } else if (stage == Stage.OPPORTUNITY) {
                    if (dice < 55) {
                        contact.advanced(at, Stage.CUSTOMER);
                    } else if (dice < 65) {
                        contact.advanced(at, Stage.OTHER);
                    }
                } else if (stage == Stage.CUSTOMER && dice < 40) {
                    contact.advanced(at, Stage.EVANGELIST);
                }
            }
            if (random.nextInt(20) == 0) {
                contact.erased(at.plusSeconds(3600));
            }
            events.addAll(contact.events());
        }
        return events;
    }

    private static void score(Random random, ContactStory contact, Instant at) {
        score(random, contact, at, pick(random, "v1", "v2", "v3"));
    }

    /** A score across the whole grid: fit from -20 (negative signals) to 70, engagement from 0 to 119. */
    private static void score(Random random, ContactStory contact, Instant at, String model) {
        int fit = random.nextInt(91) - 20;
        int engagement = random.nextInt(120);
        contact.scored(at, model, fit, engagement, fit >= 40 && fit + engagement >= 100 ? "A" : fit >= 20 && fit + engagement >= 100 ? "B" : null);
    }

    /** Sales' answer to an MQL, with the handoff that carried it; returns the time the contact's next step may take. */
    private static Instant handoff(Random random, List<DomainEventMessage<?>> events, ContactStory contact, String tier, Instant mqlAt) {
        Duration sla = Duration.ofHours(tier.equals("A") ? 24 : 72);
        HandoffStory handoff = HandoffStory.opened(contact.id(), tier, mqlAt, sla, pick(random, REPS));
        Instant at = mqlAt.plusSeconds(600 + random.nextInt(5 * 24 * 3600));
        int dice = random.nextInt(100);
        if (dice < 10) {
            handoff.reassigned(mqlAt.plusSeconds(300), pick(random, REPS));
        } else if (dice < 20) {
            handoff.escalated(mqlAt.plusSeconds(300), pick(random, REPS));
        }
        int answer = random.nextInt(100);
        if (answer < 55) {
            contact.sql(at);
            handoff.closed(at, HandoffOutcome.ACCEPTED);
        } else if (answer < 80) {
            contact.returned(at, pick(random, ReturnReason.values()));
            handoff.closed(at, HandoffOutcome.RETURNED);
        } else if (answer < 90) {
            handoff.expired(mqlAt.plus(sla).plusSeconds(60));
            at = mqlAt.plus(sla).plusSeconds(120);
            contact.returned(at, ReturnReason.SLA_EXPIRED);
        }
        events.addAll(handoff.events());
        return at;
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... values) {
        return values[random.nextInt(values.length)];
    }
}
