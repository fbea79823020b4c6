package io.handraiser.contact.mautic;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * How Mautic deliveries are taken in and applied.
 *
 * @param maxBody         the largest delivery taken; a larger one is refused with 413 before its body is read. It is
 *                        kept in one MongoDB document until applied, so it stays below MongoDB's 16MB document limit
 * @param timestampWindow how far a delivery's {@code timestamp} may lie from now: Mautic stamps each call as it sends
 *                        it, so an older one is a captured delivery played again, refused with 400
 * @param lease           how long a worker owns a delivery without checkpointing before another instance may resume it
 * @param pollInterval    how often a worker looks for stored deliveries (a new one wakes the receiving instance's at once)
 * @param chunkEvents     events applied between checkpoints: at most what a resumed delivery applies twice (harmlessly:
 *                        each event is recognised by its Mautic key)
 * @param maxAttempts     how often a delivery whose worker stopped unexpectedly is resumed before its remaining events
 *                        are marked failed, so one poisonous delivery cannot hold up the ones after it
 */
@ConfigurationProperties("handraiser.integrations.mautic.webhook")
public record MauticWebhookProperties(@DefaultValue("10MB") DataSize maxBody, @DefaultValue("15m") Duration timestampWindow,
                                      @DefaultValue("60s") Duration lease, @DefaultValue("1s") Duration pollInterval,
                                      @DefaultValue("100") int chunkEvents, @DefaultValue("3") int maxAttempts) {

    private static final DataSize LARGEST = DataSize.ofMegabytes(15);

    public MauticWebhookProperties {
        if (maxBody.compareTo(LARGEST) > 0 || maxBody.toBytes() < 1) {
            throw new IllegalArgumentException("handraiser.integrations.mautic.webhook.max-body must be between 1B and 15MB: "
                                               + "a delivery is stored in one MongoDB document, at most 16MB");
        }
        if (chunkEvents < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("handraiser.integrations.mautic.webhook.chunk-events and max-attempts must be at least 1");
        }
    }
}
