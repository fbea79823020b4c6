package io.handraiser.contact.mautic;

/** What became of one Mautic event; each is a 2xx for Mautic, so it never retries an event it cannot improve. */
enum MauticOutcome {
    /** an engagement was recorded (once, however often Mautic sends it) */
    RECORDED,
    /** the contact was captured or its profile brought up to date */
    CONTACT_SYNCED,
    /** Mautic deleted its contact; the link to ours is dropped, the contact kept (erasure is a person's request) */
    UNLINKED,
    /** nothing to do: an anonymous visitor, a re-subscription, an e-mail Mautic sent */
    IGNORED,
    /** handled before: Mautic retried a delivery */
    DUPLICATE,
    /** the event carries a value Handraiser cannot take, e.g. an invalid email */
    REJECTED,
    /** a business rule refused it, e.g. the contact was erased */
    REFUSED,
    /** an event type Handraiser does not handle; counted, so an operator sees what Mautic sends */
    UNKNOWN_TYPE
}
