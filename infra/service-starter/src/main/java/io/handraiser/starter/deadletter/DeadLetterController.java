package io.handraiser.starter.deadletter;

import io.handraiser.starter.security.Roles;
import io.handraiser.starter.web.Fields;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/**
 * Every service's dead letters, for admins. The gateway reaches them as {@code /api/admin/{service}/dead-letters/...}
 * (README, "Dead letters"). A sequence is named by a query parameter, not a path segment, because sequence
 * identifiers are whatever the sequencing policy returns and may hold a slash.
 */
@RestController
@RequestMapping("/api/admin/dead-letters")
@PreAuthorize("hasRole('" + Roles.ADMIN + "')")
public class DeadLetterController {

    private static final int MAX_SEQUENCES = 200;
    private static final int MAX_RETRIES = 1000;
    private static final int LETTERS_PER_SEQUENCE = 20;

    private final DeadLetters deadLetters;
    private final DeadLetterMetrics metrics;

    public DeadLetterController(DeadLetters deadLetters, DeadLetterMetrics metrics) {
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    /** Each processing group that dead-letters, with how many sequences and letters it holds, empty ones included. */
    @GetMapping
    public Map<String, List<DeadLetters.GroupSummary>> groups() {
        return Map.of("groups", deadLetters.groups().stream().map(deadLetters::summary).toList());
    }

    /** A page of one group's sequences in identifier order, each with its first letters. */
    @GetMapping("/{group}")
    public DeadLetters.SequencePage sequences(@PathVariable String group, @RequestParam(required = false) String after,
                                              @RequestParam(defaultValue = "50") int limit) {
        Fields fields = new Fields();
        if (limit < 1 || limit > MAX_SEQUENCES) {
            fields.reject("limit", "limit is 1 to " + MAX_SEQUENCES);
        }
        fields.check();
        return deadLetters.page(group, after, limit, LETTERS_PER_SEQUENCE);
    }

    /**
     * Puts one sequence, or the group's first {@code limit} sequences, through the group's handlers again: for after
     * the cause is fixed. Answers what went through, what failed again and why, and what another instance had taken.
     */
    @PostMapping("/{group}/retry")
    public DeadLetters.RetryReport retry(@PathVariable String group, @RequestParam(required = false) String sequence,
                                         @RequestParam(defaultValue = "100") int limit) {
        Fields fields = new Fields();
        if (sequence != null && sequence.isBlank()) {
            fields.reject("sequence", "sequence names a sequence of the group, or is left out to retry them all");
        }
        if (limit < 1 || limit > MAX_RETRIES) {
            fields.reject("limit", "limit is 1 to " + MAX_RETRIES);
        }
        fields.check();
        DeadLetters.RetryReport report = deadLetters.retry(group, sequence, limit);
        metrics.retried(report);
        return report;
    }

    /** Gives a sequence up: the group never handles its events, so its read model lacks them until a rebuild. */
    @DeleteMapping("/{group}")
    public Evicted evict(@PathVariable String group, @RequestParam(required = false) String sequence) {
        Fields fields = new Fields();
        if (sequence == null || sequence.isBlank()) {
            fields.reject("sequence", "sequence is required: a whole group is never given up at once");
        }
        fields.check();
        long letters = deadLetters.evict(group, sequence);
        metrics.evicted();
        return new Evicted(group, sequence, letters);
    }

    /** @param letters how many letters were given up */
    public record Evicted(String group, String sequence, long letters) {
    }
}
