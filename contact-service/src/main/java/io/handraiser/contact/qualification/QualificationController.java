package io.handraiser.contact.qualification;

import io.handraiser.contract.contact.AcceptAsSql;
import io.handraiser.contract.contact.AdvanceStage;
import io.handraiser.contract.contact.ContactCommand;
import io.handraiser.contract.contact.ContactId;
import io.handraiser.contract.contact.DisqualificationReason;
import io.handraiser.contract.contact.DisqualifyContact;
import io.handraiser.contract.contact.Evidence;
import io.handraiser.contract.contact.MarkAsMql;
import io.handraiser.contract.contact.RequalifyContact;
import io.handraiser.contract.contact.ReturnReason;
import io.handraiser.contract.contact.ReturnToNurture;
import io.handraiser.contract.contact.Stage;
import io.handraiser.contract.contact.Tier;
import io.handraiser.starter.web.Fields;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.Arrays;

/**
 * The people's side of qualification: marketing marks MQLs and disqualifies, sales accepts, returns and moves
 * contacts on. Who decided comes from the token; the body says only what and why. A refused transition is a 409
 * naming the rule.
 */
@RestController
public class QualificationController {

    private final CommandGateway commands;

    public QualificationController(CommandGateway commands) {
        this.commands = commands;
    }

    @PostMapping("/api/contacts/{id}/mql")
    @PreAuthorize("hasAnyRole('marketing', 'admin')")
    public Decision markAsMql(@PathVariable ContactId id, @RequestBody MqlBody body) {
        Fields fields = new Fields();
        Tier tier = fields.value("tier", () -> Tier.of(body.tier() == null ? "A" : body.tier()));
        MarkAsMql command = fields.value("reason", () -> new MarkAsMql(id, tier, body.reason(), Evidence.none()));
        fields.check();
        return send(command, Stage.MQL);
    }

    @PostMapping("/api/contacts/{id}/sql")
    @PreAuthorize("hasAnyRole('sales', 'admin')")
    public Decision acceptAsSql(@PathVariable ContactId id, @RequestBody(required = false) NoteBody body) {
        Fields fields = new Fields();
        AcceptAsSql command = fields.value("note", () -> new AcceptAsSql(id, body == null ? null : body.note()));
        fields.check();
        return send(command, Stage.SQL);
    }

    @PostMapping("/api/contacts/{id}/nurture")
    @PreAuthorize("hasAnyRole('sales', 'admin')")
    public Decision returnToNurture(@PathVariable ContactId id, @RequestBody NurtureBody body) {
        Fields fields = new Fields();
        if (body.reason() == null) {
            fields.reject("reason", "reason is required, one of " + Arrays.toString(ReturnReason.values()));
        }
        ReturnToNurture command = fields.value("note", () -> new ReturnToNurture(id, body.reason(), body.note()));
        fields.check();
        return send(command, Stage.LEAD);
    }

    @PostMapping("/api/contacts/{id}/disqualify")
    @PreAuthorize("hasAnyRole('marketing', 'admin')")
    public Decision disqualify(@PathVariable ContactId id, @RequestBody DisqualifyBody body) {
        Fields fields = new Fields();
        if (body.reason() == null) {
            fields.reject("reason", "reason is required, one of " + Arrays.toString(DisqualificationReason.values()));
        }
        DisqualifyContact command = fields.value("note", () -> new DisqualifyContact(id, body.reason(), body.note()));
        fields.check();
        return send(command, null);
    }

    @PostMapping("/api/contacts/{id}/requalify")
    @PreAuthorize("hasAnyRole('marketing', 'admin')")
    public Decision requalify(@PathVariable ContactId id, @RequestBody ReasonBody body) {
        Fields fields = new Fields();
        RequalifyContact command = fields.value("reason", () -> new RequalifyContact(id, body.reason()));
        fields.check();
        return send(command, null);
    }

    @PostMapping("/api/contacts/{id}/stage")
    @PreAuthorize("hasAnyRole('sales', 'admin')")
    public Decision advanceStage(@PathVariable ContactId id, @RequestBody StageBody body) {
        Fields fields = new Fields();
        if (body.stage() == null) {
            fields.reject("stage", "stage is required, one of " + AdvanceStage.TARGETS);
        }
        AdvanceStage command = fields.value("stage", () -> new AdvanceStage(id, body.stage(), body.reason()));
        fields.check();
        return send(command, body.stage());
    }

    private Decision send(ContactCommand command, Stage resultingStage) {
        commands.sendAndWait(command);
        return new Decision(command.contactId().toString(), command.getClass().getSimpleName(), resultingStage);
    }

    public record MqlBody(String tier, String reason) {
    }

    public record NoteBody(String note) {
    }

    public record NurtureBody(ReturnReason reason, String note) {
    }

    public record DisqualifyBody(DisqualificationReason reason, String note) {
    }

    public record ReasonBody(String reason) {
    }

    public record StageBody(Stage stage, String reason) {
    }

    /** @param stage the contact's stage after the decision; null when the decision moves no stage */
    public record Decision(String contactId, String decision, Stage stage) {
    }
}
