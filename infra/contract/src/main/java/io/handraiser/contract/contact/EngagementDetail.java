package io.handraiser.contract.contact;

import io.handraiser.contract.shared.PersonalData;
import io.handraiser.contract.shared.Text;

/**
 * What an engagement was about: the page, the asset, the campaign, the form. Every part is optional
 * except where the {@link EngagementType} says otherwise.
 */
public record EngagementDetail(@PersonalData String url, String asset, String campaign, String form) {

    private static final int MAX_LENGTH = 2048;

    public EngagementDetail {
        url = blankToNull(Text.requireMaxLength(url, MAX_LENGTH, "detail.url"));
        asset = blankToNull(Text.requireMaxLength(asset, MAX_LENGTH, "detail.asset"));
        campaign = blankToNull(Text.requireMaxLength(campaign, MAX_LENGTH, "detail.campaign"));
        form = blankToNull(Text.requireMaxLength(form, MAX_LENGTH, "detail.form"));
    }

    public static EngagementDetail none() {
        return new EngagementDetail(null, null, null, null);
    }

    public static EngagementDetail page(String url) {
        return new EngagementDetail(url, null, null, null);
    }

    public static EngagementDetail asset(String asset) {
        return new EngagementDetail(null, asset, null, null);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
