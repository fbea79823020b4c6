package io.handraiser.contact.capture;

import io.handraiser.contact.query.ContactViews;
import io.handraiser.contract.contact.CaptureContact;
import io.handraiser.contract.contact.ContactId;
import io.handraiser.contract.contact.Email;
import io.handraiser.contract.contact.Profile;
import io.handraiser.contract.contact.Source;
import io.handraiser.contract.contact.Stage;
import io.handraiser.contract.contact.UpdateContactProfile;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.springframework.stereotype.Component;

/**
 * Capture as an upsert by email, the one rule every way in shares (the API, Mautic, CSV imports): the email is
 * claimed first, a new claim creates the contact, a known one updates its profile, and a repeat changes nothing.
 */
@Component
public class ContactCapture {

    private final CommandGateway commands;
    private final EmailClaims claims;
    private final ContactViews views;

    public ContactCapture(CommandGateway commands, EmailClaims claims, ContactViews views) {
        this.commands = commands;
        this.claims = claims;
        this.views = views;
    }

    /**
     * @param sentAs metadata for the commands; an HTTP caller's actor is added by the dispatch interceptor, a
     *               background job or an integration names its actor here
     */
    public Captured capture(Email email, Profile profile, Source source, Stage stage, MetaData sentAs) {
        EmailClaims.Claim claim = claims.claim(email, ContactId.generate());
        ContactId id = claim.contactId();
        if (claim.claimedNow() || !views.exists(id)) {
            ensureCaptured(new CaptureContact(id, email, profile, source, stage), sentAs);
        }
        if (!claim.claimedNow() && profile != null && !profile.isEmpty()) {
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(new UpdateContactProfile(id, profile)).andMetaData(sentAs));
        }
        return new Captured(id, claim.claimedNow());
    }

    /**
     * A claim whose capture never ran (the process died in between), or a capture racing another one of the same
     * email: whoever creates the contact first wins, and the loser finds it created, which is all it wanted.
     */
    private void ensureCaptured(CaptureContact capture, MetaData sentAs) {
        try {
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(capture).andMetaData(sentAs));
        } catch (AggregateStreamCreationException alreadyCaptured) {
            // the contact exists: exactly the state this request asked for
        }
    }

    /** @param created true when this capture made the contact */
    public record Captured(ContactId contactId, boolean created) {
    }
}
