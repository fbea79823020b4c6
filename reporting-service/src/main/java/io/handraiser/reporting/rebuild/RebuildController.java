package io.handraiser.reporting.rebuild;

import io.handraiser.starter.web.ProblemAdvice;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Starts a rebuild of the reporting projections (admin) and shows its progress; 409 while one runs. */
@RestController
public class RebuildController {

    private final Rebuild rebuild;

    public RebuildController(Rebuild rebuild) {
        this.rebuild = rebuild;
    }

    @PostMapping("/api/reports/rebuild")
    @PreAuthorize("hasRole('admin')")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public RebuildStatus start(Authentication caller) {
        return rebuild.start(caller.getName());
    }

    @GetMapping("/api/reports/rebuild")
    @PreAuthorize("hasAnyRole('admin', 'analyst')")
    public RebuildStatus status() {
        RebuildStatus status = rebuild.status();
        if (status == null) {
            throw ProblemAdvice.notFound("no rebuild has run yet; POST /api/reports/rebuild starts one");
        }
        return status;
    }
}
