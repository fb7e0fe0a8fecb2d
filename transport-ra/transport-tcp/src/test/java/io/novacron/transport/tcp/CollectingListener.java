package io.novacron.transport.tcp;

import io.novacron.transport.Frame;
import io.novacron.transport.FrameListener;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** A thread-safe listener that keeps every frame per (peer, stream); a stream can be held to stop its reader. */
final class CollectingListener implements FrameListener {

    private final Map<String, List<byte[]>> byStream = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private final Map<Integer, CountDownLatch> held = new ConcurrentHashMap<>();

    @Override
    public void onFrame(Frame frame) {
        CountDownLatch gate = held.get(frame.stream());
        if (gate != null) {
            try {
                gate.await(); // the connection's reader stops here, as a stalled consumer would
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<byte[]> list = byStream.computeIfAbsent(frame.peerId() + "/" + frame.stream(), k -> new ArrayList<>());
        synchronized (list) {
            list.add(frame.payload());
        }
        total.incrementAndGet();
    }

    /** Stops delivery on a stream (its reader blocks) until {@link #release}. */
    void hold(int stream) {
        held.put(stream, new CountDownLatch(1));
    }

    void release(int stream) {
        CountDownLatch gate = held.remove(stream);
        if (gate != null) {
            gate.countDown();
        }
    }

    int total() {
        return total.get();
    }

    int count(String peer, int stream) {
        List<byte[]> list = byStream.get(peer + "/" + stream);
        if (list == null) {
            return 0;
        }
        synchronized (list) {
            return list.size();
        }
    }

    List<byte[]> frames(String peer, int stream) {
        List<byte[]> list = byStream.getOrDefault(peer + "/" + stream, List.of());
        synchronized (list) {
            return new ArrayList<>(list);
        }
    }
}
