package io.handraiser.contract.scoring;

import io.handraiser.contract.contact.ContactId;
import io.handraiser.contract.contact.DisqualificationReason;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A disqualifier of the scoring model matched the contact (a competitor's domain, a listed analyst firm).
 * Stated once per contact and rule, so a person who requalifies the contact is not overruled by the same rule.
 *
 * @param rule the disqualifier's name in the model
 */
@Revision("1")
public record DisqualifyingSignalDetected(ContactId contactId, DisqualificationReason reason, String rule,
                                          String modelVersion, Instant at) implements LeadScoreEvent {
}
