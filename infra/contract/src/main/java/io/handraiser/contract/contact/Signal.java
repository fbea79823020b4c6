package io.handraiser.contract.contact;

import io.handraiser.contract.shared.Text;

/**
 * One thing that counted towards a qualification: a rule that matched and the points it gave.
 *
 * @param rule   the rule's name in the scoring model, e.g. "pricing-page-visit"
 * @param points what it added (negative for a negative signal)
 * @param detail what matched, e.g. the URL or the job title
 */
public record Signal(String rule, int points, String detail) {

    public Signal {
        Text.requireNonBlank(rule, "signal.rule");
    }
}
