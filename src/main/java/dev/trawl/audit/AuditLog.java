package dev.trawl.audit;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Consumer;

/**
 * An audit log on disk: one {@link AuditLines} line per fact, appended in the order the frontier recorded
 * them. A crawl writes it ({@link #append}) through an {@link AuditRecorder}; {@code trawl audit} reads it
 * back ({@link #replay}). A line cut short by a kill is tolerated at the end of the file, and cut off before
 * a resumed job appends to it.
 *
 * <p>Not thread-safe: one recorder writes it.
 */
public final class AuditLog implements AuditRecorder.Destination {
    private final Writer out;

    private AuditLog(Writer out) {
        this.out = out;
    }

    /**
     * Opens {@code path} for appending (made if missing): a last line without its line break (a write cut by
     * a kill) is cut off first.
     */
    public static AuditLog append(Path path) throws IOException {
        if (path.getParent() != null) {
            Files.createDirectories(path.toAbsolutePath().getParent());
        }
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            channel.truncate(completeLength(channel));
            channel.position(channel.size());
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return new AuditLog(new BufferedWriter(Channels.newWriter(channel, StandardCharsets.UTF_8), 1 << 16));
    }

    /** The length of the file up to and including its last line break. */
    private static long completeLength(FileChannel channel) throws IOException {
        long size = channel.size();
        ByteBuffer one = ByteBuffer.allocate(1);
        for (long at = size - 1; at >= 0; at--) {
            one.clear();
            channel.read(one, at);
            if (one.get(0) == '\n') {
                return at + 1;
            }
        }
        return 0;
    }

    @Override
    public void write(List<String> lines) throws IOException {
        for (String line : lines) {
            out.write(line);
            out.write('\n');
        }
        out.flush(); // a reader (trawl audit during the crawl) or a kill sees whole batches
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    /** What a replay read. */
    public record Replayed(long facts, boolean tornTail) {}

    /**
     * Reads {@code path} and gives each fact to {@code to}, in order.
     *
     * @return the facts read, and whether a torn last line (a write cut by a kill) was left out
     * @throws AuditInputException naming the file and line of a line that is not a fact, or a file that
     *     cannot be read
     */
    public static Replayed replay(Path path, Consumer<AuditEvent> to) {
        long facts = 0;
        try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String line = in.readLine();
            long number = 0;
            while (line != null) {
                number++;
                String next = in.readLine();
                if (!line.isBlank()) {
                    AuditEvent event;
                    try {
                        event = AuditLines.parse(line);
                    } catch (IllegalArgumentException e) {
                        if (next == null && !endsWithLineBreak(path)) {
                            return new Replayed(facts, true);
                        }
                        throw new AuditInputException(path + ":" + number + ": not an audit fact: " + e.getMessage());
                    }
                    if (facts == 0 && !(event instanceof AuditEvent.Start)) {
                        throw new AuditInputException(path + ":" + number
                                + ": an audit log starts with a 'start' line (the crawl's policy); is this a trawl"
                                + " audit log?");
                    }
                    to.accept(event);
                    facts++;
                }
                line = next;
            }
            return new Replayed(facts, false);
        } catch (NoSuchFileException e) {
            throw new AuditInputException("no such audit log: " + path);
        } catch (IOException e) {
            throw new AuditInputException("cannot read " + path + ": " + e.getMessage());
        }
    }

    private static boolean endsWithLineBreak(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            return completeLength(channel) == channel.size();
        }
    }
}
