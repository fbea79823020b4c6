package io.handraiser.handoff.routing;

import io.handraiser.contract.contact.ContactId;
import io.handraiser.contract.contact.Tier;
import io.handraiser.handoff.inbox.ContactCards;
import io.handraiser.handoff.inbox.Handoffs;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Chooses the rep for an MQL: among available reps with room who take its tier, territory and industry, the one
 * whose rules match it most specifically, then the least loaded, then the one longest without a new handoff
 * (round-robin on ties). Nobody suitable: empty, and the handoff waits in the unassigned queue for a manager.
 */
@Component
public class Router {

    private final Reps reps;
    private final Handoffs handoffs;
    private final ContactCards cards;
    private final Clock clock;

    public Router(Reps reps, Handoffs handoffs, ContactCards cards, Clock clock) {
        this.reps = reps;
        this.handoffs = handoffs;
        this.cards = cards;
        this.clock = clock;
    }

    /** @param passedOver reps this handoff has had already, skipped when escalating */
    public Optional<String> route(ContactId contact, Tier tier, Collection<String> passedOver) {
        Document card = cards.find(contact).orElseGet(Document::new);
        String country = card.getString("country");
        String industry = card.getString("industry");
        List<Candidate> candidates = reps.available().stream()
                                         .filter(rep -> !passedOver.contains(rep.getString("_id")))
                                         .filter(rep -> takes(rep, "tiers", tier.name()) && takes(rep, "territories", country)
                                                        && takes(rep, "industries", industry))
                                         .map(rep -> new Candidate(rep.getString("_id"), specificity(rep),
                                                                   handoffs.openCountFor(rep.getString("_id")),
                                                                   Optional.ofNullable(rep.getDate("lastAssignedAt")).map(Date::toInstant)
                                                                           .orElse(Instant.EPOCH),
                                                                   rep.getInteger("capacity")))
                                         .filter(candidate -> candidate.load() < candidate.capacity())
                                         .sorted(Comparator.comparingInt(Candidate::specificity).reversed()
                                                           .thenComparingLong(Candidate::load)
                                                           .thenComparing(Candidate::lastAssignedAt)
                                                           .thenComparing(Candidate::id))
                                         .toList();
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        String chosen = candidates.get(0).id();
        reps.markAssigned(chosen, clock.instant());
        return Optional.of(chosen);
    }

    /** An empty rule takes everything; a set rule takes only its values, and nothing whose value is unknown. */
    private static boolean takes(Document rep, String rule, String value) {
        List<String> values = rep.getList(rule, String.class);
        return values == null || values.isEmpty() || (value != null && values.stream().anyMatch(value::equalsIgnoreCase));
    }

    private static int specificity(Document rep) {
        int specific = 0;
        for (String rule : List.of("tiers", "territories", "industries")) {
            List<String> values = rep.getList(rule, String.class);
            if (values != null && !values.isEmpty()) {
                specific++;
            }
        }
        return specific;
    }

    private record Candidate(String id, int specificity, long load, Instant lastAssignedAt, int capacity) {
    }
}
