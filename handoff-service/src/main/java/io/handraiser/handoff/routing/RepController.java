package io.handraiser.handoff.routing;

import io.handraiser.starter.web.Fields;
import io.handraiser.starter.web.ProblemAdvice;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Sales reps and what routing may give them: admins set them, sales can see them. */
@RestController
public class RepController {

    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Pattern REP_ID = Pattern.compile("[A-Za-z0-9._@-]{1,100}");

    private final Reps reps;

    public RepController(Reps reps) {
        this.reps = reps;
    }

    @GetMapping("/api/reps")
    @PreAuthorize("hasAnyRole('sales', 'admin')")
    public List<Rep> all() {
        return reps.all();
    }

    @GetMapping("/api/reps/{id}")
    @PreAuthorize("hasAnyRole('sales', 'admin')")
    public Rep one(@PathVariable String id) {
        return reps.find(id).orElseThrow(() -> ProblemAdvice.notFound("no rep has id " + id));
    }

    /** Creates or replaces the rep; the id is the rep's token subject, so the inbox knows whose handoffs to show. */
    @PutMapping("/api/reps/{id}")
    @PreAuthorize("hasRole('admin')")
    public Rep save(@PathVariable String id, @RequestBody RepBody body) {
        Fields fields = new Fields();
        if (!REP_ID.matcher(id).matches()) {
            fields.reject("id", "a rep id is the rep's token subject: 1 to 100 letters, digits or . _ @ -");
        }
        if (body.name() == null || body.name().isBlank() || body.name().length() > 200) {
            fields.reject("name", "name is required, at most 200 characters");
        }
        List<String> territories = body.territories() == null ? List.of()
                : body.territories().stream().map(country -> country == null ? "" : country.trim().toUpperCase(Locale.ROOT)).toList();
        if (territories.stream().anyMatch(country -> !COUNTRY.matcher(country).matches())) {
            fields.reject("territories", "territories are ISO 3166-1 alpha-2 country codes, e.g. DE");
        }
        if (body.capacity() == null || body.capacity() < 1 || body.capacity() > 10_000) {
            fields.reject("capacity", "capacity is required: open handoffs at most, 1 to 10000");
        }
        fields.check();
        Rep rep = new Rep(id, body.name().trim(), territories, cleaned(body.industries()), cleaned(body.tiers()), body.capacity(),
                          body.available() == null || body.available());
        reps.save(rep);
        return rep;
    }

    private static List<String> cleaned(List<String> values) {
        return values == null ? List.of() : values.stream().filter(value -> value != null && !value.isBlank()).map(String::trim).toList();
    }

    /** @param available defaults to true */
    public record RepBody(String name, List<String> territories, List<String> industries, List<String> tiers, Integer capacity,
                          Boolean available) {
    }
}
