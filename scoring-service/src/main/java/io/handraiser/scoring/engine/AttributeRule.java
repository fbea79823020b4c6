package io.handraiser.scoring.engine;

/**
 * A fit rule (positive points) or a negative rule on the profile (negative points): who the person is.
 */
public record AttributeRule(String name, Attribute attribute, Condition condition, int points) {

    public boolean matches(ContactFacts facts) {
        return condition.test(attribute.valueIn(facts));
    }

    public String describe() {
        return attribute.key() + " " + condition.describe();
    }
}
