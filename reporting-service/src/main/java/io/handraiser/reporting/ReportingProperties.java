package io.handraiser.reporting;

import io.handraiser.reporting.funnel.Bands;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * @param rebuildBatchSize events a rebuild reads before it writes their facts in one bulk write per collection and
 *                         records its progress; larger is faster, smaller shows progress more often
 * @param auditPageLimit   the most decisions one audit page may ask for
 * @param fitBands         the fit x engagement matrix's fit bands when a request names none: the lowest fit of each
 *                         band, highest first. Reporting reads only the event log, not the scoring model, so these
 *                         mirror the default model's tiers (A from fit 40, B from 20); set them to your model's
 * @param engagementBands  likewise for engagement (60 is what tier A's total of 100 asks beyond its fit of 40)
 */
@ConfigurationProperties("handraiser.reporting")
public record ReportingProperties(@DefaultValue("500") int rebuildBatchSize, @DefaultValue("1000") int auditPageLimit,
                                  @DefaultValue({"40", "20", "1"}) List<Integer> fitBands,
                                  @DefaultValue({"60", "30", "10"}) List<Integer> engagementBands) {

    public ReportingProperties {
        if (rebuildBatchSize < 1) {
            throw new IllegalArgumentException("handraiser.reporting.rebuild-batch-size must be at least 1");
        }
        if (auditPageLimit < 1) {
            throw new IllegalArgumentException("handraiser.reporting.audit-page-limit must be at least 1");
        }
        fitBands = bands("fit-bands", fitBands);
        engagementBands = bands("engagement-bands", engagementBands);
    }

    private static List<Integer> bands(String name, List<Integer> minimums) {
        String problem = Bands.check(minimums);
        if (problem != null) {
            throw new IllegalArgumentException("handraiser.reporting." + name + " " + problem);
        }
        return List.copyOf(minimums);
    }
}
