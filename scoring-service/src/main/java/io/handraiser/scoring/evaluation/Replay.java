package io.handraiser.scoring.evaluation;

import io.handraiser.contract.contact.AcceptedAsSQL;
import io.handraiser.contract.contact.ContactDisqualified;
import io.handraiser.contract.contact.ContactEvent;
import io.handraiser.contract.contact.ContactId;
import io.handraiser.contract.contact.Evidence;
import io.handraiser.contract.contact.LifecycleStageAdvanced;
import io.handraiser.contract.contact.MarkedMQL;
import io.handraiser.contract.contact.ReturnReason;
import io.handraiser.contract.contact.ReturnedToNurture;
import io.handraiser.contract.contact.Signal;
import io.handraiser.contract.contact.Stage;
import io.handraiser.contract.contact.Tier;
import io.handraiser.contract.scoring.DisqualifyingSignalDetected;
import io.handraiser.contract.scoring.LeadScoreChanged;
import io.handraiser.contract.scoring.LeadScoreEvent;
import io.handraiser.contract.scoring.LeadScoreQualified;
import io.handraiser.contract.shared.Actor;
import io.handraiser.scoring.engine.LeadScore;
import io.handraiser.scoring.engine.Score;
import io.handraiser.scoring.engine.ScoringModel;
import io.handraiser.scoring.engine.VersionedModel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Replays recorded contact histories under one model, in memory: the scoring saga ({@link LeadScore}), the very
 * code that scores live, driven with each event's own time, so decay and windows are judged as they stood then.
 * Nothing is stored or published; the facts it states are only counted.
 * <p>
 * The replay stands in for contact-service where the model decides: the recorded {@code MarkedMQL}s are the old
 * decisions and are not applied; a qualification the model states marks the contact MQL, and a disqualifying
 * signal disqualifies it, as {@code QualificationPolicy} would. Every other lifecycle fact is applied as it
 * happened (sales accepted, returned, a person disqualified or requalified, the contact was erased).
 * <p>
 * Events may arrive in any order across contacts and out of order within one (see {@link ContactEventLog}): each
 * contact's are applied in sequence order, a later one waiting for its predecessors.
 * <p>
 * Contacts are scored independently, so the replay may be split into {@link Shard}s, each on a thread of its own
 * (see {@link ContactEventLog}), as long as all of one contact's events go to the same shard. The result does not
 * depend on the split: it is merged in contact id order.
 */
public final class Replay {

    private static final Set<ReturnReason> NEGATIVE_RETURNS = Set.of(ReturnReason.BAD_FIT, ReturnReason.NOT_READY);

    private final VersionedModel model;
    private final TimeRange range;
    private final Actor policy;
    private final Map<String, Integer> rulePoints = new HashMap<>();
    private final Set<String> disqualifiers = new TreeSet<>();
    /**
     * Only a negative rule fading with time can raise a score between events; without one, time alone can make no
     * one qualify, and the decay deadlines between events need no evaluation.
     */
    private final boolean timeCanQualify;
    /**
     * Whether each contact's features are kept where its outcome is decided (the label calibration fits to): each
     * costs a full evaluation of the score, and an evaluation's report has no use for them.
     */
    private final boolean features;
    private final List<Shard> shards = new ArrayList<>();
    private final Shard direct;

    /** A replay that keeps each contact's features where its outcome is decided ({@link ReplayedContact#label}). */
    public Replay(VersionedModel model, TimeRange range) {
        this(model, range, true);
    }

    /** A replay for a report that needs no contact's features: every {@link ReplayedContact#label} is null. */
    public static Replay withoutFeatures(VersionedModel model, TimeRange range) {
        return new Replay(model, range, false);
    }

    private Replay(VersionedModel model, TimeRange range, boolean features) {
        this.model = model;
        this.range = range;
        this.features = features;
        this.policy = Actor.system("what-if-replay", model.version());
        ScoringModel rules = model.model();
        rules.attributeRules().forEach(rule -> rulePoints.put(rule.name(), rule.points()));
        rules.activityRules().forEach(rule -> rulePoints.put(rule.name(), rule.points()));
        rules.disqualifiers().forEach(rule -> disqualifiers.add(rule.name()));
        this.timeCanQualify = rules.negativeEngagement().stream().anyMatch(rule -> rule.decay() != null || rule.cap() != null);
        this.direct = shard();
    }

    public VersionedModel model() {
        return model;
    }

    public TimeRange range() {
        return range;
    }

    public void accept(ContactEvent event, long sequence) {
        direct.accept(event, sequence);
    }

    /** A new part of the replay, to be fed on one thread; call before feeding any shard, and finish after all are fed. */
    Shard shard() {
        Shard shard = new Shard();
        shards.add(shard);
        return shard;
    }

    /**
     * Every contact replayed, by id. Events still waiting for a predecessor the log did not hold (one committed
     * while the log was read) are left out and counted.
     */
    public Result finish() {
        // the end of the whole log, not of a shard's part: where time stops for every contact
        Instant latest = null;
        int size = 0;
        for (Shard shard : shards) {
            if (latest == null || shard.latest != null && shard.latest.isAfter(latest)) {
                latest = shard.latest;
            }
            size += shard.traces.size();
        }
        Instant end = range.to() != null ? range.to() : latest;
        List<ReplayedContact> contacts = new ArrayList<>(size);
        long applied = 0;
        long withheld = 0;
        for (Shard shard : shards) {
            for (Trace trace : shard.traces.values()) {
                if (timeCanQualify && end != null) {
                    trace.passTimeUntil(end, false);
                }
                applied += trace.applied;
                withheld += trace.pending == null ? 0 : trace.pending.size();
                contacts.add(trace.result());
            }
        }
        contacts.sort(Comparator.comparing(ReplayedContact::contactId));
        return new Result(contacts, applied, withheld);
    }

    /** The contacts of one part of the replay; not safe for use by several threads at once. */
    final class Shard {
        private final Map<ContactId, Trace> traces = new HashMap<>();
        private Instant latest;

        void accept(ContactEvent event, long sequence) {
            if (latest == null || event.at().isAfter(latest)) {
                latest = event.at();
            }
            traces.computeIfAbsent(event.contactId(), Trace::new).receive(event, sequence);
        }
    }

    /** @param withheld events not applied because an earlier event of their contact was missing */
    public record Result(List<ReplayedContact> contacts, long eventsApplied, long withheld) {
    }

    /** One contact as it goes through the replay. */
    private final class Trace {
        private final ContactId id;
        private long nextSequence;
        private long applied;
        private TreeMap<Long, ContactEvent> pending;
        private LeadScore score;
        private Instant nextChangeAt;
        private boolean inRange;
        private Instant firstMqlAt;
        private Qualification actualMql;
        private final List<Qualification> wouldBe = new ArrayList<>(1);
        private final Set<String> counted = new TreeSet<>();
        private boolean positive;
        private boolean negative;
        private FeatureSnapshot atFirstMql;
        private FeatureSnapshot atPositive;
        private FeatureSnapshot atNegative;

        Trace(ContactId id) {
            this.id = id;
            this.score = LeadScore.start(id, model.version());
        }

        void receive(ContactEvent event, long sequence) {
            if (sequence < nextSequence) {
                return;
            }
            if (sequence > nextSequence) {
                if (pending == null) {
                    pending = new TreeMap<>();
                }
                pending.put(sequence, event);
                return;
            }
            apply(event);
            nextSequence++;
            while (pending != null && !pending.isEmpty() && pending.firstKey() == nextSequence) {
                apply(pending.pollFirstEntry().getValue());
                nextSequence++;
            }
        }

        private void apply(ContactEvent event) {
            applied++;
            Instant at = event.at();
            inRange |= range.contains(at);
            boolean scores = range.scores(at);
            if (scores && timeCanQualify) {
                passTimeUntil(at, true);
            }
            Instant evaluatedAt = scores ? at : range.to();
            if (event instanceof MarkedMQL marked) {
                if (firstMqlAt == null) {
                    firstMqlAt = at;
                    atFirstMql = snapshot(evaluatedAt);
                }
                if (actualMql == null && range.contains(at)) {
                    actualMql = new Qualification(marked.tier() == null ? null : marked.tier().name(), at);
                }
                return;
            }
            if (!positive && isPositive(event)) {
                positive = true;
                atPositive = snapshot(evaluatedAt);
            }
            if (!negative && isNegative(event)) {
                negative = true;
                atNegative = snapshot(evaluatedAt);
            }
            if (scores) {
                follow(score.on(event, model, at), at);
            }
        }

        /** Lets the score decay up to {@code until} as the live deadline poller would, stopping at the range's end. */
        void passTimeUntil(Instant until, boolean inclusive) {
            while (nextChangeAt != null && (inclusive ? !nextChangeAt.isAfter(until) : nextChangeAt.isBefore(until))
                   && range.scores(nextChangeAt)) {
                Instant at = nextChangeAt;
                follow(score.reevaluate(model, at), at);
            }
        }

        private void follow(LeadScore.Outcome outcome, Instant at) {
            score = outcome.score();
            nextChangeAt = outcome.nextChangeAt();
            for (LeadScoreEvent fact : outcome.events()) {
                if (fact instanceof LeadScoreChanged changed) {
                    count(changed.evidence(), at);
                } else if (fact instanceof LeadScoreQualified qualified) {
                    count(qualified.evidence(), at);
                    if (range.contains(at)) {
                        wouldBe.add(new Qualification(qualified.tier().name(), at));
                    }
                    mark(qualified.tier(), qualified.reason(), qualified.evidence(), at);
                } else if (fact instanceof DisqualifyingSignalDetected signal) {
                    disqualify(signal, at);
                }
            }
        }

        private void mark(Tier tier, String reason, Evidence evidence, Instant at) {
            LeadScore.Outcome marked = score.on(new MarkedMQL(id, score.stage(), tier, reason, evidence, policy, at), model, at);
            score = marked.score();
            nextChangeAt = marked.nextChangeAt();
        }

        private void disqualify(DisqualifyingSignalDetected signal, Instant at) {
            LeadScore.Outcome disqualified = score.on(new ContactDisqualified(id, signal.reason(), null, policy, at), model, at);
            score = disqualified.score();
            nextChangeAt = disqualified.nextChangeAt();
        }

        private void count(Evidence evidence, Instant at) {
            if (!range.contains(at)) {
                return;
            }
            for (Signal signal : evidence.signals()) {
                if (signal.points() != 0 || disqualifiers.contains(signal.rule())) {
                    counted.add(signal.rule());
                }
            }
        }

        /** The contact as the model saw it at {@code at}: how many times each rule's points counted. */
        private FeatureSnapshot snapshot(Instant at) {
            if (!features || score.erased()) {
                return null;
            }
            Score now = score.score(model, at);
            Map<String, Double> units = new TreeMap<>();
            for (Score.Explained signal : now.signals()) {
                Integer points = rulePoints.get(signal.rule());
                if (signal.points() != 0 && points != null) {
                    units.put(signal.rule(), (double) signal.points() / points);
                }
            }
            return new FeatureSnapshot(at, units, now.disqualifier() != null || score.disqualified());
        }

        ReplayedContact result() {
            ContactOutcome outcome = positive ? ContactOutcome.POSITIVE : negative ? ContactOutcome.NEGATIVE : ContactOutcome.UNKNOWN;
            FeatureSnapshot decisive = switch (outcome) {
                case POSITIVE -> atPositive;
                case NEGATIVE -> atNegative;
                case UNKNOWN -> null;
            };
            // what the contact looked like when it was handed to sales, if it was, else when sales or a person judged it
            FeatureSnapshot label = decisive == null ? null
                    : atFirstMql != null && !atFirstMql.at().isAfter(decisive.at()) ? atFirstMql : decisive;
            return new ReplayedContact(id.toString(), inRange, outcome, actualMql, List.copyOf(wouldBe), Set.copyOf(counted), label);
        }
    }

    private static boolean isPositive(ContactEvent event) {
        return event instanceof AcceptedAsSQL
               || event instanceof LifecycleStageAdvanced advanced && (advanced.to() == Stage.SQL || advanced.to().isAfter(Stage.SQL));
    }

    private static boolean isNegative(ContactEvent event) {
        return event instanceof ContactDisqualified
               || event instanceof ReturnedToNurture returned && NEGATIVE_RETURNS.contains(returned.reason());
    }

    /** @param tier null for a person's MQL without a tier */
    public record Qualification(String tier, Instant at) {
    }

    /**
     * @param ruleUnits    per rule that counted, its points then divided by the rule's points: 1 for a profile rule,
     *                     the (decayed) number of occurrences for a behaviour rule
     * @param disqualified a disqualifier matched or the contact was disqualified: no points can qualify it
     */
    public record FeatureSnapshot(Instant at, Map<String, Double> ruleUnits, boolean disqualified) {
    }

    /**
     * @param inRange      had an event in the range: the population the report counts
     * @param actualMql    the first recorded MQL in the range, null if none
     * @param wouldBe      every qualification the model states in the range
     * @param rulesCounted the rules whose points counted for the contact at some moment in the range
     * @param label        the contact as the model saw it when its outcome was decided; null while unknown, and in a
     *                     replay without features
     */
    public record ReplayedContact(String contactId, boolean inRange, ContactOutcome outcome, Qualification actualMql,
                                  List<Qualification> wouldBe, Set<String> rulesCounted, FeatureSnapshot label) {
    }
}
