package dev.trawl.job;

import dev.trawl.frontier.CrawlUrl;
import dev.trawl.frontier.Transition;
import dev.trawl.frontier.UrlNormalizer;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A job's append-only journal: one line per state transition, and now and then a commit line saying up to
 * where the transitions and the output belong together. Lines:
 *
 * <pre>
 * O depth attempt url [redirect-hop ...]   an offer that changed the state
 * R url                                    a URL to be tried again: its next attempt
 * C 1|0 url [link ...]                     a URL done (1: fetched), with its page's in-scope links
 * K journal-bytes output-bytes            a commit: transitions before byte journal-bytes match the
 *                                          output's first output-bytes bytes, both on disk
 * </pre>
 *
 * Normalized URLs hold no white space, so a space separates fields. A line cut by a crash has no newline and
 * is ignored, and so is everything after the last commit. Thread-safe: appends are serialized.
 */
final class Journal implements AutoCloseable {
    private final FileOutputStream file;
    private final Writer out;

    /** Writes go through a stream, which an interrupted appending thread cannot close (a channel's would). */
    private Journal(FileOutputStream file) {
        this.file = file;
        this.out = new BufferedWriter(new OutputStreamWriter(file, StandardCharsets.UTF_8), 1 << 16);
    }

    /** A journal at {@code path}, emptied. */
    static Journal create(Path path) throws IOException {
        return new Journal(new FileOutputStream(path.toFile(), false));
    }

    /** Appends one transition (buffered: {@link #flush} writes it to the file). */
    synchronized void append(Transition transition) {
        StringBuilder line = new StringBuilder(128);
        switch (transition) {
            case Transition.Offer offer -> {
                CrawlUrl url = offer.url();
                line.append("O ").append(url.depth()).append(' ').append(url.attempt()).append(' ').append(url.url());
                url.redirectChain().forEach(hop -> line.append(' ').append(hop));
            }
            case Transition.Complete done -> {
                line.append("C ").append(done.fetched() ? '1' : '0').append(' ').append(done.url());
                done.links().forEach(link -> line.append(' ').append(link));
            }
            case Transition.Retry retry -> line.append("R ").append(retry.url());
            case Transition.Lease lease -> throw new IllegalArgumentException("leases are not journaled");
            case Transition.Release release -> throw new IllegalArgumentException("releases are not journaled");
        }
        write(line.append('\n'));
    }

    /** Appends a commit line. */
    synchronized void commit(long journalBytes, long outputBytes) {
        write(new StringBuilder("K ").append(journalBytes).append(' ').append(outputBytes).append('\n'));
    }

    /** Writes what is buffered to the file and returns the journal's length. */
    synchronized long flush() throws IOException {
        out.flush();
        return file.getChannel().position();
    }

    /** Forces the file to the disk. */
    void force() throws IOException {
        file.getFD().sync();
    }

    private void write(CharSequence line) {
        try {
            out.append(line);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write the job's journal: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }

    /**
     * What a journal holds up to its last commit.
     *
     * @param transitions the committed transitions, in order
     * @param outputBytes the output's committed length, if there was a commit
     */
    record Committed(List<Transition> transitions, Optional<Long> outputBytes) {}

    /** Reads the committed part of the journal at {@code path} (empty if there is none). */
    static Committed read(Path path) throws IOException {
        if (!Files.exists(path)) {
            return new Committed(List.of(), Optional.empty());
        }
        List<Transition> all = new ArrayList<>();
        List<Long> ends = new ArrayList<>();
        long lastCommitJournal = -1;
        long lastCommitOutput = -1;
        int committedCount = 0;
        long offset = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(path),
                StandardCharsets.UTF_8), 1 << 16)) {
            // lines are read with their terminator, so a torn last line is told apart
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0) {
                if (c != '\n') {
                    line.append((char) c);
                    continue;
                }
                String text = line.toString();
                offset += text.getBytes(StandardCharsets.UTF_8).length + 1;
                line.setLength(0);
                if (text.startsWith("K ")) {
                    String[] f = text.split(" ");
                    lastCommitJournal = Long.parseLong(f[1]);
                    lastCommitOutput = Long.parseLong(f[2]);
                    int count = 0;
                    while (count < ends.size() && ends.get(count) <= lastCommitJournal) {
                        count++;
                    }
                    committedCount = count;
                } else {
                    all.add(parse(text));
                    ends.add(offset);
                }
            }
        } catch (RuntimeException e) {
            throw new IOException("journal " + path + " is damaged: " + e.getMessage(), e);
        }
        return new Committed(List.copyOf(all.subList(0, committedCount)),
                lastCommitOutput < 0 ? Optional.empty() : Optional.of(lastCommitOutput));
    }

    private static Transition parse(String line) {
        String[] f = line.split(" ");
        return switch (f[0]) {
            case "O" -> new Transition.Offer(new CrawlUrl(f[3], UrlNormalizer.hostKey(f[3]), Integer.parseInt(f[1]),
                    Arrays.asList(f).subList(4, f.length), Integer.parseInt(f[2])));
            case "R" -> new Transition.Retry(f[1]);
            case "C" -> new Transition.Complete(f[2], f[1].equals("1"), Arrays.asList(f).subList(3, f.length));
            default -> throw new IllegalArgumentException("unknown line: " + line.substring(0, Math.min(40, line.length())));
        };
    }
}
