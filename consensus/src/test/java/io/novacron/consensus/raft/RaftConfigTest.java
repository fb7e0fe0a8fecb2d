package io.novacron.consensus.raft;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RaftConfig.validate(): nonsense is rejected with one line naming setting, value and what is allowed. */
class RaftConfigTest {

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of(new RaftConfig(0, Set.of(1), Set.of(), 10, 1, 64, 1024, 8, true, true), "id=0"),
                Arguments.of(new RaftConfig(1, Set.of(1), Set.of(), 10, 10, 64, 1024, 8, true, true), "heartbeatTicks=10"),
                Arguments.of(new RaftConfig(1, Set.of(1), Set.of(), 1, 1, 64, 1024, 8, true, true), "electionTimeoutTicks=1"),
                Arguments.of(new RaftConfig(1, Set.of(), Set.of(1), 10, 1, 64, 1024, 8, true, true), "voters=[]"),
                Arguments.of(new RaftConfig(4, Set.of(1, 2, 3), Set.of(), 10, 1, 64, 1024, 8, true, true), "id=4"),
                Arguments.of(new RaftConfig(1, Set.of(1), Set.of(), 10, 1, 64, 1024, 0, true, true), "maxInflightMessages=0"),
                Arguments.of(new RaftConfig(1, Set.of(1), Set.of(), 10, 1, 0, 1024, 8, true, true), "maxEntriesPerMessage=0"),
                Arguments.of(new RaftConfig(1, Set.of(1), Set.of(), 10, 1, 64, 0, 8, true, true), "maxBytesPerMessage=0"),
                Arguments.of(new RaftConfig(1, Set.of(1, 2), Set.of(2), 10, 1, 64, 1024, 8, true, true), "learners="));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void rejectsNonsenseWithOneLineNamingTheSetting(RaftConfig config, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, config::validate);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().contains("allowed"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
    }

    @Test
    void learnerMayOmitItselfFromVoters() {
        RaftConfig.defaults(4, Set.of(1, 2, 3)).withLearners(Set.of(4)).validate();
    }
}
