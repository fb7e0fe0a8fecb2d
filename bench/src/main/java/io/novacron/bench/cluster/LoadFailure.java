package io.novacron.bench.cluster;

/**
 * The cluster cannot be loaded as asked: a server is unreachable, the credentials are refused, a password cannot be
 * read or no leader is known. Its message is one line for the terminal; {@link ClusterLoad} prints it without a
 * stack trace, since the cause is in the environment and the trace would only hide the message.
 */
public final class LoadFailure extends Exception {

    private static final long serialVersionUID = 1L;

    public LoadFailure(String message) {
        super(message, null, false, false);
    }
}
