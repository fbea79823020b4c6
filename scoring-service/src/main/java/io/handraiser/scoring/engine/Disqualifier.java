package io.handraiser.scoring.engine;

import io.handraiser.contract.contact.DisqualificationReason;

/** A profile test that rules the contact out whatever it does: a competitor's domain, a listed firm. */
public record Disqualifier(String name, Attribute attribute, Condition condition, DisqualificationReason reason) {

    public boolean matches(ContactFacts facts) {
        return condition.test(attribute.valueIn(facts));
    }

    public String describe() {
        return attribute.key() + " " + condition.describe() + ": disqualifies (" + reason + ")";
    }
}
