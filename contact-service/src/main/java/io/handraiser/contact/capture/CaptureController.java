package io.handraiser.contact.capture;

import io.handraiser.contact.capture.ContactRequests.CaptureBody;
import io.handraiser.contact.capture.ContactRequests.ProfileBody;
import io.handraiser.contract.contact.ContactId;
import io.handraiser.contract.contact.Email;
import io.handraiser.contract.contact.Profile;
import io.handraiser.contract.contact.Source;
import io.handraiser.contract.contact.Stage;
import io.handraiser.contract.contact.UpdateContactProfile;
import io.handraiser.starter.web.Fields;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
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
    private final ContactCapture capture;

    public CaptureController(CommandGateway commands, ContactCapture capture) {
        this.commands = commands;
        this.capture = capture;
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

        ContactCapture.Captured outcome = capture.capture(email, profile, source, stage, MetaData.emptyInstance());
        ContactId id = outcome.contactId();
        Captured captured = new Captured(id.toString(), email.value(), outcome.created());
        return outcome.created()
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

    public record Captured(String id, String email, boolean created) {
    }

    public record ProfileChanged(String id, Profile requested) {
    }
}
