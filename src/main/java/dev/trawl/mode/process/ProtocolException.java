package dev.trawl.mode.process;

import java.io.IOException;

/** A frame that cannot be read: cut short, too large, not JSON, or of another protocol version. */
public final class ProtocolException extends IOException {
    public ProtocolException(String message) {
        super(message);
    }

    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
