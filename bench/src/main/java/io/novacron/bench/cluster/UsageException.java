package io.novacron.bench.cluster;

/**
 * A command line {@link ClusterLoad} cannot run with. Its message is one line naming the option, the value and what
 * is allowed, printed as it is (no stack trace): the person at the terminal fixes the command, not the code.
 */
public final class UsageException extends Exception {

    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message, null, false, false);
    }
}
