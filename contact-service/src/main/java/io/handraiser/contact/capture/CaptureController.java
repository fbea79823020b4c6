package io.handraiser.contact.capture;

import io.handraiser.contact.capture.ContactRequests.CaptureBody;
import io.handraiser.contact.capture.ContactRequests.ProfileBody;
import io.handraiser.contact.query.ContactViews;
import io.handraiser.contract.contact.CaptureContact;
import io.handraiser.contract.contact.ContactId;
import io.handraiser.contract.contact.Email;
import io.handraiser.contract.contact.Profile;
import io.handraiser.contract.contact.Source;
import io.handraiser.contract.contact.Stage;
import io.handraiser.contract.contact.UpdateContactProfile;
import io.handraiser.starter.web.Fields;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

/** Marketing automation pushes people here; capture is an upsert by email, so a retried push changes nothing. */
@RestController
public class CaptureController {

    private final CommandGateway commands;
    private final EmailClaims claims;
    private final ContactViews views;

    public CaptureController(CommandGateway commands, EmailClaims claims, ContactViews views) {
        this.commands = commands;
        this.claims = claims;
        this.views = views;
    }

    @PostMapping("/api/contacts")
    @PreAuthorize("hasAnyRole('automation', 'marketing', 'admin')")
    public ResponseEntity<Captured> capture(@RequestBody CaptureBody body) {
        Fields fields = new Fields();
        Email email = body.toEmail(fields);
        Profile profile = body.toProfile(fields);
        Source source = body.toSource(fields);
        Stage stage = body.toStage(fields);
        fields.check();

        EmailClaims.Claim claim = claims.claim(email, ContactId.generate());
        ContactId id = claim.contactId();
        if (claim.claimedNow() || !views.exists(id)) {
            ensureCaptured(new CaptureContact(id, email, profile, source, stage));
        }
        if (!claim.claimedNow() && !profile.isEmpty()) {
            commands.sendAndWait(new UpdateContactProfile(id, profile));
        }
        Captured captured = new Captured(id.toString(), email.value(), claim.claimedNow());
        return claim.claimedNow()
                ? ResponseEntity.created(URI.create("/api/contacts/" + id)).body(captured)
                : ResponseEntity.ok(captured);
    }

    @PatchMapping("/api/contacts/{id}")
    @PreAuthorize("hasAnyRole('automation', 'marketing', 'admin')")
    public ProfileChanged updateProfile(@PathVariable ContactId id, @RequestBody ProfileBody body) {
        Fields fields = new Fields();
        Profile changes = body.toProfile(fields);
        fields.check();
        commands.sendAndWait(new UpdateContactProfile(id, changes));
        return new ProfileChanged(id.toString(), changes);
    }

    /**
     * A claim whose capture never ran (the process died in between), or a capture racing another one of the same
     * email: whoever creates the contact first wins, and the loser finds it created, which is all it wanted.
     */
    private void ensureCaptured(CaptureContact capture) {
        try {
            commands.sendAndWait(capture);
        } catch (AggregateStreamCreationException alreadyCaptured) {
            // the contact exists: exactly the state this request asked for
        }
    }

    public record Captured(String id, String email, boolean created) {
    }

    public record ProfileChanged(String id, Profile requested) {
    }
}
