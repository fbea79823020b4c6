package io.handraiser.contract.contact;

/** Why a contact may not become an MQL until a person requalifies it. */
public enum DisqualificationReason {
    COMPETITOR, STUDENT, SPAM, BAD_FIT, ANALYST, OTHER
}
