package io.novacron.transport.tcp;

/** The kinds of frame on the wire; the code is the type byte of the header and never changes meaning. */
public enum FrameType {
    /** Connector to acceptor, first frame of every connection: payload is the connector's node id (UTF-8). */
    HELLO(1),
    /** Acceptor's answer to an accepted HELLO: payload is the acceptor's node id. */
    HELLO_ACK(2),
    /** Application bytes for the frame listener. */
    DATA(3),
    /** Connector to acceptor on the control stream: payload is the sender's 8-byte send time, echoed back. */
    HEARTBEAT(4),
    /** Acceptor's echo of a HEARTBEAT payload, from which the sender measures the round-trip time. */
    HEARTBEAT_ACK(5),
    /** Acceptor's refusal of a HELLO: payload is the reason (UTF-8); the acceptor closes the connection after it. */
    REJECT(6),
    /**
     * Part of an application payload whose rest follows on this stream: a payload longer than maxFrameBytes leaves
     * as CONTINUATION frames (each non-empty) ended by one DATA frame carrying the last part, and the receiver
     * delivers their concatenation as one frame. Only HEARTBEATs may come between the parts of one payload.
     */
    CONTINUATION(7);

    private static final FrameType[] BY_CODE = new FrameType[8];

    static {
        for (FrameType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    final int code;

    FrameType(int code) {
        this.code = code;
    }

    /** The type for a header byte, or null when the byte names no type. */
    static FrameType ofCode(int code) {
        return code > 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
