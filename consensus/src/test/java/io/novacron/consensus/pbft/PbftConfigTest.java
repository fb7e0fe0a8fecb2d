package io.novacron.consensus.pbft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PbftConfigTest {

    static Stream<Arguments> nonsense() {
        return Stream.of(
                Arguments.of(new PbftConfig(3, 4, 8, 8, 1, 20, 320, 30), "pbft.replicaCount=3"),
                Arguments.of(new PbftConfig(4, 0, 8, 8, 1, 20, 320, 30), "pbft.checkpointIntervalSeqs=0"),
                Arguments.of(new PbftConfig(4, 4, 6, 8, 1, 20, 320, 30), "pbft.watermarkWindowSeqs=6"),
                Arguments.of(new PbftConfig(4, 4, 4, 8, 1, 20, 320, 30), "pbft.watermarkWindowSeqs=4"),
                Arguments.of(new PbftConfig(4, 4, 8, 0, 1, 20, 320, 30), "pbft.batchSizeMax=0"),
                Arguments.of(new PbftConfig(4, 4, 8, 8, -1, 20, 320, 30), "pbft.batchWaitTicks=-1"),
                Arguments.of(new PbftConfig(4, 4, 8, 8, 1, 0, 320, 30), "pbft.requestTimeoutTicks=0"),
                Arguments.of(new PbftConfig(4, 4, 8, 8, 1, 20, 10, 30), "pbft.viewChangeTimeoutTicksMax=10"),
                Arguments.of(new PbftConfig(4, 4, 8, 8, 1, 20, 320, 0), "pbft.clientRetryTicks=0"));
    }

    @ParameterizedTest
    @MethodSource("nonsense")
    void validateRejectsNonsenseInOneLineNamingTheSetting(PbftConfig config, String expectedStart) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, config::validate);
        assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line");
    }

    @Test
    void quorumsFollowFromN() {
        PbftConfig seven = new PbftConfig(7, 4, 8, 8, 1, 20, 320, 30).validate();
        assertEquals(2, seven.faultsTolerated());
        assertEquals(5, seven.quorum());
        assertEquals(3, seven.weakQuorum());
        assertEquals(3, seven.primaryOf(10));
    }
}
