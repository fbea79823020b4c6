package io.handraiser.contract.contact;

import io.handraiser.contract.shared.Text;

/**
 * Where a contact or engagement came from, for funnel figures by source and campaign.
 *
 * @param system   the sending system, e.g. "hubspot" or "website"
 * @param campaign the campaign it is attributed to; may be null
 */
public record Source(String system, String campaign) {

    public Source {
        Text.requireNonBlank(system, "source.system");
        Text.requireMaxLength(system, 100, "source.system");
        Text.requireMaxLength(campaign, 200, "source.campaign");
        if (campaign != null && campaign.isBlank()) {
            campaign = null;
        }
    }

    public static Source of(String system) {
        return new Source(system, null);
    }
}
