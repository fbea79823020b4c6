package io.handraiser.contact.mautic;

import io.handraiser.contract.contact.EngagementType;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;
import java.util.Map;

/**
 * How Mautic's webhooks are received.
 *
 * @param secret          the webhook's secret as Mautic shows it; without one every delivery is refused, since
 *                        no signature can be checked
 * @param sourceSystem    the source recorded on captured contacts and engagements
 * @param fields          which Mautic contact fields (core or custom, by alias) fill which profile attribute
 * @param formEngagements engagement type per Mautic form alias, for forms that mean more than a form submission
 *                        (a demo request, a trial sign-up); other forms record {@code FORM_SUBMITTED}
 */
@ConfigurationProperties("handraiser.integrations.mautic")
public record MauticProperties(String secret, @DefaultValue("mautic") String sourceSystem, @DefaultValue FieldMapping fields,
                               Map<String, EngagementType> formEngagements) {

    public MauticProperties {
        formEngagements = formEngagements == null ? Map.of() : Map.copyOf(formEngagements);
    }

    public boolean hasSecret() {
        return secret != null && !secret.isBlank();
    }

    /**
     * Mautic field aliases per profile attribute, tried in order; the first with a value wins. An empty list
     * leaves the attribute to other sources.
     */
    public record FieldMapping(@DefaultValue("firstname") List<String> firstName,
                               @DefaultValue("lastname") List<String> lastName,
                               @DefaultValue("company") List<String> company,
                               @DefaultValue("position") List<String> jobTitle,
                               @DefaultValue("industry") List<String> industry,
                               @DefaultValue("company_size") List<String> companySize,
                               @DefaultValue("country") List<String> country,
                               @DefaultValue({"phone", "mobile"}) List<String> phone) {
    }
}
