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
 * Folding is idempotent (a message read twice, say an original and its copy when the BASE after the copies was
 * torn, is handed out once by {@link #recovered}) and a BASE record drops whatever precedes its copied live
 * messages, so records that a partial compaction lets reappear after a reopen (see
 * {@link io.novacron.consensus.log.LogStore#compactPrefix}) change nothing. While the journal runs, appends only
 * add to a list: duplicates are removed once, after reading the log, which keeps hashing whole encodings off the
 * hot path (a restarted replica may repeat a checkpoint vote once; a restart tolerates repeats anyway).
 */
final class JournalContents {

    /** One held message, its encoding (the dedup key and what is copied forward) and the index it was last written at. */
    record Held(long index, PbftMessage message, byte[] encoded) {
    }

    private long view;
    private long stableSequence;
    private List<Checkpoint> stableProof = List.of();
    private State stableState;
    private List<Held> messages = new ArrayList<>();

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
        messages.add(new Held(index, message, encoded));
    }

    void applyBase(long index, JournalRecord.Base base) {
        view = Math.max(view, base.view());
        stableSequence = base.stableSequence();
        stableProof = base.proof();
        stableState = base.ownState();
        long firstCopy = index - base.copiedBefore();
        messages.removeIf(held -> held.index() < firstCopy);
        messages = live(stableSequence);
    }

    /** The replica's own checkpoint state at {@code sequence} (persisted by checkpointed() or state transfer). */
    State ownState(long sequence) {
        State found = null;
        for (Held held : messages) {
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
        for (Held held : messages) {
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
        for (Held held : messages) {
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

    /** Keeps one of each message (its last write); called once after reading a log. */
    void dropDuplicates() {
        LinkedHashMap<ByteBuffer, Held> unique = new LinkedHashMap<>();
        for (Held held : messages) {
            ByteBuffer key = ByteBuffer.wrap(held.encoded());
            unique.remove(key);
            unique.put(key, held);
        }
        messages = new ArrayList<>(unique.values());
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
