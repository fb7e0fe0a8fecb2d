package io.novacron.cluster;

import io.novacron.transport.Frame;
import io.novacron.transport.FrameListener;
import io.novacron.replication.ConsensusService;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Where frames from the other members arrive: the TCP resource adapter calls this bean through its WorkManager
 * (the activation spec in server.xml names the listen address and port). It counts each frame per peer and hands
 * it to the consensus service.
 */
@MessageDriven(name = "InboundFrames", messageListenerInterface = FrameListener.class)
public class InboundFrames implements FrameListener {

    @Inject
    MetricRegistry metrics;
    @EJB
    ConsensusService consensus;

    @Override
    public void onFrame(Frame frame) {
        metrics.counter("novacron.transport.frames.received", new Tag("peer", frame.peerId())).inc();
        metrics.counter("novacron.transport.bytes.received", new Tag("peer", frame.peerId()))
                .inc(frame.payload().length);
        consensus.receive(frame.peerId(), frame.payload());
    }
}
