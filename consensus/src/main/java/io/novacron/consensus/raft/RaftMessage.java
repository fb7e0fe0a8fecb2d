package io.novacron.consensus.raft;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One immutable Raft message; a single shape for every {@link MessageType}, unused fields left zero/empty.
 * A flat record keeps the codec and the simulator generic; the field meanings per type are below.
 *
 * @param type      what the message is
 * @param from      sender id
 * @param to        recipient id
 * @param term      sender's term (for PRE_VOTE: the term it would campaign at)
 * @param logTerm   votes: candidate's last log term; APPEND_ENTRIES: prevLogTerm
 * @param index     votes: candidate's last log index; APPEND_ENTRIES: prevLogIndex; responses: the
 *                  index acknowledged (success) or the rejected prevLogIndex (reject); READ_INDEX_RESPONSE:
 *                  the read index
 * @param entries   APPEND_ENTRIES payload
 * @param commitIndex leader's commit index (APPEND_ENTRIES, HEARTBEAT)
 * @param reject    responses: request refused
 * @param hintIndex APPEND_ENTRIES_RESPONSE reject: first index of the conflicting term, or follower lastIndex+1
 * @param hintTerm  APPEND_ENTRIES_RESPONSE reject: the follower's term at the rejected index, 0 if it has none
 * @param snapshot  INSTALL_SNAPSHOT payload, else {@link Snapshot#EMPTY}
 * @param context   HEARTBEAT(_RESPONSE), READ_INDEX(_RESPONSE): read request context; empty otherwise
 * @param transfer  REQUEST_VOTE: sent because of TIMEOUT_NOW, so voters must not refuse for leader stickiness
 */
public record RaftMessage(MessageType type, int from, int to, long term, long logTerm, long index,
                          List<Entry> entries, long commitIndex, boolean reject, long hintIndex, long hintTerm,
                          Snapshot snapshot, byte[] context, boolean transfer) {

    public RaftMessage {
        Objects.requireNonNull(type, "type");
        entries = entries == null ? List.of() : List.copyOf(entries);
        snapshot = snapshot == null ? Snapshot.EMPTY : snapshot;
        context = context == null ? new byte[0] : context.clone();
    }

    /** Starts a message of the given type; the builder keeps call sites readable despite the flat shape. */
    public static Builder builder(MessageType type, int from, int to, long term) {
        return new Builder(type, from, to, term);
    }

    /** A copy of the read context. */
    @Override
    public byte[] context() {
        return context.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RaftMessage m && m.type == type && m.from == from && m.to == to && m.term == term
                && m.logTerm == logTerm && m.index == index && m.entries.equals(entries) && m.commitIndex == commitIndex
                && m.reject == reject && m.hintIndex == hintIndex && m.hintTerm == hintTerm
                && m.snapshot.equals(snapshot) && Arrays.equals(m.context, context) && m.transfer == transfer;
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, from, to, term, index, entries.size(), commitIndex);
    }

    @Override
    public String toString() {
        return type + "{" + from + "->" + to + " t" + term + " lt" + logTerm + " i" + index + " n" + entries.size()
                + " c" + commitIndex + (reject ? " REJECT h" + hintIndex + "/" + hintTerm : "")
                + (snapshot.isEmpty() ? "" : " " + snapshot) + (transfer ? " transfer" : "") + "}";
    }

    /** Mutable builder for {@link RaftMessage}; only used while composing one message. */
    public static final class Builder {
        private final MessageType type;
        private final int from;
        private final int to;
        private final long term;
        private long logTerm;
        private long index;
        private List<Entry> entries = List.of();
        private long commitIndex;
        private boolean reject;
        private long hintIndex;
        private long hintTerm;
        private Snapshot snapshot = Snapshot.EMPTY;
        private byte[] context = new byte[0];
        private boolean transfer;

        private Builder(MessageType type, int from, int to, long term) {
            this.type = type;
            this.from = from;
            this.to = to;
            this.term = term;
        }

        public Builder logTerm(long v) { logTerm = v; return this; }
        public Builder index(long v) { index = v; return this; }
        public Builder entries(List<Entry> v) { entries = v; return this; }
        public Builder commitIndex(long v) { commitIndex = v; return this; }
        public Builder reject(boolean v) { reject = v; return this; }
        public Builder hint(long idx, long t) { hintIndex = idx; hintTerm = t; return this; }
        public Builder snapshot(Snapshot v) { snapshot = v; return this; }
        public Builder context(byte[] v) { context = v; return this; }
        public Builder transfer(boolean v) { transfer = v; return this; }

        public RaftMessage build() {
            return new RaftMessage(type, from, to, term, logTerm, index, entries, commitIndex, reject, hintIndex,
                    hintTerm, snapshot, context, transfer);
        }
    }
}
