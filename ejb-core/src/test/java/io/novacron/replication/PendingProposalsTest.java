package io.novacron.replication;

import org.junit.jupiter.api.Test;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PendingProposalsTest {

    private final PendingProposals pending = new PendingProposals();

    @Test
    void anAppliedProposalCompletesWithItsPositionCertificateAndLocalOutcome() throws Exception {
        UUID proposal = UUID.randomUUID();
        CompletableFuture<Agreement> agreed = pending.register(proposal, 1_000);
        pending.outcome(proposal, "the change");
        assertEquals(4_000, pending.applied(proposal, 42, new byte[] {7}, 5_000));

        Agreement agreement = agreed.get();
        assertEquals(42, agreement.position());
        assertArrayEquals(new byte[] {7}, agreement.certificate());
        assertEquals("the change", agreement.outcome());
        assertEquals(0, pending.size());
    }

    @Test
    void otherMembersProposalsAndAbandonedOnesAreIgnored() {
        UUID abandoned = UUID.randomUUID();
        CompletableFuture<Agreement> agreed = pending.register(abandoned, 0);
        pending.abandon(abandoned);
        pending.outcome(abandoned, "late");
        assertEquals(-1, pending.applied(abandoned, 1, new byte[0], 10));
        assertEquals(-1, pending.applied(UUID.randomUUID(), 2, new byte[0], 10));
        assertFalse(agreed.isDone());
    }

    @Test
    void aRefusedProposalFailsWithTheReason() {
        UUID proposal = UUID.randomUUID();
        CompletableFuture<Agreement> agreed = pending.register(proposal, 0);
        pending.refused(proposal, new ConsensusUnavailableException("queue full"));
        ExecutionException failed = assertThrows(ExecutionException.class, agreed::get);
        assertInstanceOf(ConsensusUnavailableException.class, failed.getCause());
    }

    @Test
    void admitsNoMoreThanItsBoundAndAdmitsAgainOnceOneIsDone() {
        UUID first = UUID.randomUUID();
        assertNotNull(pending.tryRegister(first, 0, 2));
        assertNotNull(pending.tryRegister(UUID.randomUUID(), 0, 2));
        assertNull(pending.tryRegister(UUID.randomUUID(), 0, 2), "a third while two wait");

        pending.applied(first, 1, new byte[0], 10);

        assertNotNull(pending.tryRegister(UUID.randomUUID(), 0, 2));
        assertEquals(2, pending.size());
    }
}
