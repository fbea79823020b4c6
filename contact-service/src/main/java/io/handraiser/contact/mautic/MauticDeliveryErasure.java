package io.handraiser.contact.mautic;

import io.handraiser.contact.erasure.Erasure;
import io.handraiser.contract.contact.ContactErased;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * An erased contact leaves nothing personal in the records of Mautic deliveries: the failed events kept for a retry
 * and the details of its events, found by its contact id and by the Mautic ids linked to it. The raw bodies are
 * already gone once applied. Idempotent, in the erasure group with the rest of what erasure clears.
 */
@Component
@ProcessingGroup(Erasure.PROCESSING_GROUP)
class MauticDeliveryErasure {

    private final MauticDeliveryStore store;
    private final MauticLinks links;

    MauticDeliveryErasure(MauticDeliveryStore store, MauticLinks links) {
        this.store = store;
        this.links = links;
    }

    @EventHandler
    void on(ContactErased event) {
        store.forget(event.contactId().toString(), links.mauticIds(event.contactId()));
    }
}
