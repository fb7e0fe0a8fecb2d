package io.novacron.consensus.engine;

import java.io.IOException;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The one thread that touches a {@link ConsensusEngine}: other threads queue proposals and received frames and
 * wake it; it ticks the engine every {@code tickNanos} of wall time, processes, hands frames to the sender and
 * applied commands to the listener, and parks until the next tick when idle. The engine stays free of clocks and
 * threads; this class is where they come in.
 */
public final class EngineDriver implements Runnable {

    /** Where the driver's outputs go; called on the driver thread, so keep them quick and non-blocking. */
    public interface Outputs {
        /** The frames of one processing round, in order; never empty. */
        void send(List<Frame> frames);

        void applied(Applied applied);

        void refused(byte[] command);

        /** The engine could not persist; the driver stops, as a member that cannot write must not vote. */
        void failed(IOException cause);

        /** The engine's status after a processing round, for observers of terms, views and leaders. */
        default void roundDone(EngineStatus status) {
        }
    }

    private record Inbound(int member, byte[] payload) {
    }

    private final ConsensusEngine engine;
    private final Outputs outputs;
    private final long tickNanos;
    private final Queue<byte[]> proposals = new ConcurrentLinkedQueue<>();
    private final Queue<Inbound> frames = new ConcurrentLinkedQueue<>();
    private final Queue<Consumer<ConsensusEngine>> tasks = new ConcurrentLinkedQueue<>();
    private volatile boolean running = true;
    private volatile Thread thread;
    private volatile EngineStatus status;

    public EngineDriver(ConsensusEngine engine, Outputs outputs, long tickNanos) {
        if (tickNanos < 1) {
            throw new IllegalArgumentException("tickNanos must be positive, was " + tickNanos);
        }
        this.engine = engine;
        this.outputs = outputs;
        this.tickNanos = tickNanos;
        this.status = engine.status();
    }

    /** Queues a command for agreement; any thread. */
    public void propose(byte[] command) {
        proposals.add(command);
        LockSupport.unpark(thread);
    }

    /** Queues a frame another member sent; any thread. */
    public void receive(int fromMember, byte[] payload) {
        frames.add(new Inbound(fromMember, payload));
        LockSupport.unpark(thread);
    }

    /** Runs {@code task} against the engine on the driver thread (e.g. a leadership transfer); any thread. */
    public void execute(Consumer<ConsensusEngine> task) {
        tasks.add(task);
        LockSupport.unpark(thread);
    }

    /** The engine's status as of the last tick or processing round; any thread. */
    public EngineStatus status() {
        return status;
    }

    /** Asks the thread to finish its round and return; the caller closes the engine after joining it. */
    public void stop() {
        running = false;
        LockSupport.unpark(thread);
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        long nextTick = System.nanoTime() + tickNanos;
        try {
            while (running) {
                boolean worked = takeInputs();
                if (System.nanoTime() >= nextTick) {
                    engine.tick();
                    nextTick += tickNanos;
                    worked = true;
                }
                if (worked) {
                    EngineOutput output = engine.process();
                    if (!output.frames().isEmpty()) {
                        outputs.send(output.frames());
                    }
                    output.applied().forEach(outputs::applied);
                    output.refused().forEach(outputs::refused);
                    status = engine.status();
                    outputs.roundDone(status);
                } else {
                    LockSupport.parkNanos(nextTick - System.nanoTime());
                }
            }
        } catch (IOException e) {
            running = false;
            outputs.failed(e);
        }
    }

    private boolean takeInputs() {
        boolean any = false;
        byte[] command;
        while ((command = proposals.poll()) != null) {
            engine.propose(command);
            any = true;
        }
        Inbound frame;
        while ((frame = frames.poll()) != null) {
            engine.receive(frame.member(), frame.payload());
            any = true;
        }
        Consumer<ConsensusEngine> task;
        while ((task = tasks.poll()) != null) {
            task.accept(engine);
            any = true;
        }
        return any;
    }
}
