package io.handraiser.contract.contact;

/** Why sales gave an MQL or SQL back to marketing; scoring quality is measured against these. */
public enum ReturnReason {
    NOT_READY, NO_BUDGET, BAD_FIT, NO_RESPONSE, SLA_EXPIRED, DUPLICATE, OTHER
}
