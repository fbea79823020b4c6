package io.handraiser.contract.contact;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Objects;

/** Creates a contact whose email the caller has already claimed (one contact per email). */
public record CaptureContact(@TargetAggregateIdentifier ContactId contactId, Email email, Profile profile,
                             Source source, Stage stage) implements ContactCommand {

    public CaptureContact {
        Objects.requireNonNull(contactId, "contactId");
        Objects.requireNonNull(email, "email");
        profile = profile == null ? Profile.empty() : profile;
        stage = stage == null ? Stage.LEAD : stage;
        if (stage != Stage.SUBSCRIBER && stage != Stage.LEAD) {
            throw new IllegalArgumentException("a contact is captured as SUBSCRIBER or LEAD, not " + stage);
        }
    }
}
