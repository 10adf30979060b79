package dev.trawl.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trawl.fetch.WireExchange;
import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.MessageVersion;
import org.netpreserve.jwarc.URIs;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcDigest;
import org.netpreserve.jwarc.WarcMetadata;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcRequest;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcTruncationReason;
import org.netpreserve.jwarc.WarcWriter;
import org.netpreserve.jwarc.Warcinfo;

/**
 * WARC 1.1 files with jwarc, each record its own gzip member. Asked for {@code NAME.warc.gz}, it writes
 * {@code NAME-00000.warc.gz}, {@code NAME-00001.warc.gz}, … — a new file once one passes the size limit,
 * a {@code warcinfo} record first in each — and the CDXJ index {@code NAME.cdxj} (one line per response,
 * sorted, written at close).
 *
 * <p>Per exchange: a {@code response} record (the head and the body exactly as received, still
 * content-encoded; a SHA-1 payload digest, which CDX indexes use; {@code WARC-Truncated: length} for a
 * body cut at the cap) and a {@code request} record concurrent to it. Block digests, optional in WARC,
 * are left out: SHA-1 over every block measured as a sixth of a loopback crawl's CPU. Per crawl record: a {@code metadata} record holding
 * the record as JSON ({@value #RECORD_TYPE}), so that {@code trawl export} can give back what the crawl
 * knew beyond the HTTP exchange (depth, attempts, errors). Not thread-safe (see {@link BackgroundSink}).
 */
final class WarcFileWriter implements RecordWriter {
    /** The content type of the metadata record that holds a crawl record. */
    static final String RECORD_TYPE = "application/vnd.trawl.record+json";

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * jwarc's own gzip writer compresses at level 9, which cost a loopback crawl a third of its pages/s;
     * level 1 keeps HTML to about a quarter of its size at several times the speed.
     */
    private static final int GZIP_LEVEL = 1;
    private static final byte[] GZIP_HEADER = {0x1f, (byte) 0x8b, Deflater.DEFLATED, 0, 0, 0, 0, 0, 0, (byte) 0xff};

    private final Path directory;
    private final String stem;
    private final long maxSize;
    private final Map<String, List<String>> info;
    /** Exchanges of pages whose record is still to come, by URL. */
    private final Map<String, List<WireExchange>> held = new HashMap<>();
    private final Path indexPath;
    private FileOutputStream indexFile;
    private Writer index;
    /** Each record is first written here uncompressed, then gzipped as a member of its own. */
    private final ByteArrayOutputStream plainBytes = new ByteArrayOutputStream(64 * 1024);
    private final WarcWriter plain;
    private final Deflater deflater = new Deflater(GZIP_LEVEL, true);
    private final CRC32 crc = new CRC32();
    private final byte[] deflated = new byte[64 * 1024];
    private int sequence = -1;
    private String fileName;
    private FileChannel file;

    /**
     * @param path the name asked for, ending {@code .warc.gz}
     * @param maxSize a file is closed once it is this long
     * @param info the {@code warcinfo} fields (software, robots policy, user agent…)
     */
    WarcFileWriter(Path path, long maxSize, Map<String, List<String>> info) throws IOException {
        this(path, maxSize, info, false);
    }

    private static final int OFFSET_BITS = 40;
    private static final long OFFSET_MASK = (1L << OFFSET_BITS) - 1;

    /** A position: file {@code sequence} ({@code NAME-SEQUENCE.warc.gz}) at byte {@code offset}, in one long. */
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
        try (var files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                int n = sequenceOfFile(stem, file.getFileName().toString());
                if (n > sequence || (n == sequence && offset == 0)) {
                    Files.delete(file);
                }
            }
        }
        Path indexPath = directory.resolve(stem + ".cdxj");
        List<String> kept = new ArrayList<>();
        if (Files.exists(indexPath)) {
            for (String line : Files.readAllLines(indexPath, StandardCharsets.UTF_8)) {
                if (indexedBefore(stem, line, sequence, offset)) {
                    kept.add(line);
                }
            }
        }
        Files.write(indexPath, kept, StandardCharsets.UTF_8);
        WarcFileWriter writer = new WarcFileWriter(path, maxSize, info, true);
        if (offset > 0) {
            String name = fileName(stem, sequence);
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
            writer.fileName = name;
            writer.sequence = sequence;
        } else {
            writer.sequence = sequence - 1;
        }
        return writer;
    }

    /** {@code append}: the index is appended to ({@link #resume}), not begun again. */
    private WarcFileWriter(Path path, long maxSize, Map<String, List<String>> info, boolean append) throws IOException {
        this.plain = new WarcWriter(Channels.newChannel(plainBytes), WarcCompression.NONE);
        this.directory = path.toAbsolutePath().getParent();
        this.stem = stem(path);
        this.maxSize = maxSize;
        this.info = new LinkedHashMap<>(info);
        this.indexPath = directory.resolve(stem + ".cdxj");
        openIndex(append);
    }

    private void openIndex(boolean append) throws IOException {
        indexFile = new FileOutputStream(indexPath.toFile(), append);
        index = new java.io.BufferedWriter(new java.io.OutputStreamWriter(indexFile, StandardCharsets.UTF_8), 1 << 16);
    }

    private static String fileName(String stem, int sequence) {
        return String.format(Locale.ROOT, "%s-%05d.warc.gz", stem, sequence);
    }

    /** The sequence number of {@code name} if it is one of {@code stem}'s WARC files, else -1. */
    private static int sequenceOfFile(String stem, String name) {
        String prefix = stem + "-";
        if (!name.startsWith(prefix) || !name.endsWith(".warc.gz")) {
            return -1;
        }
        String digits = name.substring(prefix.length(), name.length() - ".warc.gz".length());
        return digits.length() == 5 && digits.chars().allMatch(Character::isDigit) ? Integer.parseInt(digits) : -1;
    }

    /** Whether an index line names a record before file {@code sequence}, offset {@code offset}; false if torn. */
    private static boolean indexedBefore(String stem, String line, int sequence, long offset) {
        int brace = line.indexOf('{');
        if (brace < 0) {
            return false;
        }
        try {
            com.fasterxml.jackson.databind.JsonNode json = JSON.readTree(line.substring(brace));
            int n = sequenceOfFile(stem, json.path("filename").asText(""));
            long at = Long.parseLong(json.path("offset").asText("-1"));
            return n >= 0 && at >= 0 && (n < sequence || (n == sequence && at < offset));
        } catch (IOException | NumberFormatException e) {
            return false; // a line cut by a crash
        }
    }

    /** {@code crawl} for {@code dir/crawl.warc.gz}. */
    static String stem(Path path) {
        String name = path.getFileName().toString();
        return name.substring(0, name.length() - ".warc.gz".length());
    }

    /** The files a crawl asked to write {@code path} creates: the first WARC file and the index. */
    static List<Path> files(Path path) {
        Path dir = path.toAbsolutePath().getParent();
        return List.of(dir.resolve(stem(path) + "-00000.warc.gz"), dir.resolve(stem(path) + ".cdxj"));
    }

    @Override
    public String name() {
        return fileName == null ? directory.resolve(stem + "-00000.warc.gz").toString()
                : directory.resolve(fileName).toString();
    }

    @Override
    public boolean archives() {
        return true;
    }

    @Override
    public void archive(WireExchange exchange) throws IOException {
        open();
        String url = exchange.url();
        byte[] block = new byte[exchange.responseHead().length + exchange.body().length];
        System.arraycopy(exchange.responseHead(), 0, block, 0, exchange.responseHead().length);
        System.arraycopy(exchange.body(), 0, block, exchange.responseHead().length, exchange.body().length);
        WarcDigest payloadDigest = sha1(exchange.body());
        WarcResponse.Builder response = new WarcResponse.Builder(url)
                .date(exchange.startedAt())
                .payloadDigest(payloadDigest)
                .body(MediaType.HTTP_RESPONSE, block);
        exchange.ip().ifPresent(response::ipAddress);
        if (exchange.truncated()) {
            response.truncated(WarcTruncationReason.LENGTH);
        }
        WarcResponse built = response.build();
        WarcRequest.Builder request = new WarcRequest.Builder(url)
                .date(exchange.startedAt())
                .concurrentTo(built.id())
                .body(MediaType.HTTP_REQUEST, exchange.requestHead());
        exchange.ip().ifPresent(request::ipAddress);

        long offset = file.position();
        write(built);
        long length = file.position() - offset;
        write(request.build());
        index.write(cdxj(exchange, payloadDigest, offset, length));
        index.write('\n');
        rotateIfFull();
    }

    /** Holds the exchange of a page until its record, then writes both (see the class comment). */
    @Override
    public void hold(WireExchange exchange) {
        held.computeIfAbsent(exchange.url(), url -> new ArrayList<>(1)).add(exchange);
    }

    @Override
    public void write(CrawlRecord record) throws IOException {
        List<WireExchange> exchanges = held.remove(record.url());
        if (exchanges != null) {
            for (WireExchange exchange : exchanges) {
                archive(exchange);
            }
        }
        open();
        WarcMetadata metadata = new WarcMetadata.Builder()
                .targetURI(record.url())
                .date(record.fetchedAt())
                .body(MediaType.parse(RECORD_TYPE), RecordCodec.bytes(record))
                .build();
        write(metadata);
        rotateIfFull();
    }

    private String cdxj(WireExchange exchange, WarcDigest digest, long offset, long length) {
        ObjectNode json = JSON.createObjectNode().put("url", exchange.url());
        contentType(exchange.responseHead()).ifPresent(mime -> json.put("mime", mime));
        json.put("status", Integer.toString(exchange.status()))
                .put("digest", "sha1:" + digest.base32())
                .put("length", Long.toString(length))
                .put("offset", Long.toString(offset))
                .put("filename", fileName);
        return URIs.toNormalizedSurt(exchange.url()) + " " + TIMESTAMP.format(exchange.startedAt()) + " " + json;
    }

    private static java.util.Optional<String> contentType(byte[] head) {
        for (String line : new String(head, StandardCharsets.ISO_8859_1).split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase("Content-Type")) {
                String value = line.substring(colon + 1).strip();
                int semicolon = value.indexOf(';');
                return java.util.Optional.of((semicolon < 0 ? value : value.substring(0, semicolon)).strip()
                        .toLowerCase(Locale.ROOT));
            }
        }
        return java.util.Optional.empty();
    }

    private void open() throws IOException {
        if (file != null) {
            return;
        }
        sequence++;
        fileName = fileName(stem, sequence);
        file = FileChannel.open(directory.resolve(fileName), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        write(new Warcinfo.Builder()
                .version(MessageVersion.WARC_1_1)
                .filename(fileName)
                .fields(info)
                .build());
    }

    /** Writes {@code record} as one gzip member: serialized by jwarc, compressed here. */
    private void write(WarcRecord record) throws IOException {
        plainBytes.reset();
        plain.write(record);
        byte[] bytes = plainBytes.toByteArray();
        crc.reset();
        crc.update(bytes);
        deflater.reset();
        deflater.setInput(bytes);
        deflater.finish();
        writeFully(ByteBuffer.wrap(GZIP_HEADER));
        while (!deflater.finished()) {
            int n = deflater.deflate(deflated);
            writeFully(ByteBuffer.wrap(deflated, 0, n));
        }
        ByteBuffer trailer = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        trailer.putInt((int) crc.getValue()).putInt(bytes.length).flip();
        writeFully(trailer);
    }

    private void writeFully(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            file.write(buffer);
        }
    }

    /** A full file is forced and closed (a job's commit after it names the next file only). */
    private void rotateIfFull() throws IOException {
        if (file.position() >= maxSize) {
            file.force(false);
            file.close();
            file = null;
        }
    }

    @Override
    public void idle(long nanoTime) throws IOException {
        // every record is written to the channel as a whole gzip member; only index lines are buffered
        index.flush();
    }

    /** Where the next record goes: the open file and its length, or the start of the next file. */
    @Override
    public long position() throws IOException {
        index.flush();
        return file == null ? at(sequence + 1, 0) : at(sequence, file.position());
    }

    @Override
    public void force() throws IOException {
        if (file != null) {
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
            deflater.end();
            if (file != null) {
                file.close();
                file = null;
            }
        } finally {
            index.close();
            List<String> lines = new ArrayList<>(Files.readAllLines(indexPath, StandardCharsets.UTF_8));
            lines.sort(null);
            Path sorted = indexPath.resolveSibling(indexPath.getFileName() + ".tmp");
            Files.write(sorted, lines, StandardCharsets.UTF_8);
            Files.move(sorted, indexPath, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private static WarcDigest sha1(byte[] bytes) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-1");
            digest.update(bytes);
            return new WarcDigest(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }
}
