package io.novacron.host;

import jakarta.ejb.ApplicationException;

import java.util.List;

/** A host specification broke one or more field rules; nothing was written. */
@ApplicationException(rollback = true)
public class HostValidationException extends RuntimeException {

    private final List<FieldViolation> violations;

    public HostValidationException(List<FieldViolation> violations) {
        super(violations.size() + " invalid field(s): " + violations);
        this.violations = List.copyOf(violations);
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}
