package io.handraiser.scoring.evaluation;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Every worker is busy and the queue is full: 429 with {@code Retry-After}, and nothing stored. */
public class JobsBusy extends ErrorResponseException {

    private static final String RETRY_AFTER_SECONDS = "60";

    public JobsBusy(String what) {
        super(HttpStatus.TOO_MANY_REQUESTS, problem(what), null);
    }

    private static ProblemDetail problem(String what) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                                                                 "too many " + what + " are running or waiting; try again later");
        problem.setTitle("Too many requests");
        return problem;
    }

    @Override
    public HttpHeaders getHeaders() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        return headers;
    }
}
