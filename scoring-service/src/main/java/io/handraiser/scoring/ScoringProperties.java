package io.handraiser.scoring;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Settings of the scoring service.
 *
 * @param deadlinePollInterval how often due decay deadlines are looked for; bounds how late a decayed score is stated
 * @param deadlineLease        how long an instance may take over a claimed deadline before another may claim it again
 * @param unpublishedGrace     how long facts decided but not yet in the event log (a crash between the two) wait before
 *                             the deadline poller publishes them
 * @param rescoringBatch       how many contacts a rescoring reads at a time; progress is saved after each batch
 */
@ConfigurationProperties("handraiser.scoring")
public record ScoringProperties(@DefaultValue("1s") Duration deadlinePollInterval, @DefaultValue("60s") Duration deadlineLease,
                                @DefaultValue("10s") Duration unpublishedGrace, @DefaultValue("100") int rescoringBatch) {
}
