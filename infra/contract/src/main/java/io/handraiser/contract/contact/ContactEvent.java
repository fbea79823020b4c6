package io.handraiser.contract.contact;

import io.handraiser.contract.shared.Actor;

import java.time.Instant;

/**
 * A fact about a contact. Every one names who caused it and when, so a contact's event stream
 * is its audit trail without consulting anything else.
 */
public sealed interface ContactEvent
        permits ContactCaptured, ContactProfileUpdated, EngagementRecorded, MarkedMQL, AcceptedAsSQL,
                ReturnedToNurture, ContactDisqualified, ContactRequalified, LifecycleStageAdvanced, ContactErased {

    ContactId contactId();

    Actor actor();

    Instant at();
}
