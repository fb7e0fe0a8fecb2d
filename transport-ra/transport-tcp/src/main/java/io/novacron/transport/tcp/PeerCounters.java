package io.novacron.transport.tcp;

import java.util.concurrent.atomic.AtomicLong;

/** The live counters of one peer, written by the streams' threads and read for {@code PeerStatistics} snapshots. */
public final class PeerCounters {

    final AtomicLong bytesOut = new AtomicLong();
    final AtomicLong framesOut = new AtomicLong();
    final AtomicLong writesOut = new AtomicLong();
    final AtomicLong bytesIn = new AtomicLong();
    final AtomicLong framesIn = new AtomicLong();
    final AtomicLong reconnects = new AtomicLong();
    final AtomicLong rejectedFrames = new AtomicLong();
    /** Last heartbeat round trip; -1 until the first HEARTBEAT_ACK. */
    final AtomicLong rttNanos = new AtomicLong(-1);

    public long bytesIn() {
        return bytesIn.get();
    }

    public long framesIn() {
        return framesIn.get();
    }
}
