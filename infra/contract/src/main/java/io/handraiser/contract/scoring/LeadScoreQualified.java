package io.handraiser.contract.scoring;

import io.handraiser.contract.contact.ContactId;
import io.handraiser.contract.contact.Evidence;
import io.handraiser.contract.contact.Tier;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The scoring model says the contact is marketing qualified. Stated at most once per nurture episode: a contact
 * returned to nurture is stated qualified again only after new engagement.
 *
 * @param reason   what qualified it, for people: the tier's thresholds reached, or the hand-raiser that counted
 * @param evidence the score and the signals that made it up; the signals sum to the score
 */
@Revision("1")
public record LeadScoreQualified(ContactId contactId, Tier tier, String modelVersion, String reason, Evidence evidence,
                                 Instant at) implements LeadScoreEvent {
}
