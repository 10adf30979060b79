package dev.trawl.sink;

import dev.trawl.config.CrawlConfig;
import dev.trawl.config.FieldRule;
import dev.trawl.config.OutputFormat;
import dev.trawl.fetch.WireExchange;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every output of one crawl, as one {@link Sink}: each file in the format its extension names, each on a
 * writer thread of its own ({@link BackgroundSink}), all given the same records. Opening checks every
 * output first and refuses, naming the file, to replace one that exists unless {@code overwrite} is set.
 * Thread-safe.
 */
public final class Outputs implements Sink {
    private final List<BackgroundSink> sinks;
    private final boolean archives;

    private Outputs(List<BackgroundSink> sinks) {
        this.sinks = List.copyOf(sinks);
        this.archives = sinks.stream().anyMatch(Sink::archives);
    }

    /**
     * Opens the outputs {@code output} names, with a column or table row for each of {@code fields}.
     *
     * @param warcInfo the {@code warcinfo} fields of a WARC output (software, user agent, robots policy)
     * @throws OutputExistsException if an output exists and {@code overwrite} is not set (nothing is opened)
     * @throws UncheckedIOException if an output cannot be created
     */
    public static Outputs open(CrawlConfig.Output output, List<FieldRule> fields, Map<String, List<String>> warcInfo) {
        if (!output.overwrite()) {
            for (Path out : output.outs()) {
                for (Path file : filesOf(out)) {
                    if (Files.exists(file)) {
                        throw new OutputExistsException(file);
                    }
                }
            }
        }
        List<String> names = fields.stream().map(FieldRule::name).toList();
        List<BackgroundSink> sinks = new ArrayList<>();
        for (Path out : output.outs()) {
            try {
                sinks.add(new BackgroundSink(writer(out, output, names, warcInfo),
                        threadName(OutputFormat.of(out))));
            } catch (IOException e) {
                closeQuietly(sinks);
                throw new UncheckedIOException("cannot create output " + out + ": " + e, e);
            }
        }
        return new Outputs(sinks);
    }

    /**
     * A job's one output, to go on with. A JSON Lines or CSV file is cut back to {@code committed} bytes
     * (what was written after the job's last commit belongs to URLs that will be crawled again), then
     * appended to; a CSV file keeps the header row it has (one is written if nothing was committed). A
     * SQLite database is kept whole, and a URL written again replaces its rows. A WARC output's files and
     * index are cut back to the committed file and offset, and the file that was open is written on.
     *
     * @param warcInfo the {@code warcinfo} fields of a WARC file begun from here
     * @throws UncheckedIOException if the file is shorter than {@code committed} (changed or lost) or cannot
     *     be opened
     * @throws IllegalArgumentException for an output a job cannot resume (standard output, more than one)
     */
    public static Outputs resume(CrawlConfig.Output output, List<FieldRule> fields, long committed,
            Map<String, List<String>> warcInfo) {
        if (output.outs().size() != 1 || OutputFormat.isStandardOutput(output.outs().get(0))) {
            throw new IllegalArgumentException("a job resumes one output file, not " + output.outs());
        }
        Path out = output.outs().get(0);
        OutputFormat format = OutputFormat.of(out);
        try {
            RecordWriter writer = switch (format) {
                case JSONL -> {
                    cutBack(out, committed);
                    yield jsonlFile(out, true);
                }
                case CSV -> {
                    cutBack(out, committed);
                    yield csvFile(out, true, committed == 0, fields.stream().map(FieldRule::name).toList(),
                            output.csvFormulaGuard());
                }
                case SQLITE -> SqliteWriter.resume(out);
                case WARC, WARC_GZ -> WarcFileWriter.resume(out, output.warcMaxSize(), warcInfo, committed);
            };
            return new Outputs(List.of(new BackgroundSink(writer, threadName(format))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resume output " + out + ": " + e.getMessage(), e);
        }
    }

    /** {@code jsonl}, {@code warc.gz}: the end of an output thread's name. */
    private static String threadName(OutputFormat format) {
        return format.extension().substring(1);
    }

    private static void cutBack(Path out, long committed) throws IOException {
        try (FileChannel channel = FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            if (channel.size() < committed) {
                throw new IOException("it holds " + channel.size() + " bytes, fewer than the job committed ("
                        + committed + "): it was changed or lost since");
            }
            channel.truncate(committed);
            channel.force(true);
        }
    }

    /**
     * A JSON Lines file written through a stream, not its channel: a stream write cannot be interrupted, so
     * a stop cannot close the file under the writer; the channel only reports the length and syncs.
     */
    private static JsonlWriter jsonlFile(Path out, boolean append) throws IOException {
        FileOutputStream file = new FileOutputStream(out.toFile(), append);
        return new JsonlWriter(out.toString(), new BufferedOutputStream(file, 1 << 16),
                java.util.Optional.of(file.getChannel()));
    }

    /** A CSV file, written through a stream as {@link #jsonlFile} is. */
    private static CsvWriter csvFile(Path out, boolean append, boolean header, List<String> fields, boolean guard)
            throws IOException {
        FileOutputStream file = new FileOutputStream(out.toFile(), append);
        return new CsvWriter(out.toString(), new BufferedOutputStream(file, 1 << 16),
                java.util.Optional.of(file.getChannel()), header, fields, guard);
    }

    /** The only output's length, for a job's commit (a job keeps one output). */
    @Override
    public long flushedPosition() {
        if (sinks.size() != 1) {
            throw new UnsupportedOperationException("a job keeps one output, not " + sinks.size());
        }
        return sinks.get(0).flushedPosition();
    }

    @Override
    public void force() {
        sinks.forEach(Sink::force);
    }

    /**
     * The WARC files a crawl asked to write {@code out} wrote ({@code NAME.warc.gz}: {@code NAME-00000.warc.gz},
     * …; {@code NAME.warc}: {@code NAME-00000.warc}, …), in order; none if {@code out} names no WARC output or
     * they are not there.
     */
    public static List<Path> warcFilesWritten(Path out) {
        if (OutputFormat.find(out).filter(OutputFormat::isWarc).isEmpty()) {
            return List.of();
        }
        try {
            return WarcFileWriter.written(out);
        } catch (IOException e) {
            return List.of(); // its directory cannot be read: as good as not there
        }
    }

    /** The files writing {@code out} creates (for a WARC, its first file and its index). */
    static List<Path> filesOf(Path out) {
        if (OutputFormat.isStandardOutput(out)) {
            return List.of();
        }
        if (OutputFormat.of(out).isWarc()) {
            return WarcFileWriter.files(out);
        }
        return List.of(out);
    }

    private static RecordWriter writer(Path out, CrawlConfig.Output output, List<String> fields,
            Map<String, List<String>> warcInfo) throws IOException {
        if (OutputFormat.isStandardOutput(out)) {
            // not System.out: a PrintStream swallows write errors, and a closed pipe must stop the crawl
            return new JsonlWriter("standard output", new BufferedOutputStream(new FileOutputStream(FileDescriptor.out) {
                @Override
                public void close() throws IOException {
                    flush(); // standard output stays open for whoever prints after the crawl
                }
            }, 1 << 16));
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return switch (OutputFormat.of(out)) {
            case JSONL -> jsonlFile(out, false);
            case CSV -> csvFile(out, false, true, fields, output.csvFormulaGuard());
            case SQLITE -> {
                Files.deleteIfExists(out); // only reached with overwrite, or when it did not exist
                Files.deleteIfExists(Path.of(out + "-wal"));
                Files.deleteIfExists(Path.of(out + "-shm"));
                yield SqliteWriter.create(out);
            }
            case WARC, WARC_GZ -> new WarcFileWriter(out, output.warcMaxSize(), warcInfo);
        };
    }

    /** Gives {@code record} to every output, its JSON text made once for the JSONL and WARC ones ({@link RecordJson}). */
    @Override
    public void write(CrawlRecord record) {
        RecordJson shared = new RecordJson(record);
        for (BackgroundSink sink : sinks) {
            sink.write(shared);
        }
    }

    @Override
    public void archive(WireExchange exchange) {
        for (Sink sink : sinks) {
            if (sink.archives()) {
                sink.archive(exchange);
            }
        }
    }

    @Override
    public void archiveForRecord(WireExchange exchange) {
        for (Sink sink : sinks) {
            if (sink.archives()) {
                sink.archiveForRecord(exchange);
            }
        }
    }

    @Override
    public boolean archives() {
        return archives;
    }

    @Override
    public void flush() {
        sinks.forEach(Sink::flush);
    }

    /**
     * Closes every output, each left valid; then throws the first failure: an {@link OutputFailedException}
     * if an output failed while the crawl wrote to it, else the first {@link IOException} of a close.
     */
    @Override
    public void close() throws IOException {
        IOException closeFailure = null;
        OutputFailedException writeFailure = null;
        for (Sink sink : sinks) {
            try {
                sink.close();
            } catch (IOException e) {
                closeFailure = closeFailure == null ? e : closeFailure;
            } catch (OutputFailedException e) {
                writeFailure = writeFailure == null ? e : writeFailure;
            }
        }
        if (writeFailure != null) {
            throw writeFailure;
        }
        if (closeFailure != null) {
            throw closeFailure;
        }
    }

    private static void closeQuietly(List<BackgroundSink> sinks) {
        for (Sink sink : sinks) {
            try {
                sink.close();
            } catch (IOException | RuntimeException ignored) {
                // already failing to open; the first error is the one reported
            }
        }
    }
}
