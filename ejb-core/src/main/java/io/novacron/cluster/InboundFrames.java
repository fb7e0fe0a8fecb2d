package io.novacron.cluster;

import io.novacron.transport.Frame;
import io.novacron.transport.FrameListener;
import io.novacron.replication.ConsensusService;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import java.util.HashMap;
import java.util.Map;

/**
 * Where frames from the other members arrive: the TCP resource adapter calls this bean through its WorkManager
 * (the activation spec in server.xml names the listen address and port). It counts each frame per peer and hands
 * it to the consensus service.
 */
@MessageDriven(name = "InboundFrames", messageListenerInterface = FrameListener.class)
// A frame touches no transactional resource; a JTA transaction per frame (the MDB default) was pure cost.
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class InboundFrames implements FrameListener {

    private record PeerCounters(Counter frames, Counter bytes) {
    }

    @Inject
    MetricRegistry metrics;
    @EJB
    ConsensusService consensus;
    /** Per peer, looked up once: a registry lookup by name and tag cost more than the rest of a frame's handling. */
    private final Map<String, PeerCounters> counters = new HashMap<>();

    @Override
    public void onFrame(Frame frame) {
        PeerCounters peer = counters.computeIfAbsent(frame.peerId(), id -> new PeerCounters(
                metrics.counter("novacron.transport.frames.received", new Tag("peer", id)),
                metrics.counter("novacron.transport.bytes.received", new Tag("peer", id))));
        peer.frames().inc();
        peer.bytes().inc(frame.payload().length);
        consensus.receive(frame.peerId(), frame.payload());
    }
}
