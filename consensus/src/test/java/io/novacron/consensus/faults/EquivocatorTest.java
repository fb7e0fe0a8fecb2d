package io.novacron.consensus.faults;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.novacron.consensus.engine.Frame;
import io.novacron.consensus.engine.PbftEngine;
import io.novacron.consensus.pbft.ClientRequest;
import io.novacron.consensus.pbft.MalformedMessageException;
import io.novacron.consensus.pbft.PbftMessage;
import io.novacron.consensus.pbft.PbftMessage.PrePrepare;
import io.novacron.consensus.pbft.PbftMessage.Prepare;
import io.novacron.consensus.pbft.PbftMessageCodec;
import io.novacron.crypto.KeyRing;
import io.novacron.crypto.SignatureScheme;
import io.novacron.crypto.SigningKeyPair;

/**
 * The conflicting PRE-PREPARE a faulty primary sends (Castro–Liskov §4.2): same view and sequence, another batch of
 * genuine client requests, a valid signature, to about half of the backups, the same one again on retransmission.
 */
class EquivocatorTest {

    private final List<SigningKeyPair> keys = new ArrayList<>();
    private KeyRing ring;
    private Equivocator primaryZero;

    @BeforeEach
    void keys() {
        Map<Integer, byte[]> publicKeys = new HashMap<>();
        for (int i = 0; i < 4; i++) {
            keys.add(SignatureScheme.ED25519.generateKeyPair(new SecureRandom()));
            publicKeys.put(i, keys.get(i).publicKey());
        }
        ring = new KeyRing(SignatureScheme.ED25519, publicKeys);
        primaryZero = new Equivocator(0, keys.get(0).signer());
    }

    private ClientRequest request(int client, long timestamp) {
        return ClientRequest.signed(client, timestamp, ("op" + timestamp).getBytes(StandardCharsets.UTF_8),
                keys.get(client).signer());
    }

    private PrePrepare prePrepare(int sender, long sequence, List<ClientRequest> batch) {
        PrePrepare unsigned = new PrePrepare(sender, 0, sequence, PrePrepare.digestOf(batch), batch, new byte[0]);
        return unsigned.withSignature(keys.get(sender).signer().sign(PbftMessageCodec.signedBytes(unsigned)));
    }

    private boolean validlySigned(PbftMessage message) {
        return ring.verify(message.senderId(), PbftMessageCodec.signedBytes(message), message.signature());
    }

    @Test
    void aConflictingBatchForTheSameSlotWithAValidSignature() throws MalformedMessageException {
        List<ClientRequest> batch = List.of(request(1, 10), request(2, 20), request(3, 30));
        PrePrepare original = prePrepare(0, 1, batch);
        Optional<Frame> conflict = primaryZero.conflictFor(new Frame(2, PbftEngine.frameOf(original)));

        assertTrue(conflict.isPresent(), "backup 2 gets the conflicting version at sequence 1");
        assertEquals(2, conflict.get().member());
        PrePrepare forged = (PrePrepare) PbftEngine.messageOf(conflict.get().payload());
        assertEquals(0, forged.sender());
        assertEquals(original.view(), forged.view());
        assertEquals(original.sequence(), forged.sequence());
        assertFalse(Arrays.equals(original.batchDigest(), forged.batchDigest()), "a different digest");
        assertArrayEquals(PrePrepare.digestOf(forged.requests()), forged.batchDigest(), "a digest that matches");
        assertEquals(List.of(batch.get(2), batch.get(1), batch.get(0)).stream().map(ClientRequest::digest)
                .map(Arrays::toString).toList(),
                forged.requests().stream().map(ClientRequest::digest).map(Arrays::toString).toList(),
                "the same genuine requests, reversed");
        assertTrue(validlySigned(forged), "signed with the primary's real key");
    }

    @Test
    void aSingleRequestConflictsWithTheNullRequest() throws MalformedMessageException {
        PrePrepare original = prePrepare(0, 1, List.of(request(1, 10)));
        Frame conflict = primaryZero.conflictFor(new Frame(2, PbftEngine.frameOf(original))).orElseThrow();
        PrePrepare forged = (PrePrepare) PbftEngine.messageOf(conflict.payload());
        assertTrue(forged.requests().isEmpty());
        assertTrue(validlySigned(forged));
    }

    @Test
    void theSplitOfBackupsAlternatesWithTheSequence() {
        for (long sequence = 1; sequence <= 4; sequence++) {
            byte[] payload = PbftEngine.frameOf(prePrepare(0, sequence, List.of(request(1, sequence))));
            List<Integer> conflicted = new ArrayList<>();
            for (int backup = 1; backup <= 3; backup++) {
                if (primaryZero.conflictFor(new Frame(backup, payload)).isPresent()) {
                    conflicted.add(backup);
                }
            }
            assertEquals(sequence % 2 == 1 ? List.of(2) : List.of(1, 3), conflicted, "sequence " + sequence);
        }
    }

    @Test
    void aRetransmissionGetsTheSameConflictingBytes() {
        byte[] payload = PbftEngine.frameOf(prePrepare(0, 2, List.of(request(1, 10), request(2, 11))));
        byte[] first = primaryZero.conflictFor(new Frame(1, payload)).orElseThrow().payload();
        primaryZero.conflictFor(new Frame(1, PbftEngine.frameOf(prePrepare(0, 4, List.of(request(1, 12))))));
        byte[] again = primaryZero.conflictFor(new Frame(1, payload.clone())).orElseThrow().payload();
        assertArrayEquals(first, again);
    }

    @Test
    void everythingElseIsLeftAlone() {
        Prepare unsigned = new Prepare(0, 0, 1, new byte[32], new byte[0]);
        List<byte[]> others = List.of(
                PbftEngine.frameOf(unsigned.withSignature(keys.get(0).signer().sign(
                        PbftMessageCodec.signedBytes(unsigned)))),
                PbftEngine.frameOf(prePrepare(1, 1, List.of(request(2, 10)))), // another member's pre-prepare
                PbftEngine.frameOf(prePrepare(0, 1, List.of())), // the null request has no variant
                PbftEngine.frameOf(request(0, 5)),
                new byte[] {'R', 1, 2, 3},
                new byte[] {'P', 9, 9},
                new byte[0]);
        for (byte[] payload : others) {
            assertTrue(primaryZero.conflictFor(new Frame(2, payload)).isEmpty(), Arrays.toString(payload));
        }
    }
}
