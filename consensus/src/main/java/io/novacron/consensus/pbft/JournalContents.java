package io.novacron.consensus.pbft;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.novacron.consensus.pbft.PbftMessage.Checkpoint;
import io.novacron.consensus.pbft.PbftMessage.State;

/**
 * What a {@link PbftJournal}'s log holds, folded record by record: the same code reads the log at recovery and
 * follows every append afterwards, so what a driver restarts from is exactly what it persisted.
 * <p>
 * Folding is idempotent (a message appended twice is held once, at its latest index) and a BASE record drops
 * whatever precedes its copied live messages, so records that a partial compaction lets reappear after a reopen
 * (see {@link io.novacron.consensus.log.LogStore#compactPrefix}) change nothing.
 */
final class JournalContents {

    /** One held message, its encoding (the dedup key and what is copied forward) and the index it was last written at. */
    record Held(long index, PbftMessage message, byte[] encoded) {
    }

    private long view;
    private long stableSequence;
    private List<Checkpoint> stableProof = List.of();
    private State stableState;
    private final LinkedHashMap<ByteBuffer, Held> messages = new LinkedHashMap<>();

    long view() {
        return view;
    }

    long stableSequence() {
        return stableSequence;
    }

    /** Folds one decoded record found at {@code index}. */
    void apply(long index, JournalRecord record) {
        if (record instanceof JournalRecord.Message m) {
            addMessage(index, m.message(), PbftMessageCodec.encode(m.message()));
        } else if (record instanceof JournalRecord.View v) {
            view = Math.max(view, v.view());
        } else if (record instanceof JournalRecord.Base base) {
            applyBase(index, base);
        }
    }

    void addMessage(long index, PbftMessage message, byte[] encoded) {
        long sequence = sequenceOf(message);
        if (sequence >= 0 && sequence <= stableSequence) {
            return; // below the stable checkpoint: garbage (§4.3)
        }
        ByteBuffer key = ByteBuffer.wrap(encoded);
        messages.remove(key); // re-insert so the latest write decides the index and the order
        messages.put(key, new Held(index, message, encoded));
    }

    void applyBase(long index, JournalRecord.Base base) {
        view = Math.max(view, base.view());
        stableSequence = base.stableSequence();
        stableProof = base.proof();
        stableState = base.ownState();
        long firstCopy = index - base.copiedBefore();
        messages.values().removeIf(held -> held.index() < firstCopy);
        List<Held> live = live(stableSequence);
        messages.clear();
        live.forEach(held -> messages.put(ByteBuffer.wrap(held.encoded()), held));
    }

    /** The replica's own checkpoint state at {@code sequence} (persisted by checkpointed() or state transfer). */
    State ownState(long sequence) {
        State found = null;
        for (Held held : messages.values()) {
            if (held.message() instanceof State state && state.sequence() == sequence) {
                found = state;
            }
        }
        return found;
    }

    /**
     * Messages a restart still needs once the checkpoint at {@code stable} is stable, in write order: everything
     * numbered above it, the latest VIEW-CHANGE of each sender and the latest NEW-VIEW (older ones are superseded,
     * §4.4).
     */
    List<Held> live(long stable) {
        Map<Integer, Held> latestViewChange = new HashMap<>();
        Held latestNewView = null;
        for (Held held : messages.values()) {
            if (held.message() instanceof PbftMessage.ViewChange vc) {
                Held previous = latestViewChange.get(vc.sender());
                if (previous == null || ((PbftMessage.ViewChange) previous.message()).newView() < vc.newView()) {
                    latestViewChange.put(vc.sender(), held);
                }
            } else if (held.message() instanceof PbftMessage.NewView nv) {
                if (latestNewView == null || ((PbftMessage.NewView) latestNewView.message()).view() < nv.view()) {
                    latestNewView = held;
                }
            }
        }
        List<Held> live = new ArrayList<>();
        for (Held held : messages.values()) {
            PbftMessage message = held.message();
            boolean keep = switch (message.type()) {
                case PRE_PREPARE, PREPARE, COMMIT, CHECKPOINT, STATE -> sequenceOf(message) > stable;
                case VIEW_CHANGE -> latestViewChange.get(((PbftMessage.ViewChange) message).sender()) == held;
                case NEW_VIEW -> latestNewView == held;
                default -> false; // requests, replies and fetches are never persisted
            };
            if (keep) {
                live.add(held);
            }
        }
        return live;
    }

    PbftRecoveredState recovered() {
        List<PbftMessage> live = new ArrayList<>();
        live(stableSequence).forEach(held -> live.add(held.message()));
        return new PbftRecoveredState(view, stableSequence, stableProof,
                stableState == null ? new byte[0] : stableState.replicaState(),
                stableState == null ? new byte[0] : stableState.applicationSnapshot(), live);
    }

    /** The sequence number a message is about, or -1 for view-change messages. */
    static long sequenceOf(PbftMessage message) {
        return switch (message.type()) {
            case PRE_PREPARE -> ((PbftMessage.PrePrepare) message).sequence();
            case PREPARE -> ((PbftMessage.Prepare) message).sequence();
            case COMMIT -> ((PbftMessage.Commit) message).sequence();
            case CHECKPOINT -> ((Checkpoint) message).sequence();
            case STATE -> ((State) message).sequence();
            default -> -1;
        };
    }
}
