package dev.trawl.sink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * An output could not be written: a full disk, a removed directory, or a reader that went away (the
 * {@code head} in {@code trawl crawl -o - | head}). The message names the output. Records written before
 * the failure stay in it.
 */
public final class OutputFailedException extends UncheckedIOException {
    private static final long serialVersionUID = 1L;

    private final String output;

    OutputFailedException(String output, IOException cause) {
        super("cannot write to " + output + ": " + cause.getMessage(), cause);
        this.output = output;
    }

    /** The output's name: its file, or "standard output". */
    public String output() {
        return output;
    }

    /** Whether the reader of a pipe went away (broken pipe), which ends a crawl without it being a failure. */
    public boolean readerGone() {
        String message = String.valueOf(getCause().getMessage()).toLowerCase(Locale.ROOT);
        return message.contains("broken pipe") || message.contains("stream closed");
    }
}
