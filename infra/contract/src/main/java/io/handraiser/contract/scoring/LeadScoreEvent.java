package io.handraiser.contract.scoring;

import io.handraiser.contract.contact.ContactId;

import java.time.Instant;

/**
 * A fact the scoring service states about a contact's score. The contact itself belongs to contact-service, so
 * scoring never changes it: contact-service's qualification policy turns these facts into its own commands.
 * None of them carries personal data: signals name rules, never the values that matched them.
 */
public sealed interface LeadScoreEvent permits LeadScoreChanged, LeadScoreQualified, DisqualifyingSignalDetected {

    ContactId contactId();

    /** The version of the scoring model whose rules produced this fact. */
    String modelVersion();

    Instant at();
}
