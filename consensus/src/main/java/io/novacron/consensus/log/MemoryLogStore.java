package io.novacron.consensus.log;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link LogStore} held in memory, with the same contract as {@link SegmentedFileLog} plus
 * {@link #crash()}, which loses what a real crash could lose.
 *
 * <p>Why it exists: the deterministic simulator runs thousands of crashes per second and needs them to
 * be reproducible from a seed, which real files and page caches are not; it also backs the in-memory
 * benchmark mode. It keeps the worst case a file log allows: every record after the last sync is lost.
 */
public final class MemoryLogStore implements LogStore {
    private final int payloadSizeBytesMax;
    /** Invariant: records.get(i) has index firstIndex + i. */
    private final ArrayList<byte[]> records = new ArrayList<>();
    private long firstIndex;
    /** Invariant: firstIndex - 1 <= durableIndex <= lastIndex(). */
    private long durableIndex;
    private boolean closed;

    /** An empty store whose first append is index 1, with the default payload limit. */
    public MemoryLogStore() {
        this(LogConfig.defaults());
    }

    /** An empty store whose first append is index 1; only {@code payloadSizeBytesMax} of config applies. */
    public MemoryLogStore(LogConfig config) {
        this.payloadSizeBytesMax = config.validate().payloadSizeBytesMax();
        this.firstIndex = 1;
        this.durableIndex = 0;
    }

    @Override
    public void append(long index, byte[] payload) {
        checkOpen();
        LogChecks.checkAppend(index, lastIndex(), payload, payloadSizeBytesMax);
        records.add(payload.clone());
    }

    @Override
    public long sync() {
        checkOpen();
        durableIndex = lastIndex();
        return durableIndex;
    }

    @Override
    public byte[] read(long index) {
        checkOpen();
        LogChecks.checkRead(index, firstIndex, lastIndex());
        return records.get((int) (index - firstIndex)).clone();
    }

    @Override
    public List<byte[]> read(long fromIndex, int maxCount) {
        checkOpen();
        int count = LogChecks.checkBatch(fromIndex, maxCount, firstIndex, lastIndex());
        List<byte[]> batch = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            batch.add(records.get((int) (fromIndex - firstIndex) + i).clone());
        }
        return batch;
    }

    @Override
    public long firstIndex() {
        return firstIndex;
    }

    @Override
    public long lastIndex() {
        return firstIndex + records.size() - 1;
    }

    @Override
    public void truncateSuffix(long fromIndex) {
        checkOpen();
        LogChecks.checkTruncate(fromIndex, firstIndex, lastIndex());
        records.subList((int) (fromIndex - firstIndex), records.size()).clear();
        // The worst case of a crash after a truncation is that it stuck; the old suffix never returns.
        durableIndex = Math.min(durableIndex, fromIndex - 1);
    }

    @Override
    public void compactPrefix(long throughIndex) {
        checkOpen();
        if (throughIndex < firstIndex) {
            return;
        }
        if (throughIndex >= lastIndex()) {
            reset(throughIndex + 1);
            return;
        }
        records.subList(0, (int) (throughIndex + 1 - firstIndex)).clear();
        firstIndex = throughIndex + 1;
        durableIndex = Math.max(durableIndex, firstIndex - 1);
    }

    @Override
    public void reset(long nextIndex) {
        checkOpen();
        LogChecks.checkNextIndex(nextIndex);
        records.clear();
        firstIndex = nextIndex;
        durableIndex = nextIndex - 1;
    }

    /**
     * Simulates a crash and restart: every record appended after the last {@link #sync()} is lost, and
     * the store is usable again (also after {@link #close()}), as a reopened file log would be.
     *
     * @return how many records were lost
     */
    public int crash() {
        int lost = (int) (lastIndex() - durableIndex);
        records.subList(records.size() - lost, records.size()).clear();
        closed = false;
        return lost;
    }

    @Override
    public void close() {
        if (!closed) {
            sync();
            closed = true;
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("log store is closed");
        }
    }
}
