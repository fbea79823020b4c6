package io.handraiser.scoring.evaluation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Settings of what-if evaluations and calibrations, which replay the whole event log in the background.
 *
 * @param workers       jobs run at once on an instance; each holds its replay in memory and keeps a core busy
 * @param queue         jobs that may wait for a worker; beyond it a new job is refused with 429
 * @param lease         how long a job may go without reporting progress before another instance (or this one
 *                      after a restart) takes it over; it reports at least every {@code progressEvery} events
 * @param progressEvery events read between two progress reports
 * @param listLimit     would-be MQLs listed one by one in a report; all are counted
 * @param threads       threads that decode and score a job's events, each contact's on one of them, while one more
 *                      scans the log; 0 for one per available processor. The report is the same for any number
 */
@ConfigurationProperties("handraiser.scoring.evaluation")
public record EvaluationProperties(@DefaultValue("1") int workers, @DefaultValue("8") int queue, @DefaultValue("120s") Duration lease,
                                   @DefaultValue("20000") int progressEvery, @DefaultValue("1000") int listLimit,
                                   @DefaultValue("0") int threads) {

    public EvaluationProperties {
        if (threads <= 0) {
            threads = Runtime.getRuntime().availableProcessors();
        }
    }
}
