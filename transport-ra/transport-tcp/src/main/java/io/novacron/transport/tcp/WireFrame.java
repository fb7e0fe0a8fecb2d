package io.novacron.transport.tcp;

/**
 * One decoded frame as it travels on a connection (the peer id is a property of the connection, not of the frame).
 *
 * @param type    what the frame is for
 * @param stream  the stream the connection carries
 * @param payload the bytes
 */
public record WireFrame(FrameType type, int stream, byte[] payload) {

    /** The bytes this frame takes on the wire. */
    public int wireBytes() {
        return FrameCodec.HEADER_BYTES + payload.length + FrameCodec.TRAILER_BYTES;
    }
}
