package io.handraiser.contact.imports;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * How CSV imports run.
 *
 * @param maxFileSize  the largest file taken (a text/csv body; multipart uploads are bounded by
 *                     {@code spring.servlet.multipart.max-file-size}, set to this in application.yml)
 * @param chunkRows    rows read, checked and checkpointed together: what a job holds in memory at once, and
 *                     at most what a resumed job processes twice (harmlessly: rows are idempotent)
 * @param lease        how long a runner owns a job without checkpointing before another runner may resume it
 * @param pollInterval how often a runner looks for queued or abandoned jobs
 * @param maxErrors    row errors kept per job; rows beyond are still counted as failed
 * @param maxAttempts  how often a job that fails unexpectedly is resumed before it is marked FAILED
 */
@ConfigurationProperties("handraiser.imports")
public record ImportProperties(@DefaultValue("64MB") DataSize maxFileSize, @DefaultValue("500") int chunkRows,
                              @DefaultValue("60s") Duration lease, @DefaultValue("1s") Duration pollInterval,
                              @DefaultValue("10000") int maxErrors, @DefaultValue("3") int maxAttempts) {
}
