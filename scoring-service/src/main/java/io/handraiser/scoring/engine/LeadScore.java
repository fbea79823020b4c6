package io.handraiser.scoring.engine;

import io.handraiser.contract.contact.AcceptedAsSQL;
import io.handraiser.contract.contact.ContactCaptured;
import io.handraiser.contract.contact.ContactDisqualified;
import io.handraiser.contract.contact.ContactErased;
import io.handraiser.contract.contact.ContactEvent;
import io.handraiser.contract.contact.ContactId;
import io.handraiser.contract.contact.ContactProfileUpdated;
import io.handraiser.contract.contact.ContactRequalified;
import io.handraiser.contract.contact.EngagementRecorded;
import io.handraiser.contract.contact.LifecycleStageAdvanced;
import io.handraiser.contract.contact.MarkedMQL;
import io.handraiser.contract.contact.ReturnedToNurture;
import io.handraiser.contract.contact.Stage;
import io.handraiser.contract.contact.Tier;
import io.handraiser.contract.scoring.DisqualifyingSignalDetected;
import io.handraiser.contract.scoring.LeadScoreChanged;
import io.handraiser.contract.scoring.LeadScoreEvent;
import io.handraiser.contract.scoring.LeadScoreQualified;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One contact's score over time, and what scoring states about it: the scoring saga's rules, free of storage and
 * clocks. Each transition takes the model and the time, and returns the new state with the facts to publish and
 * the moment the score next changes by time alone (the decay deadline).
 * <ul>
 *     <li>{@code LeadScoreChanged} whenever fit, engagement, tier, disqualifier or model version differ from the
 *     last one stated;</li>
 *     <li>{@code LeadScoreQualified} once per nurture episode, while the contact is a SUBSCRIBER or LEAD and not
 *     disqualified. An episode starts at capture, at a return to nurture and at a person's requalification; after a
 *     return the contact qualifies again only once it engages anew (an engagement that occurred after the return
 *     and counts for a rule with positive points);</li>
 *     <li>{@code DisqualifyingSignalDetected} once per contact and disqualifier, before MQL.</li>
 * </ul>
 *
 * @param episode                 the nurture episode the contact is in, from 1
 * @param qualifiedEpisode        the episode the contact was last stated qualified in; 0 for never
 * @param awaitingEngagementSince when returned to nurture and not engaged since; null otherwise
 * @param standing                the score last stated in a {@code LeadScoreChanged}; null before the first
 */
public record LeadScore(ContactId contactId, String modelVersion, Stage stage, boolean disqualified, boolean erased, int episode,
                        int qualifiedEpisode, Instant awaitingEngagementSince, Facts facts, List<MatchedEngagement> engagements,
                        List<String> reportedDisqualifiers, Standing standing) {

    public LeadScore {
        Objects.requireNonNull(contactId, "contactId");
        engagements = List.copyOf(engagements);
        reportedDisqualifiers = List.copyOf(reportedDisqualifiers);
    }

    /** The score last stated, as far as deciding whether it changed needs it. */
    public record Standing(int fit, int engagement, Tier tier, String disqualifier, String modelVersion) {
        static Standing of(Score score, String modelVersion) {
            return new Standing(score.fit(), score.engagement(), score.tier(),
                                score.disqualifier() == null ? null : score.disqualifier().name(), modelVersion);
        }
    }

    /**
     * @param nextChangeAt when the score next changes by time alone: re-evaluate then; null for never
     */
    public record Outcome(LeadScore score, List<LeadScoreEvent> events, Instant nextChangeAt) {
        public Outcome {
            events = List.copyOf(events);
        }
    }

    /** A contact scoring has seen nothing of yet. */
    public static LeadScore start(ContactId contactId, String modelVersion) {
        return new LeadScore(contactId, modelVersion, Stage.LEAD, false, false, 1, 0, null, Facts.none(), List.of(), List.of(), null);
    }

    /** Still worth scoring under a new model: not erased and not yet with sales beyond MQL. */
    public boolean isOpen() {
        return !erased && stage.isBefore(Stage.SQL);
    }

    /** The score now, with its explanation; {@code model} must be the version this state was matched under. */
    public Score score(VersionedModel model, Instant now) {
        checkVersion(model);
        return ScoringEngine.evaluate(model.model(), facts.matchingRules(model.model()), engagements, now);
    }

    public Outcome on(ContactEvent event, VersionedModel model, Instant now) {
        if (erased) {
            return new Outcome(this, List.of(), null);
        }
        checkVersion(model);
        Draft next = new Draft(this);
        if (event instanceof ContactCaptured captured) {
            next.stage = captured.stage();
            next.facts = Facts.of(ContactHistory.factsOf(captured.profile(), captured.email() == null ? null : captured.email().domain()),
                                  model.model());
        } else if (event instanceof ContactProfileUpdated updated) {
            next.facts = facts.merge(ContactHistory.factsOf(updated.changes(), null), model.model());
        } else if (event instanceof EngagementRecorded recorded) {
            record(next, ContactHistory.engagementOf(recorded), model);
        } else if (event instanceof MarkedMQL) {
            next.stage = Stage.MQL;
        } else if (event instanceof AcceptedAsSQL) {
            next.stage = Stage.SQL;
        } else if (event instanceof ReturnedToNurture returned) {
            next.stage = Stage.LEAD;
            next.episode = episode + 1;
            next.awaitingEngagementSince = returned.at();
        } else if (event instanceof ContactDisqualified) {
            next.disqualified = true;
        } else if (event instanceof ContactRequalified) {
            // a person's judgement overrules the disqualification: the contact starts afresh on its current score
            next.disqualified = false;
            next.episode = episode + 1;
            next.awaitingEngagementSince = null;
        } else if (event instanceof LifecycleStageAdvanced advanced) {
            next.stage = advanced.to();
        } else if (event instanceof ContactErased) {
            return new Outcome(new LeadScore(contactId, modelVersion, stage, disqualified, true, episode, qualifiedEpisode, null,
                                             Facts.none(), List.of(), reportedDisqualifiers, null), List.of(), null);
        }
        return next.decide(model, now);
    }

    /** The score once time has passed: points decay or leave their window. */
    public Outcome reevaluate(VersionedModel model, Instant now) {
        if (erased) {
            return new Outcome(this, List.of(), null);
        }
        checkVersion(model);
        return new Draft(this).decide(model, now);
    }

    /**
     * The score under another model version, its rules matched against the contact's whole history anew. The
     * lifecycle (stage, episode, what was stated) carries over: a new model does not reopen a closed episode.
     */
    public Outcome rescore(VersionedModel model, ContactHistory history, Instant now) {
        if (erased) {
            return new Outcome(this, List.of(), null);
        }
        Draft next = new Draft(this);
        next.modelVersion = model.version();
        next.facts = Facts.of(history.facts(), model.model());
        next.engagements = new ArrayList<>();
        history.engagements().forEach(engagement -> ScoringEngine.ruleFor(model.model(), engagement).ifPresent(next.engagements::add));
        return next.decide(model, now);
    }

    private void record(Draft next, Engagement engagement, VersionedModel model) {
        // a loop, not a stream: it runs for every engagement a replay applies
        for (MatchedEngagement known : engagements) {
            if (known.id().equals(engagement.id())) {
                return;
            }
        }
        ScoringEngine.ruleFor(model.model(), engagement).ifPresent(matched -> {
            next.engagements.add(matched);
            boolean counts = !model.model().isNegative(matched.rule());
            if (counts && awaitingEngagementSince != null && engagement.occurredAt().isAfter(awaitingEngagementSince)) {
                next.awaitingEngagementSince = null;
            }
        });
    }

    private void checkVersion(VersionedModel model) {
        if (!model.version().equals(modelVersion)) {
            throw new IllegalArgumentException("contact " + contactId + " is scored under model " + modelVersion + ", not " + model.version()
                                               + "; rescore it first");
        }
    }

    /** The state being changed by one transition. */
    private static final class Draft {
        private final LeadScore from;
        private String modelVersion;
        private Stage stage;
        private boolean disqualified;
        private int episode;
        private Instant awaitingEngagementSince;
        private Facts facts;
        private List<MatchedEngagement> engagements;

        Draft(LeadScore from) {
            this.from = from;
            this.modelVersion = from.modelVersion;
            this.stage = from.stage;
            this.disqualified = from.disqualified;
            this.episode = from.episode;
            this.awaitingEngagementSince = from.awaitingEngagementSince;
            this.facts = from.facts;
            this.engagements = new ArrayList<>(from.engagements);
        }

        Outcome decide(VersionedModel model, Instant now) {
            Score score = ScoringEngine.evaluate(model.model(), facts.matchingRules(model.model()), engagements, now);
            ContactId id = from.contactId;
            List<LeadScoreEvent> events = new ArrayList<>();
            Standing standing = Standing.of(score, modelVersion);
            if (!standing.equals(from.standing)) {
                events.add(new LeadScoreChanged(id, modelVersion, score.tier(), score.evidence(), now));
            }
            List<String> reported = new ArrayList<>(from.reportedDisqualifiers);
            boolean beforeMql = stage.isBefore(Stage.MQL);
            if (score.disqualifier() != null && !reported.contains(score.disqualifier().name()) && !disqualified && beforeMql) {
                events.add(new DisqualifyingSignalDetected(id, score.disqualificationReason(), score.disqualifier().name(), modelVersion, now));
                reported.add(score.disqualifier().name());
            }
            int qualifiedEpisode = from.qualifiedEpisode;
            if (score.tier() != null && !disqualified && beforeMql && qualifiedEpisode != episode && awaitingEngagementSince == null) {
                events.add(new LeadScoreQualified(id, score.tier(), modelVersion, score.reason(), score.evidence(), now));
                qualifiedEpisode = episode;
            }
            List<MatchedEngagement> kept = ScoringEngine.worthKeeping(model.model(), engagements, now);
            LeadScore next = new LeadScore(id, modelVersion, stage, disqualified, false, episode, qualifiedEpisode, awaitingEngagementSince,
                                           facts, kept, reported, standing);
            return new Outcome(next, events, score.nextChangeAt());
        }
    }
}
