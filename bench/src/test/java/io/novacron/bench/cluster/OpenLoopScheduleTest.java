package io.novacron.bench.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OpenLoopScheduleTest {

    private static final long START = 5_000_000_000L;

    @Test
    void thousandPerSecondIsOneMillisecondApart() {
        OpenLoopSchedule s = new OpenLoopSchedule(START, 1000);
        assertEquals(START, s.intendedNanos(0));
        assertEquals(START + 1_000_000, s.intendedNanos(1));
        assertEquals(START + 999_000_000, s.intendedNanos(999));
        assertEquals(START + 1_000_000_000, s.intendedNanos(1000));
    }

    @Test
    void aRateThatDoesNotDivideASecondDoesNotDrift() {
        OpenLoopSchedule s = new OpenLoopSchedule(START, 3);
        assertEquals(START + 333_333_333, s.intendedNanos(1));
        assertEquals(START + 666_666_667, s.intendedNanos(2));
        // A million seconds later the schedule is still exactly on the rate: no accumulated rounding.
        assertEquals(START + 1_000_000L * 1_000_000_000L, s.intendedNanos(3_000_000));
    }

    @Test
    void aScheduleStartingBeforeTheClocksZeroWorks() {
        // System.nanoTime may be negative; only differences matter.
        OpenLoopSchedule s = new OpenLoopSchedule(-1_000_000_000L, 1000);
        assertEquals(-1_000_000_000L + 2_000_000, s.intendedNanos(2));
        assertEquals(1001, s.dueBy(0));
    }

    @Test
    void dueByCountsWritesWhoseTimeHasCome() {
        OpenLoopSchedule s = new OpenLoopSchedule(START, 1000);
        assertEquals(0, s.dueBy(START - 1));
        assertEquals(1, s.dueBy(START));
        assertEquals(1, s.dueBy(START + 999_999));
        assertEquals(2, s.dueBy(START + 1_000_000));
        assertEquals(1001, s.dueBy(START + 1_000_000_000));
    }

    @Test
    void countBeforeIsTheLengthOfARun() {
        OpenLoopSchedule s = new OpenLoopSchedule(START, 1000);
        assertEquals(0, s.countBefore(START));
        assertEquals(1000, s.countBefore(START + 1_000_000_000));
        assertEquals(10_000, s.countBefore(START + 10_000_000_000L));
        assertEquals(7, new OpenLoopSchedule(START, 0.5).countBefore(START + 14_000_000_000L));
    }

    @Test
    void dueByAgreesWithIntendedNanosEverywhere() {
        SplittableRandom random = new SplittableRandom(4);
        for (int i = 0; i < 10_000; i++) {
            double rate = 0.01 + random.nextDouble() * 200_000;
            OpenLoopSchedule s = new OpenLoopSchedule(START, rate);
            long now = START + random.nextLong(100_000_000_000L);
            long due = s.dueBy(now);
            assertTrue(due >= 1);
            assertTrue(s.intendedNanos(due - 1) <= now, () -> "rate " + rate + " now " + now);
            assertTrue(s.intendedNanos(due) > now, () -> "rate " + rate + " now " + now);
        }
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new OpenLoopSchedule(0, 0));
        assertThrows(IllegalArgumentException.class, () -> new OpenLoopSchedule(0, -1));
        assertThrows(IllegalArgumentException.class, () -> new OpenLoopSchedule(0, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new OpenLoopSchedule(0, Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> new OpenLoopSchedule(0, 1).intendedNanos(-1));
    }
}
