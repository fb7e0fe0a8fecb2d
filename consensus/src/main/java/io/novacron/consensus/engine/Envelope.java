package io.novacron.consensus.engine;

import java.util.Arrays;

/** The engines' wire envelope: one kind byte, then the body. */
final class Envelope {

    private Envelope() {
    }

    static byte[] wrap(byte kind, byte[] body) {
        byte[] out = new byte[body.length + 1];
        out[0] = kind;
        System.arraycopy(body, 0, out, 1, body.length);
        return out;
    }

    /** The body of a payload whose kind byte was already read (an empty payload has no kind and is malformed). */
    static byte[] body(byte[] payload) {
        return Arrays.copyOfRange(payload, 1, payload.length);
    }
}
