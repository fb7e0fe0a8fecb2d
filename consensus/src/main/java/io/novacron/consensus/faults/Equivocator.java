package io.novacron.consensus.faults;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.novacron.consensus.engine.Frame;
import io.novacron.consensus.engine.PbftEngine;
import io.novacron.consensus.pbft.ClientRequest;
import io.novacron.consensus.pbft.MalformedMessageException;
import io.novacron.consensus.pbft.PbftMessage;
import io.novacron.consensus.pbft.PbftMessage.PrePrepare;
import io.novacron.consensus.pbft.PbftMessageCodec;
import io.novacron.crypto.Signer;

/**
 * A faulty PBFT primary's equivocation (Castro–Liskov §4.2): for the PRE-PREPAREs this member sends, about half of
 * the backups get a conflicting PRE-PREPARE instead, for the same view and sequence but another batch, signed with
 * this member's real key. The signature is valid on purpose: honest backups must catch the conflict by the protocol
 * (prepares that do not match, then a view change), not by a bad signature.
 * <p>
 * The conflicting batch holds the same client requests in reverse order, or none (the null request) when there is
 * only one, so it still passes the backups' checks of client signatures and of the batch digest. Which backups get it
 * depends on destination and sequence only, so a retransmitted PRE-PREPARE reaches each backup in the version it saw
 * first; the split alternates with the sequence between fewer and more than half. Empty batches (the null requests a
 * new primary issues) have no conflicting variant and PRE-PREPAREs inside a NEW-VIEW are left alone.
 * <p>
 * Not thread-safe: used on the driver thread only.
 */
public final class Equivocator {

    private final int member;
    private final Signer signer;
    private byte[] lastOriginal = new byte[0];
    private byte[] lastConflicting = new byte[0];

    /**
     * An equivocator for one member, signing as that member.
     *
     * @param member this member's index, which is its PBFT replica id
     * @param signer this member's replica key, the one its engine signs with
     */
    public Equivocator(int member, Signer signer) {
        this.member = member;
        this.signer = Objects.requireNonNull(signer, "signer");
    }

    /**
     * The frame to send instead of {@code frame}: a conflicting PRE-PREPARE if {@code frame} carries a PRE-PREPARE of
     * this member's to a backup chosen for the conflicting version; empty to send {@code frame} as it is.
     */
    public Optional<Frame> conflictFor(Frame frame) {
        PrePrepare original = ownPrePrepare(frame.payload());
        if (original == null || original.requests().isEmpty() || !receivesConflict(frame.member(), original)) {
            return Optional.empty();
        }
        if (!Arrays.equals(frame.payload(), lastOriginal)) {
            lastConflicting = PbftEngine.frameOf(conflicting(original));
            lastOriginal = frame.payload();
        }
        return Optional.of(new Frame(frame.member(), lastConflicting, frame.bulk()));
    }

    private PrePrepare ownPrePrepare(byte[] payload) {
        try {
            PbftMessage message = payload.length > 0 && payload[0] == PbftEngine.FRAME_KIND
                    ? PbftEngine.messageOf(payload) : null;
            return message instanceof PrePrepare pp && pp.sender() == member ? pp : null;
        } catch (MalformedMessageException e) {
            return null; // not ours to rewrite: the receiver rejects it anyway
        }
    }

    /** Odd (destination + sequence): alternately one and two of the three backups of a four-member group. */
    private static boolean receivesConflict(int destination, PrePrepare pp) {
        return Math.floorMod(destination + pp.sequence(), 2L) == 1;
    }

    private PrePrepare conflicting(PrePrepare original) {
        List<ClientRequest> batch = new ArrayList<>(original.requests());
        if (batch.size() >= 2) {
            Collections.reverse(batch);
        } else {
            batch.clear();
        }
        PrePrepare unsigned = new PrePrepare(member, original.view(), original.sequence(), PrePrepare.digestOf(batch),
                batch, new byte[0]);
        return unsigned.withSignature(signer.sign(PbftMessageCodec.signedBytes(unsigned)));
    }
}
