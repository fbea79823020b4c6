package io.handraiser.contact.erasure;

import io.handraiser.contract.contact.ContactId;
import io.handraiser.contract.contact.EraseContact;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The right to be forgotten. When the answer is 204 the personal data is unreadable in this service and its
 * email free for a new capture; other services drop their copies when they read {@code ContactErased}, and stop
 * reading the contact's personal data within their key cache time.
 */
@RestController
public class ErasureController {

    private final CommandGateway commands;
    private final Erasure erasure;

    public ErasureController(CommandGateway commands, Erasure erasure) {
        this.commands = commands;
        this.erasure = erasure;
    }

    /** Erasing an erased contact again answers 204 too: the person's request is fulfilled either way. */
    @DeleteMapping("/api/contacts/{id}")
    @PreAuthorize("hasAnyRole('marketing', 'admin')")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void erase(@PathVariable ContactId id) {
        commands.sendAndWait(new EraseContact(id));
        erasure.complete(id);
    }
}
