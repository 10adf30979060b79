package dev.trawl.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trawl.config.OutputFormat;
import dev.trawl.fetch.WireExchange;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.netpreserve.jwarc.MessageVersion;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.Warcinfo;

/**
 * WARC 1.1 files with jwarc, each record its own gzip member ({@code .warc.gz}) or, for a {@code .warc}, the
 * records as they are, one after the other (no deflate: for CPU-bound crawls and files compressed later). Asked
 * for {@code NAME.warc.gz}, it writes {@code NAME-00000.warc.gz}, {@code NAME-00001.warc.gz}, … ({@code NAME.warc}:
 * {@code NAME-00000.warc}, …) — a new file once one passes the size limit, a {@code warcinfo} record first in
 * each — and the CDXJ index {@code NAME.cdxj} (one line per response, sorted, written at close), whose offset
 * and length are the response's gzip member, or in a {@code .warc} the record itself, trailing blank lines
 * included. Both kinds hold the same records: only the framing differs, in {@link #member} alone.
 *
 * <p>Per exchange: a {@code response} record (the head and the body exactly as received, still
 * content-encoded; a SHA-1 payload digest, which CDX indexes use; {@code WARC-Truncated: length} for a
 * body cut at the cap) and a {@code request} record concurrent to it. Block digests, optional in WARC,
 * are left out: SHA-1 over every block measured as a sixth of a loopback crawl's CPU. Per crawl record: a {@code metadata} record holding
 * the record as JSON ({@value #RECORD_TYPE}), so that {@code trawl export} can give back what the crawl
 * knew beyond the HTTP exchange (depth, attempts, errors). Not thread-safe (see {@link BackgroundSink}).
 *
 * <p>Where the CPU goes (a loopback crawl, profiled): deflate, then the payload digest, then the headers.
 * So the gzip members and digests are made by a {@link MemberCodec} (native where the machine allows), small
 * records and bodies compressed already are stored in their members ({@link StoredMember}), the
 * headers by {@link WarcHeaders} (jwarc builds each file's {@code warcinfo} only); the header and the block
 * arrays the exchange already holds go to the codec as they are (no serialized copy of the record), and the gzip
 * members collect in a buffer written to the file in large pieces rather than a few system calls per
 * record. What is buffered reaches the file when the buffer fills, when the writer has been idle for
 * {@link #FLUSH_NANOS}, before a job's commit ({@link #position}) and at close.
 */
final class WarcFileWriter implements RecordWriter {
    /** The content type of the metadata record that holds a crawl record. */
    static final String RECORD_TYPE = "application/vnd.trawl.record+json";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] DIGEST_PREFIX = "sha1:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RECORD_END = {'\r', '\n', '\r', '\n'};
    private static final byte[] NO_BYTES = new byte[0];
    private static final int BUFFER_BYTES = 256 * 1024;
    private static final long FLUSH_NANOS = TimeUnit.SECONDS.toNanos(1);
    /**
     * Records shorter than this (a request, a record's metadata, a robots.txt or redirect response) are stored
     * in their gzip member, not compressed: libdeflate's fixed cost per member (~6 us, clearing a 128 KB hash
     * table) was a sixth of the WARC writer's CPU on the simulated web, two such records a page, to save
     * ~500 bytes of a page's ~5 KB in the file.
     */
    static final int STORED_BELOW = 2048;

    private final Path directory;
    /** {@link OutputFormat#WARC_GZ} or {@link OutputFormat#WARC}: the files' extension and framing. */
    private final OutputFormat format;
    private final String stem;
    private final long maxSize;
    private final Map<String, List<String>> info;
    /** Exchanges of pages whose record is still to come, by URL. */
    private final Map<String, List<WireExchange>> held = new HashMap<>();
    private final Path indexPath;
    private FileOutputStream indexFile;
    private OutputStream index;
    private final CdxjLine line = new CdxjLine();
    /** The current file's name as its index lines' last field ({@link CdxjLine#lastField}). */
    private byte[] fileNameField;
    private final MemberCodec codec;
    private final WarcHeaders headers = new WarcHeaders();
    private final StoredMember stored = new StoredMember();
    /**
     * Gzip members not yet written to {@link #file}; it holds {@code buffer.position()} bytes. A member
     * larger than it (a body of megabytes) gets a buffer of its own size until written.
     */
    private ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
    private int sequence = -1;
    private String fileName;
    private FileChannel file;
    /** Bytes of the current file already written to its channel. */
    private long written;
    private long lastFlush = System.nanoTime();

    /**
     * @param path the name asked for, ending {@code .warc.gz} or {@code .warc} (which picks the framing)
     * @param maxSize a file is closed once it is this long
     * @param info the {@code warcinfo} fields (software, robots policy, user agent…)
     */
    WarcFileWriter(Path path, long maxSize, Map<String, List<String>> info) throws IOException {
        this(path, maxSize, info, false, MemberCodec.best());
    }

    /** With the given codec (tests compare the native one with the JDK's). */
    WarcFileWriter(Path path, long maxSize, Map<String, List<String>> info, MemberCodec codec) throws IOException {
        this(path, maxSize, info, false, codec);
    }

    private static final int OFFSET_BITS = 40;
    private static final long OFFSET_MASK = (1L << OFFSET_BITS) - 1;

    /** A position: file {@code sequence} ({@code NAME-SEQUENCE.warc.gz}, or {@code .warc}) at byte {@code offset}, in one long. */
    static long at(int sequence, long offset) {
        if (offset > OFFSET_MASK || sequence < 0) {
            throw new IllegalArgumentException("no WARC position for file " + sequence + " at " + offset);
        }
        return ((long) sequence << OFFSET_BITS) | offset;
    }

    static int sequenceOf(long position) {
        return (int) (position >>> OFFSET_BITS);
    }

    static long offsetOf(long position) {
        return position & OFFSET_MASK;
    }

    /**
     * A writer going on from {@code committed} (a {@link #position}): files begun after it are deleted, the
     * file it names is cut back to its offset and written on (or begun, at offset 0), and the index keeps
     * the lines of the responses before it.
     *
     * @throws IOException if the file is shorter than the position (changed or lost since), or cannot be cut
     */
    static WarcFileWriter resume(Path path, long maxSize, Map<String, List<String>> info, long committed)
            throws IOException {
        int sequence = sequenceOf(committed);
        long offset = offsetOf(committed);
        Path directory = path.toAbsolutePath().getParent();
        String stem = stem(path);
        String extension = warcFormat(path).extension();
        try (var files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                int n = sequenceOfFile(stem, extension, file.getFileName().toString());
                if (n > sequence || (n == sequence && offset == 0)) {
                    Files.delete(file);
                }
            }
        }
        Path indexPath = directory.resolve(stem + ".cdxj");
        List<String> kept = new ArrayList<>();
        if (Files.exists(indexPath)) {
            for (String line : Files.readAllLines(indexPath, StandardCharsets.UTF_8)) {
                if (indexedBefore(stem, extension, line, sequence, offset)) {
                    kept.add(line);
                }
            }
        }
        Files.write(indexPath, kept, StandardCharsets.UTF_8);
        WarcFileWriter writer = new WarcFileWriter(path, maxSize, info, true, MemberCodec.best());
        if (offset > 0) {
            String name = fileName(stem, extension, sequence);
            FileChannel file = FileChannel.open(directory.resolve(name), StandardOpenOption.WRITE);
            if (file.size() < offset) {
                long size = file.size();
                file.close();
                throw new IOException(name + " holds " + size + " bytes, fewer than the job committed (" + offset
                        + "): it was changed or lost since");
            }
            file.truncate(offset);
            file.force(true);
            file.position(offset);
            writer.file = file;
            writer.written = offset;
            writer.fileName = name;
            writer.fileNameField = CdxjLine.lastField(CdxjLine.Field.FILENAME, name);
            writer.sequence = sequence;
        } else {
            writer.sequence = sequence - 1;
        }
        return writer;
    }

    /** {@code append}: the index is appended to ({@link #resume}), not begun again. */
    private WarcFileWriter(Path path, long maxSize, Map<String, List<String>> info, boolean append,
            MemberCodec codec) throws IOException {
        this.codec = codec;
        this.directory = path.toAbsolutePath().getParent();
        this.format = warcFormat(path);
        this.stem = stem(path);
        this.maxSize = maxSize;
        this.info = new LinkedHashMap<>(info);
        this.indexPath = directory.resolve(stem + ".cdxj");
        openIndex(append);
    }

    private void openIndex(boolean append) throws IOException {
        indexFile = new FileOutputStream(indexPath.toFile(), append);
        index = new BufferedOutputStream(indexFile, 1 << 16);
    }

    /** The WARC format {@code path} names by its extension. */
    private static OutputFormat warcFormat(Path path) {
        OutputFormat format = OutputFormat.of(path);
        if (!format.isWarc()) {
            throw new IllegalArgumentException("not a WARC output: " + path);
        }
        return format;
    }

    private static String fileName(String stem, String extension, int sequence) {
        // not String.format: its first %d loads the JDK's locale data, some 50 ms of a short crawl's CPU
        String digits = Integer.toString(sequence);
        return stem + "-" + "0".repeat(Math.max(0, 5 - digits.length())) + digits + extension;
    }

    /**
     * The sequence number of {@code name} if it is one of {@code stem}'s WARC files, else -1: five digits or more,
     * as {@link #fileName} writes them past 99,999.
     */
    private static int sequenceOfFile(String stem, String extension, String name) {
        String prefix = stem + "-";
        if (!name.startsWith(prefix) || !name.endsWith(extension)) {
            return -1;
        }
        String digits = name.substring(prefix.length(), name.length() - extension.length());
        return digits.length() >= 5 && digits.length() <= 9 && digits.chars().allMatch(c -> c >= '0' && c <= '9')
                ? Integer.parseInt(digits) : -1;
    }

    /** The WARC files a crawl asked to write {@code path} wrote, in order; none if there are none. */
    static List<Path> written(Path path) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        String stem = stem(path);
        String extension = warcFormat(path).extension();
        try (var files = Files.list(dir)) {
            // by number, not by name: past 99,999 the names grow a digit, and crawl-100000 sorts before crawl-99999
            return files.filter(file -> sequenceOfFile(stem, extension, file.getFileName().toString()) >= 0)
                    .sorted(Comparator.comparingInt(file -> sequenceOfFile(stem, extension, file.getFileName().toString())))
                    .toList();
        }
    }

    /** Whether an index line names a record before file {@code sequence}, offset {@code offset}; false if torn. */
    private static boolean indexedBefore(String stem, String extension, String line, int sequence, long offset) {
        int brace = line.indexOf('{');
        if (brace < 0) {
            return false;
        }
        try {
            com.fasterxml.jackson.databind.JsonNode json = JSON.readTree(line.substring(brace));
            int n = sequenceOfFile(stem, extension, json.path("filename").asText(""));
            long at = Long.parseLong(json.path("offset").asText("-1"));
            return n >= 0 && at >= 0 && (n < sequence || (n == sequence && at < offset));
        } catch (IOException | NumberFormatException e) {
            return false; // a line cut by a crash
        }
    }

    /** {@code crawl} for {@code dir/crawl.warc.gz} (or {@code dir/crawl.warc}). */
    static String stem(Path path) {
        String name = path.getFileName().toString();
        return name.substring(0, name.length() - warcFormat(path).extension().length());
    }

    /** The files a crawl asked to write {@code path} creates: the first WARC file and the index. */
    static List<Path> files(Path path) {
        Path dir = path.toAbsolutePath().getParent();
        return List.of(dir.resolve(fileName(stem(path), warcFormat(path).extension(), 0)),
                dir.resolve(stem(path) + ".cdxj"));
    }

    @Override
    public String name() {
        return directory.resolve(fileName == null ? fileName(stem, format.extension(), 0) : fileName).toString();
    }

    @Override
    public boolean archives() {
        return true;
    }

    @Override
    public void archive(WireExchange exchange) throws IOException {
        archive(exchange, WarcHeaders.value("WARC-Target-URI", exchange.url()));
    }

    /** {@link #archive(WireExchange)} with the exchange's URL as header bytes already ({@link WarcHeaders#value}). */
    private void archive(WireExchange exchange, byte[] target) throws IOException {
        open();
        String url = exchange.url();
        byte[] head = exchange.responseHead();
        byte[] body = exchange.body();
        byte[] payloadDigest = base32(codec.sha1(body));
        byte[] responseId = headers.newId();
        byte[] responseHeader = headers.response(responseId, target, exchange.startedAt(), exchange.ip(),
                payloadDigest, exchange.truncated(), head.length + (long) body.length);
        byte[] requestHead = exchange.requestHead();
        byte[] requestHeader = headers.request(headers.newId(), responseId, target, exchange.startedAt(),
                exchange.ip(), requestHead.length);

        ResponseHead fields = ResponseHead.of(head);
        long offset = offset();
        if (format.gzipsRecords() && fields.compressed()) {
            stored.write(this::room, responseHeader, head, body, RECORD_END);
        } else {
            member(responseHeader, head, body);
        }
        long length = offset() - offset;
        member(requestHeader, requestHead, NO_BYTES);
        cdxj(url, exchange.startedAt(), fields, payloadDigest, offset, length);
        rotateIfFull();
    }

    /** Holds the exchange of a page until its record, then writes both (see the class comment). */
    @Override
    public void hold(WireExchange exchange) {
        held.computeIfAbsent(exchange.url(), url -> new ArrayList<>(1)).add(exchange);
    }

    @Override
    public void write(RecordJson shared) throws IOException {
        CrawlRecord record = shared.record();
        // the page's URL as header bytes once, for its response, its request and this metadata record: the held
        // exchanges are the ones requested for this URL (held under it)
        byte[] target = WarcHeaders.value("WARC-Target-URI", record.url());
        List<WireExchange> exchanges = held.remove(record.url());
        if (exchanges != null) {
            for (WireExchange exchange : exchanges) {
                archive(exchange, target);
            }
        }
        open();
        byte[] json = shared.json();
        member(headers.metadata(headers.newId(), target, record.fetchedAt(), RECORD_TYPE, json.length), json,
                NO_BYTES);
        rotateIfFull();
    }

    private static final byte[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".getBytes(StandardCharsets.US_ASCII);

    /**
     * A digest in RFC 4648 base 32, ASCII, as WARC's {@code sha1:} digests are written (jwarc's
     * {@code WarcDigest} does the same, but looks its algorithm up in the security providers per record).
     */
    static byte[] base32(byte[] digest) {
        byte[] text = new byte[(digest.length + 4) / 5 * 8];
        int at = 0;
        int buffer = 0;
        int bits = 0;
        for (byte b : digest) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                text[at++] = BASE32[(buffer >>> (bits - 5)) & 31];
                bits -= 5;
            }
        }
        if (bits > 0) {
            text[at++] = BASE32[(buffer << (5 - bits)) & 31];
        }
        while (at < text.length) {
            text[at++] = '='; // none for a SHA-1's 160 bits
        }
        return text;
    }

    /**
     * Appends the index line of one response: SURT, timestamp, and the JSON fields pywb's CDXJ has, in UTF-8
     * ({@link CdxjLine}).
     */
    private void cdxj(String url, Instant date, ResponseHead fields, byte[] digest, long offset, long length)
            throws IOException {
        line.begin(Surt.of(url), headers.cdxTimestamp(date));
        line.field(CdxjLine.Field.URL, url);
        if (fields.mediaType().isPresent()) {
            line.field(CdxjLine.Field.MIME, fields.mediaType().get());
        }
        line.field(CdxjLine.Field.STATUS, fields.status());
        line.field(CdxjLine.Field.DIGEST, DIGEST_PREFIX, digest);
        line.field(CdxjLine.Field.LENGTH, length);
        line.field(CdxjLine.Field.OFFSET, offset);
        line.end(fileNameField);
        line.writeTo(index);
    }

    private void open() throws IOException {
        if (file != null) {
            return;
        }
        sequence++;
        fileName = fileName(stem, format.extension(), sequence);
        fileNameField = CdxjLine.lastField(CdxjLine.Field.FILENAME, fileName);
        file = FileChannel.open(directory.resolve(fileName), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        written = 0;
        WarcRecord warcinfo = new Warcinfo.Builder()
                .version(MessageVersion.WARC_1_1)
                .filename(fileName)
                .fields(info)
                .build();
        member(warcinfo.serializeHeader(), warcinfo.body().stream().readAllBytes(), NO_BYTES);
    }

    /** Where the next record begins in the current file. */
    private long offset() {
        return written + buffer.position();
    }

    /**
     * Appends one record: its header, its block (given in two parts, so that a response's head and body need
     * not be joined), and the blank lines that end a record; in a {@code .warc} as they are, in a
     * {@code .warc.gz} as one gzip member. A record under {@value #STORED_BELOW} bytes is stored in its
     * member, not compressed (see {@link #STORED_BELOW}).
     */
    private void member(byte[] header, byte[] block, byte[] blockRest) throws IOException {
        if (!format.gzipsRecords()) {
            for (byte[] part : new byte[][] {header, block, blockRest, RECORD_END}) {
                room(part.length).put(part);
            }
        } else if (header.length + block.length + blockRest.length + RECORD_END.length < STORED_BELOW) {
            stored.write(this::room, header, block, blockRest, RECORD_END);
        } else {
            codec.member(this::room, header, block, blockRest, RECORD_END);
        }
    }

    /** Makes sure {@code bytes} fit in the buffer, writing it out if they do not. */
    private ByteBuffer room(int bytes) throws IOException {
        if (buffer.remaining() < bytes) {
            flushBuffer();
            if (buffer.capacity() < bytes) {
                buffer = ByteBuffer.allocate(bytes);
            }
        }
        return buffer;
    }

    /**
     * Writes the buffered records out, and the index lines that point at them: the index follows its records,
     * never a write per record (a rotation's last records included, which no idle flush reaches once the file is
     * closed).
     */
    private void flushBuffer() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            written += file.write(buffer);
        }
        index.flush();
        buffer.clear();
        if (buffer.capacity() > BUFFER_BYTES) {
            buffer = ByteBuffer.allocate(BUFFER_BYTES);
        }
        lastFlush = System.nanoTime();
    }

    /** A full file is forced and closed (a job's commit after it names the next file only). */
    private void rotateIfFull() throws IOException {
        if (offset() >= maxSize) {
            flushBuffer();
            file.force(false);
            file.close();
            file = null;
        }
    }

    @Override
    public void idle(long nanoTime) throws IOException {
        if (file != null && buffer.position() > 0 && nanoTime - lastFlush >= FLUSH_NANOS) {
            flushBuffer();
        }
    }

    /** Where the next record goes: the open file and its length, or the start of the next file. */
    @Override
    public long position() throws IOException {
        if (file != null) {
            flushBuffer();
        }
        index.flush();
        return file == null ? at(sequence + 1, 0) : at(sequence, written);
    }

    @Override
    public void force() throws IOException {
        if (file != null) {
            flushBuffer();
            file.force(false);
        }
        index.flush();
        indexFile.getFD().sync();
    }

    /**
     * Closes the file and sorts the index (written to a new file and renamed, so a crash leaves the whole
     * index, sorted or not). Exchanges still held belong to requests cancelled by a stop: a job makes them
     * again, so they are not written.
     */
    @Override
    public void close() throws IOException {
        held.clear();
        try {
            codec.close();
            if (file != null) {
                try {
                    flushBuffer();
                } finally {
                    file.close();
                    file = null;
                }
            }
        } finally {
            index.close();
            CdxjLine.sort(indexPath);
        }
    }
}
