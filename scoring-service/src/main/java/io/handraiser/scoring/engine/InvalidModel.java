package io.handraiser.scoring.engine;

import java.util.List;
import java.util.stream.Collectors;

/** A model document that cannot be used, with every problem found in it, each at its JSON path. */
public class InvalidModel extends RuntimeException {

    private final List<Problem> problems;

    public InvalidModel(List<Problem> problems) {
        super(problems.stream().map(problem -> problem.field() + ": " + problem.message()).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    /** @param field the JSON path, e.g. {@code engagement[2].cap.per} */
    public record Problem(String field, String message) {
    }
}
