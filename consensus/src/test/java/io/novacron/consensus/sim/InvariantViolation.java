package io.novacron.consensus.sim;

/** A safety or liveness property the simulation found broken; the message says which, where and the seed. */
public final class InvariantViolation extends AssertionError {

    public InvariantViolation(String message) {
        super(message);
    }
}
