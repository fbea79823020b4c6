package io.handraiser.reporting;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param rebuildBatchSize events a rebuild reads before it writes their facts in one bulk write per collection and
 *                         records its progress; larger is faster, smaller shows progress more often
 * @param auditPageLimit   the most decisions one audit page may ask for
 */
@ConfigurationProperties("handraiser.reporting")
public record ReportingProperties(@DefaultValue("500") int rebuildBatchSize, @DefaultValue("1000") int auditPageLimit) {

    public ReportingProperties {
        if (rebuildBatchSize < 1) {
            throw new IllegalArgumentException("handraiser.reporting.rebuild-batch-size must be at least 1");
        }
        if (auditPageLimit < 1) {
            throw new IllegalArgumentException("handraiser.reporting.audit-page-limit must be at least 1");
        }
    }
}
