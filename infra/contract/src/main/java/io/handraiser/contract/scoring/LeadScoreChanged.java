package io.handraiser.contract.scoring;

import io.handraiser.contract.contact.ContactId;
import io.handraiser.contract.contact.Evidence;
import io.handraiser.contract.contact.Tier;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The contact's score is different from the last one stated: new engagement, a profile change, points that
 * decayed, or a new model version.
 *
 * @param tier     the tier the score reaches now; null when it reaches none or a disqualifier matched
 * @param evidence fit, engagement and total with every signal that counted; the signals sum to the total
 */
@Revision("1")
public record LeadScoreChanged(ContactId contactId, String modelVersion, Tier tier, Evidence evidence, Instant at)
        implements LeadScoreEvent {
}
