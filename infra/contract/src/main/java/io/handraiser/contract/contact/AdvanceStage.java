package io.handraiser.contract.contact;

import io.handraiser.contract.shared.Text;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Moves a contact on past SQL (or out of the funnel to OTHER). MQL and SQL have their own
 * commands because they record more than a stage.
 */
public record AdvanceStage(@TargetAggregateIdentifier ContactId contactId, Stage stage, String reason)
        implements ContactCommand {

    public static final Set<Stage> TARGETS = EnumSet.of(Stage.OPPORTUNITY, Stage.CUSTOMER, Stage.EVANGELIST, Stage.OTHER);

    public AdvanceStage {
        Objects.requireNonNull(contactId, "contactId");
        Objects.requireNonNull(stage, "stage");
        if (!TARGETS.contains(stage)) {
            throw new IllegalArgumentException("stage can be advanced to " + TARGETS + ", not " + stage);
        }
        Text.requireMaxLength(reason, 1000, "reason");
    }
}
