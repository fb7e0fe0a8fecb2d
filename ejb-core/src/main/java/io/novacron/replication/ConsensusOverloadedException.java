package io.novacron.replication;

import jakarta.ejb.ApplicationException;

/**
 * This server already waits for as many proposals as it admits ({@code novacron.consensus.max-pending-proposals}):
 * nothing was proposed, and the caller should retry shortly (HTTP 503). Refusing at once keeps the latency of the
 * admitted writes bounded when more is offered than the cluster commits, instead of every write timing out.
 */
@ApplicationException(rollback = true)
public class ConsensusOverloadedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConsensusOverloadedException(String message) {
        super(message);
    }
}
