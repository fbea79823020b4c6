package io.handraiser.starter.web;

import com.mongodb.MongoException;
import io.handraiser.contract.shared.RuleViolation;
import io.handraiser.starter.eventlog.EventLogAutoConfiguration;
import io.handraiser.starter.eventlog.MongoOutage;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Answers every failure as RFC 9457 problem+json with a detail a caller can act on: 400 naming every bad field,
 * 404 for an unknown contact, 409 naming the business rule a command broke, 503 while MongoDB is away. Whatever
 * reaches no handler here is a 500, which is a bug.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ProblemAdvice extends ResponseEntityExceptionHandler {

    /**
     * A hint, not a promise: longer than the driver's wait for a server, so that a client that obeys it does not
     * arrive while the same outage still times it out.
     */
    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    @ExceptionHandler(RuleViolation.class)
    ProblemDetail ruleViolation(RuleViolation violation) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "Refused by a business rule", violation.getMessage());
        problem.setProperty("rule", violation.rule());
        return problem;
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ProblemDetail unknownAggregate(AggregateNotFoundException notFound) {
        return problem(HttpStatus.NOT_FOUND, "Not found", "nothing is known under id " + notFound.getAggregateIdentifier());
    }

    @ExceptionHandler(ConcurrencyException.class)
    ProblemDetail stillConcurrent(ConcurrencyException conflict) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "Concurrent change",
                                        "the contact kept changing while this request was applied; send it again");
        problem.setProperty("rule", "concurrent-modification");
        return problem;
    }

    @ExceptionHandler(BadRequest.class)
    ProblemDetail badRequest(BadRequest bad) {
        return invalid(bad.getMessage(), bad.errors());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail illegalArgument(IllegalArgumentException bad) {
        return invalid(bad.getMessage(), List.of());
    }

    /**
     * A body declared multipart that is none (no boundary, a broken part), read before any handler runs. An upload
     * over the size limit is a subclass, answered 413 by the base class.
     */
    @ExceptionHandler(MultipartException.class)
    ProblemDetail unreadableMultipart(MultipartException unreadable) {
        Throwable cause = unreadable.getCause() != null ? unreadable.getCause() : unreadable;
        return invalid("the multipart body cannot be read: " + cause.getMessage(), List.of());
    }

    /** A handler on another node answers with its failure's type in the details; locally Axon unwraps it already. */
    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<ProblemDetail> commandFailed(CommandExecutionException failure) throws Throwable {
        Throwable cause = failure.getCause();
        if (cause instanceof RuleViolation violation) {
            return ResponseEntity.status(HttpStatus.CONFLICT).body(ruleViolation(violation));
        }
        if (cause instanceof AggregateNotFoundException notFound) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(unknownAggregate(notFound));
        }
        if (MongoOutage.causedBy(failure)) {
            return mongoAway();
        }
        throw failure;
    }

    /**
     * MongoDB is down, unreachable, electing a primary or out of connections. Nothing is wrong with the request and
     * every write the API offers is idempotent, so the caller is told to send it again later. A failure wrapped in
     * another exception (Axon's event store, a unit of work's result) reaches this handler too: Spring tries the
     * causes of an exception that no handler here takes.
     */
    @ExceptionHandler(MongoException.class)
    ResponseEntity<ProblemDetail> mongoFailed(MongoException failure) {
        if (!MongoOutage.causedBy(failure)) {
            throw failure;
        }
        return mongoAway();
    }

    private static ResponseEntity<ProblemDetail> mongoAway() {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                             .header(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER.toSeconds()))
                             .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable",
                                           "the database does not answer at the moment; send the request again later"));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException invalid, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = new ArrayList<>();
        invalid.getBindingResult().getFieldErrors()
               .forEach(error -> errors.add(new FieldError(error.getField(), error.getDefaultMessage())));
        invalid.getBindingResult().getGlobalErrors()
               .forEach(error -> errors.add(new FieldError(error.getObjectName(), error.getDefaultMessage())));
        return ResponseEntity.badRequest().body(invalid(BadRequest.summary(errors), errors));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException invalid, HttpHeaders headers,
                                                                            HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = new ArrayList<>();
        invalid.getParameterValidationResults().forEach(result -> result.getResolvableErrors().forEach(
                error -> errors.add(new FieldError(result.getMethodParameter().getParameterName(), error.getDefaultMessage()))));
        return ResponseEntity.badRequest().body(invalid(BadRequest.summary(errors), errors));
    }

    /**
     * Unreadable JSON, a wrong type, or a value a message record refused in its constructor. The record's own
     * message is the clearest detail there is, so it is passed on with the JSON path it was found at.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException unreadable, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        JacksonException jackson = find(unreadable, JacksonException.class);
        IllegalArgumentException refused = find(unreadable, IllegalArgumentException.class);
        String field = jackson == null ? null : path(jackson);
        String message = refused != null ? refused.getMessage()
                : jackson != null ? jackson.getOriginalMessage()
                : "the request body is missing or is not JSON";
        if (field == null || field.isEmpty()) {
            return ResponseEntity.badRequest().body(invalid(message, List.of()));
        }
        return ResponseEntity.badRequest().body(invalid(field + ": " + message, List.of(new FieldError(field, message))));
    }

    private static String path(JacksonException exception) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : exception.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /**
     * What Spring MVC refuses before any handler runs (an unconvertible path variable, a missing parameter, a media
     * type or method it does not serve) the base class answers with problems of its own making. They get the request
     * id as ours do, so that a caller can quote it for any refusal.
     */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            tagWithRequestId(problem);
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    private static ProblemDetail invalid(String detail, List<FieldError> errors) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request", detail);
        problem.setProperty("errors", errors);
        return problem;
    }

    /** A 404 as problem+json, for lookups that find nothing under an id the caller named. */
    public static ErrorResponseException notFound(String detail) {
        return new ErrorResponseException(HttpStatus.NOT_FOUND, problem(HttpStatus.NOT_FOUND, "Not found", detail), null);
    }

    static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        tagWithRequestId(problem);
        return problem;
    }

    private static void tagWithRequestId(ProblemDetail problem) {
        String requestId = MDC.get(EventLogAutoConfiguration.REQUEST_ID);
        if (requestId != null) {
            problem.setProperty(EventLogAutoConfiguration.REQUEST_ID, requestId);
        }
    }
}
