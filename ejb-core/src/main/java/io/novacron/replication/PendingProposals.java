package io.novacron.replication;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The proposals this server made and still waits for, by proposal id: the caller's thread registers and waits, the
 * consensus thread records the local outcome when it applies the command and completes the proposal when the
 * engine reports it applied (with its position and certificate).
 */
final class PendingProposals {

    private static final class Pending {
        final CompletableFuture<Agreement> agreement = new CompletableFuture<>();
        final long proposedNanos;
        volatile Object outcome;

        Pending(long proposedNanos) {
            this.proposedNanos = proposedNanos;
        }
    }

    private final Map<UUID, Pending> pending = new ConcurrentHashMap<>();

    CompletableFuture<Agreement> register(UUID proposal, long nowNanos) {
        Pending added = new Pending(nowNanos);
        pending.put(proposal, added);
        return added.agreement;
    }

    /**
     * Registers a proposal unless {@code admitted} are already waiting; null then. The bound may be passed by at most
     * the number of callers registering at the same moment, which is all admission control needs.
     */
    CompletableFuture<Agreement> tryRegister(UUID proposal, long nowNanos, int admitted) {
        return pending.size() >= admitted ? null : register(proposal, nowNanos);
    }

    /** The applying state's outcome for a proposal of ours; ignored for others' proposals. */
    void outcome(UUID proposal, Object outcome) {
        Pending waiting = pending.get(proposal);
        if (waiting != null) {
            waiting.outcome = outcome;
        }
    }

    /**
     * Completes a proposal of ours that was applied here.
     *
     * @return nanoseconds since it was proposed, or -1 when it is not ours (or its caller gave up)
     */
    long applied(UUID proposal, long position, byte[] certificate, long nowNanos) {
        Pending done = pending.remove(proposal);
        if (done == null) {
            return -1;
        }
        done.agreement.complete(new Agreement(position, certificate, done.outcome));
        return nowNanos - done.proposedNanos;
    }

    /** Fails a proposal the engine refused (its queue was full). */
    void refused(UUID proposal, RuntimeException reason) {
        Pending done = pending.remove(proposal);
        if (done != null) {
            done.agreement.completeExceptionally(reason);
        }
    }

    /** Forgets a proposal whose caller stopped waiting. */
    void abandon(UUID proposal) {
        pending.remove(proposal);
    }

    /** Fails every waiting proposal, when the engine stops. */
    void failAll(RuntimeException reason) {
        pending.values().forEach(p -> p.agreement.completeExceptionally(reason));
        pending.clear();
    }

    int size() {
        return pending.size();
    }
}
