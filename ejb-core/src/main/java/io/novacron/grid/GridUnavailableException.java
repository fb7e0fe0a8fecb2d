package io.novacron.grid;

import jakarta.ejb.ApplicationException;

/** The grid node is not running or not active, so agreed state can be neither read nor written. */
@ApplicationException(rollback = true)
public class GridUnavailableException extends RuntimeException {

    public GridUnavailableException(String message) {
        super(message);
    }

    public GridUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
