package io.handraiser.contract.handoff;

import io.handraiser.contract.contact.ContactId;
import io.handraiser.contract.shared.Actor;

import java.time.Instant;

/** A fact about a handoff; each names its contact so contact-side readers need no lookup. */
public sealed interface HandoffEvent
        permits HandoffOpened, HandoffReminded, HandoffEscalated, HandoffExpired, HandoffClosed, HandoffReassigned {

    HandoffId handoffId();

    ContactId contactId();

    Actor actor();

    Instant at();
}
