package io.handraiser.starter.security;

import io.handraiser.starter.eventlog.EventLogAutoConfiguration;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;

/** 401, 403 and the firewall's 400 as problem+json, like every other refusal, with a detail saying what to fix. */
final class ProblemAuthenticationHandlers {

    private final JsonMapper json;

    ProblemAuthenticationHandlers(JsonMapper json) {
        this.json = json;
    }

    AuthenticationEntryPoint entryPoint() {
        return (request, response, failure) -> {
            response.setHeader("WWW-Authenticate", "Bearer");
            write(response, HttpStatus.UNAUTHORIZED, "Unauthenticated",
                  request.getHeader("Authorization") == null
                          ? "send a bearer token in the Authorization header"
                          : "the bearer token was refused: " + failure.getMessage());
        };
    }

    AccessDeniedHandler accessDeniedHandler() {
        return (request, response, denied) -> write(response, HttpStatus.FORBIDDEN, "Forbidden",
                                                    "the token's roles do not allow " + request.getMethod() + " " + request.getRequestURI());
    }

    /**
     * The firewall's refusals: a NUL or control character in a parameter name, an encoded '%', ';' or '/' in the
     * path, and the like. Spring Security's own answer is a bare 400, which Boot then writes in its own error JSON.
     */
    RequestRejectedHandler rejectedRequests() {
        return (request, response, rejected) -> write(response, HttpStatus.BAD_REQUEST, "Malformed request", rejected.getMessage());
    }

    private void write(HttpServletResponse response, HttpStatus status, String title, String detail) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        String requestId = MDC.get(EventLogAutoConfiguration.REQUEST_ID);
        if (requestId != null) {
            problem.setProperty(EventLogAutoConfiguration.REQUEST_ID, requestId);
        }
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
