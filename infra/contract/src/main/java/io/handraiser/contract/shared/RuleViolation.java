package io.handraiser.contract.shared;

/**
 * A command asked for something the business rules forbid: marking a disqualified contact MQL,
 * accepting a contact that is not an MQL, a backward stage move. The API answers 409 with the rule,
 * so a refused transition is never silently ignored.
 */
public class RuleViolation extends RuntimeException {

    private final String rule;

    /**
     * @param rule   a stable name for the rule, for clients to branch on, e.g. {@code accept-requires-mql}
     * @param detail what was refused and why, for people
     */
    public RuleViolation(String rule, String detail) {
        super(detail);
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }
}
