package io.handraiser.contact.engagement;

import io.handraiser.contact.capture.EmailClaims;
import io.handraiser.contract.contact.ContactId;
import io.handraiser.contract.contact.Email;
import io.handraiser.contract.contact.RecordEngagement;
import io.handraiser.contract.shared.RuleViolation;
import io.handraiser.starter.web.BadRequest;
import io.handraiser.starter.web.FieldError;
import io.handraiser.starter.web.Fields;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;

/**
 * Engagements from marketing automation, one at a time or in batches. Each is idempotent by the source's
 * engagementId, so a source that is unsure whether a batch arrived sends it again.
 */
@RestController
public class EngagementController {

    static final int MAX_BATCH = 1_000;

    private final CommandGateway commands;
    private final EmailClaims claims;

    public EngagementController(CommandGateway commands, EmailClaims claims) {
        this.commands = commands;
        this.claims = claims;
    }

    @PostMapping("/api/contacts/{id}/engagements")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @PreAuthorize("hasAnyRole('automation', 'admin')")
    public Recorded record(@PathVariable ContactId id, @RequestBody EngagementBody body) {
        RecordEngagement command = body.toCommand(id, new Fields());
        commands.sendAndWait(command);
        return new Recorded(id.toString(), command.engagementId());
    }

    /** Every item gets its own outcome; a bad or unknown item is reported and the others are still recorded. */
    @PostMapping("/api/engagements/batch")
    @PreAuthorize("hasAnyRole('automation', 'admin')")
    public BatchResult recordBatch(@RequestBody BatchBody batch) {
        if (batch.items() == null || batch.items().isEmpty()) {
            throw BadRequest.field("items", "a batch needs at least one item");
        }
        if (batch.items().size() > MAX_BATCH) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                    "a batch holds at most " + MAX_BATCH + " items; this one has " + batch.items().size() + ": split it");
            problem.setTitle("Batch too large");
            throw new ErrorResponseException(HttpStatus.CONTENT_TOO_LARGE, problem, null);
        }
        List<ItemResult> results = new ArrayList<>(batch.items().size());
        for (int index = 0; index < batch.items().size(); index++) {
            results.add(recordItem(index, batch.items().get(index)));
        }
        long recorded = results.stream().filter(result -> result.status() == ItemStatus.ACCEPTED).count();
        return new BatchResult(recorded, results.size() - recorded, results);
    }

    private ItemResult recordItem(int index, EngagementBody item) {
        if (item == null) {
            return ItemResult.rejected(index, null, List.of(new FieldError("item", "item is null")));
        }
        try {
            ContactId contact = addressee(item);
            RecordEngagement command = item.toCommand(contact, new Fields());
            commands.sendAndWait(command);
            return new ItemResult(index, ItemStatus.ACCEPTED, contact.toString(), command.engagementId(), List.of());
        } catch (BadRequest bad) {
            return ItemResult.rejected(index, item.engagementId(), bad.errors());
        } catch (AggregateNotFoundException unknown) {
            return new ItemResult(index, ItemStatus.NOT_FOUND, item.contactId(), item.engagementId(),
                                  List.of(new FieldError("contactId", "no contact has id " + item.contactId())));
        } catch (RuleViolation refused) {
            return ItemResult.rejected(index, item.engagementId(), List.of(new FieldError(refused.rule(), refused.getMessage())));
        }
    }

    private ContactId addressee(EngagementBody item) {
        Fields fields = new Fields();
        if (item.contactId() != null) {
            ContactId id = fields.value("contactId", () -> ContactId.of(item.contactId()));
            fields.check();
            return id;
        }
        if (item.email() == null) {
            throw BadRequest.field("contactId", "name the contact by contactId or email");
        }
        Email email = fields.value("email", () -> new Email(item.email()));
        fields.check();
        return claims.owner(email).orElseThrow(() -> BadRequest.field("email", "no contact has email " + email + "; capture it first"));
    }

    public record BatchBody(List<EngagementBody> items) {
    }

    public record Recorded(String contactId, String engagementId) {
    }

    public enum ItemStatus { ACCEPTED, REJECTED, NOT_FOUND }

    /** @param status ACCEPTED also for a repeated engagementId: it is recorded, once */
    public record ItemResult(int index, ItemStatus status, String contactId, String engagementId, List<FieldError> errors) {
        static ItemResult rejected(int index, String engagementId, List<FieldError> errors) {
            return new ItemResult(index, ItemStatus.REJECTED, null, engagementId, errors);
        }
    }

    public record BatchResult(long accepted, long rejected, List<ItemResult> items) {
    }
}
