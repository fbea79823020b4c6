package io.handraiser.handoff.handoff;

import io.handraiser.contract.contact.Tier;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.Map;

/**
 * How long sales has for an MQL, per tier.
 *
 * @param sla            time to accept or return, per tier name (A: 4h, B: 24h)
 * @param defaultSla     for a tier without its own
 * @param reminderAt     the share of the SLA after which the rep is reminded (0.5: half-way)
 * @param maxEscalations escalations to the next rep before the handoff expires and the contact returns to nurture
 */
@ConfigurationProperties("handraiser.handoff")
public record HandoffProperties(@DefaultValue Map<String, Duration> sla, @DefaultValue("48h") Duration defaultSla,
                                @DefaultValue("0.5") double reminderAt, @DefaultValue("2") int maxEscalations) {

    public HandoffProperties {
        if (reminderAt <= 0 || reminderAt >= 1) {
            throw new IllegalArgumentException("handraiser.handoff.reminder-at must be between 0 and 1, got " + reminderAt);
        }
        if (maxEscalations < 0) {
            throw new IllegalArgumentException("handraiser.handoff.max-escalations must not be negative");
        }
    }

    public Duration slaFor(Tier tier) {
        return sla.getOrDefault(tier.name(), defaultSla);
    }

    public Duration reminderAfter(Duration sla) {
        return Duration.ofMillis((long) (sla.toMillis() * reminderAt));
    }
}
