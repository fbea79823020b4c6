package io.handraiser.contract.contact;

/** What a contact did, as marketing automation reports it. */
public enum EngagementType {
    PAGE_VIEW(Requires.URL),
    CONTENT_DOWNLOAD(Requires.ASSET),
    WEBINAR_REGISTERED(Requires.NOTHING),
    WEBINAR_ATTENDED(Requires.NOTHING),
    EMAIL_OPENED(Requires.NOTHING),
    EMAIL_CLICKED(Requires.NOTHING),
    FORM_SUBMITTED(Requires.NOTHING),
    DEMO_REQUESTED(Requires.NOTHING),
    TRIAL_STARTED(Requires.NOTHING),
    CONTACT_SALES_REQUESTED(Requires.NOTHING),
    UNSUBSCRIBED(Requires.NOTHING),
    EMAIL_BOUNCED(Requires.NOTHING);

    private enum Requires { NOTHING, URL, ASSET }

    private final Requires requires;

    EngagementType(Requires requires) {
        this.requires = requires;
    }

    /** Scoring rules match page views by URL and downloads by asset, so those cannot be missing. */
    public void checkDetail(EngagementDetail detail) {
        if (requires == Requires.URL && (detail == null || detail.url() == null)) {
            throw new IllegalArgumentException(this + " needs detail.url");
        }
        if (requires == Requires.ASSET && (detail == null || detail.asset() == null)) {
            throw new IllegalArgumentException(this + " needs detail.asset");
        }
    }
}
