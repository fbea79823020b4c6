package io.handraiser.contact.query;

import io.handraiser.contact.capture.EmailClaims;
import io.handraiser.contract.contact.ContactId;
import io.handraiser.contract.contact.Email;
import io.handraiser.starter.web.BadRequest;
import io.handraiser.starter.web.ProblemAdvice;
import org.bson.Document;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Contact lookup for every role. Reads the read model, which follows the event log within moments of a command;
 * a contact created a moment ago may answer 404 once, and the next read finds it.
 */
@RestController
public class ContactQueryController {

    private final ContactViews views;
    private final EmailClaims claims;

    public ContactQueryController(ContactViews views, EmailClaims claims) {
        this.views = views;
        this.claims = claims;
    }

    @GetMapping("/api/contacts/{id}")
    public Map<String, Object> contact(@PathVariable ContactId id) {
        return views.find(id).map(ContactQueryController::body)
                    .orElseThrow(() -> ProblemAdvice.notFound("no contact has id " + id));
    }

    @GetMapping(value = "/api/contacts", params = "email")
    public Map<String, Object> contactByEmail(@RequestParam String email) {
        Email address;
        try {
            address = new Email(email);
        } catch (IllegalArgumentException invalid) {
            throw BadRequest.field("email", invalid.getMessage());
        }
        return claims.owner(address).flatMap(views::find).map(ContactQueryController::body)
                    .orElseThrow(() -> ProblemAdvice.notFound("no contact has email " + address));
    }

    private static Map<String, Object> body(Document view) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", view.get("_id"));
        view.forEach((field, value) -> {
            if (!field.equals("_id") && !field.equals(ContactViews.LAST_SEQUENCE)) {
                body.put(field, value);
            }
        });
        body.put("version", view.get(ContactViews.LAST_SEQUENCE));
        return body;
    }
}
