package io.novacron.transport.tcp;

import io.novacron.transport.TransportBackpressureException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An informative loopback figure, not a benchmark: 1 KiB frames from a to b, one stream and then four streams,
 * sender retrying on back-pressure. Printed, never asserted (the machine is shared); only delivery is checked.
 */
class LoopbackThroughputTest {

    private static final int FRAME_BYTES = 1024;
    private static final int FRAMES = 200_000;

    @Test
    void printsFramesAndMegabytesPerSecondForOneAndFourStreams() {
        for (int streams : new int[]{1, 4}) {
            try (Cluster c = new Cluster(List.of("a", "b"), s -> s.withStreams(streams), UnaryOperator.identity()).startAll()) {
                c.awaitConnected();
                byte[] frame = new byte[FRAME_BYTES];
                long start = System.nanoTime();
                long refused = 0;
                for (int i = 0; i < FRAMES; i++) {
                    while (true) {
                        try {
                            c.node("a").send("b", i % streams, frame);
                            break;
                        } catch (TransportBackpressureException full) {
                            refused++;
                            Thread.onSpinWait();
                        }
                    }
                }
                Await.until(() -> c.at("b").total() == FRAMES, "all frames delivered");
                double seconds = (System.nanoTime() - start) / 1e9;
                var st = c.node("a").statistics("b");
                System.out.printf("loopback throughput, 1 KiB frames, %d stream(s): %.0f frames/s, %.1f MB/s"
                                + " (%d frames in %.2f s, %.1f frames per write, %d back-pressure retries)%n",
                        streams, FRAMES / seconds, FRAMES * (double) FRAME_BYTES / seconds / 1e6, FRAMES, seconds,
                        st.framesOut() / (double) st.writesOut(), refused);
                assertEquals(FRAMES, c.at("b").total());
            }
        }
    }
}
