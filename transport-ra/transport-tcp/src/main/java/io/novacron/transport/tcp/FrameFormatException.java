package io.novacron.transport.tcp;

import java.io.IOException;

/** The bytes on a connection are not a valid frame (bad magic or version, corrupt, truncated or too long). */
public class FrameFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    public FrameFormatException(String message) {
        super(message);
    }
}
