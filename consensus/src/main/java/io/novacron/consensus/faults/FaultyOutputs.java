package io.novacron.consensus.faults;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

import io.novacron.consensus.engine.Applied;
import io.novacron.consensus.engine.EngineDriver;
import io.novacron.consensus.engine.Frame;

/**
 * An {@link EngineDriver.Outputs} that applies a {@link FaultPlan} to the frames a member sends and hands the rest to
 * the real outputs: for system tests that need a member whose network, or whose behaviour as PBFT primary, is bad.
 * <p>
 * Per round: the {@link Equivocator} first (if the plan says so), then per frame a drop, else a corruption and a
 * duplicate, each drawn from one generator seeded by the plan, so a run's choices replay from its seed. With a
 * delay the round's surviving frames go to the scheduler and reach the real {@code send} on the scheduler's thread
 * (which must therefore be safe to call from there); the driver thread never waits. Applied commands, refusals and
 * failures pass through unchanged.
 * <p>
 * Invariant: {@code send} is called by one thread (the driver's); {@link #counts()} may be read by any.
 */
public final class FaultyOutputs implements EngineDriver.Outputs {

    private final EngineDriver.Outputs next;
    private final FaultPlan plan;
    private final ScheduledExecutorService scheduler;
    private final Optional<Equivocator> equivocator;
    private final RandomGenerator random;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong duplicated = new AtomicLong();
    private final AtomicLong corrupted = new AtomicLong();
    private final AtomicLong delayed = new AtomicLong();
    private final AtomicLong equivocated = new AtomicLong();

    /**
     * Faults without equivocation.
     *
     * @param next      the real outputs
     * @param scheduler runs delayed rounds; unused while the plan has no delay
     * @throws IllegalArgumentException if the plan says equivocate, which needs the member's key
     */
    public FaultyOutputs(EngineDriver.Outputs next, FaultPlan plan, ScheduledExecutorService scheduler) {
        this(next, plan, scheduler, Optional.empty());
    }

    /**
     * Faults including PBFT equivocation when {@code plan.equivocate()}.
     *
     * @param equivocator built with this member's index and replica signer
     */
    public FaultyOutputs(EngineDriver.Outputs next, FaultPlan plan, ScheduledExecutorService scheduler,
                         Equivocator equivocator) {
        this(next, plan, scheduler, Optional.of(equivocator));
    }

    private FaultyOutputs(EngineDriver.Outputs next, FaultPlan plan, ScheduledExecutorService scheduler,
                          Optional<Equivocator> equivocator) {
        if (plan.equivocate() && equivocator.isEmpty()) {
            throw new IllegalArgumentException(FaultPlan.EQUIVOCATE + "=true needs an Equivocator with the member's"
                    + " PBFT signer");
        }
        this.next = Objects.requireNonNull(next, "next");
        this.plan = plan;
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.equivocator = plan.equivocate() ? equivocator : Optional.empty();
        this.random = new SplittableRandom(plan.seed());
    }

    @Override
    public void send(List<Frame> frames) {
        if (!plan.isActive()) {
            next.send(frames);
            return;
        }
        List<Frame> surviving = new ArrayList<>(frames.size());
        for (Frame frame : frames) {
            Frame honest = equivocated(frame);
            if (chance(plan.dropRate())) {
                dropped.incrementAndGet();
                continue;
            }
            Frame sent = honest;
            if (chance(plan.corruptRate())) {
                sent = new Frame(honest.member(), FrameCorruption.corrupt(honest.payload()), honest.bulk());
                corrupted.incrementAndGet();
            }
            surviving.add(sent);
            if (chance(plan.duplicateRate())) {
                surviving.add(sent);
                duplicated.incrementAndGet();
            }
        }
        if (surviving.isEmpty()) {
            return; // the Outputs contract: a round is never empty
        }
        long delayMs = plan.delayMs() + (plan.delayJitterMs() > 0 ? random.nextLong(plan.delayJitterMs() + 1) : 0);
        if (delayMs == 0) {
            next.send(surviving);
            return;
        }
        List<Frame> round = List.copyOf(surviving);
        try {
            scheduler.schedule(() -> next.send(round), delayMs, TimeUnit.MILLISECONDS);
            delayed.addAndGet(round.size());
        } catch (RejectedExecutionException e) {
            dropped.addAndGet(round.size()); // the scheduler is shutting down with the server: lost like any frame
        }
    }

    private Frame equivocated(Frame frame) {
        if (equivocator.isEmpty()) {
            return frame;
        }
        Optional<Frame> conflict = equivocator.get().conflictFor(frame);
        if (conflict.isEmpty()) {
            return frame;
        }
        equivocated.incrementAndGet();
        return conflict.get();
    }

    /** Draws only for a fault the plan has, so a rate of 0 never fires and a rate of 1 always does. */
    private boolean chance(double rate) {
        return rate > 0 && random.nextDouble() < rate;
    }

    @Override
    public void applied(Applied applied) {
        next.applied(applied);
    }

    @Override
    public void refused(byte[] command) {
        next.refused(command);
    }

    @Override
    public void failed(IOException cause) {
        next.failed(cause);
    }

    /** The plan this member follows, for its log line. */
    public FaultPlan plan() {
        return plan;
    }

    /** What was done so far; any thread. */
    public FaultCounts counts() {
        return new FaultCounts(dropped.get(), duplicated.get(), corrupted.get(), delayed.get(), equivocated.get());
    }
}
