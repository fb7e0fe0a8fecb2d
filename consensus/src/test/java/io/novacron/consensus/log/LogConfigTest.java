package io.novacron.consensus.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** {@link LogConfig#validate()} rejects each bad setting with one line naming it. */
class LogConfigTest {

    @Test
    void defaultsAreValid() {
        LogConfig config = LogConfig.defaults().validate();
        assertEquals(64L << 20, config.segmentSizeBytes());
    }

    @Test
    void eachBadSettingIsNamedWithItsValueAndTheAllowedRange() {
        Object[][] cases = {
            {LogConfig.defaults().withSegmentSizeBytes(10),
                "LogConfig.segmentSizeBytes=10 is not allowed: must be between 64 and 1073741824"},
            {LogConfig.defaults().withSegmentSizeBytes(2L << 30),
                "LogConfig.segmentSizeBytes=2147483648 is not allowed: must be between 64 and 1073741824"},
            {LogConfig.defaults().withAppendBufferSizeBytes(0),
                "LogConfig.appendBufferSizeBytes=0 is not allowed: must be between 64 and 67108864"},
            {LogConfig.defaults().withPayloadSizeBytesMax(-1),
                "LogConfig.payloadSizeBytesMax=-1 is not allowed: must be between 1 and 1073741808"},
        };
        for (Object[] c : cases) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ((LogConfig) c[0]).validate());
            assertEquals(c[1], e.getMessage());
        }
    }
}
