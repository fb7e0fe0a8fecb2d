package io.novacron.api.problem;

import java.util.List;

/** A query or path parameter could not be used; reported as 400 naming each parameter. */
public class InvalidParameterException extends RuntimeException {

    private final List<Problem.FieldError> errors;

    public InvalidParameterException(String parameter, String message) {
        super(parameter + " " + message);
        this.errors = List.of(new Problem.FieldError(parameter, message));
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
