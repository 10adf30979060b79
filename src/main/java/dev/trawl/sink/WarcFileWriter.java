package dev.trawl.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trawl.fetch.WireExchange;
import java.io.ByteArrayOutputStream;
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
    private final List<String> index = new ArrayList<>();
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
        this.plain = new WarcWriter(Channels.newChannel(plainBytes), WarcCompression.NONE);
        Path absolute = path.toAbsolutePath();
        this.directory = absolute.getParent();
        this.stem = stem(path);
        this.maxSize = maxSize;
        this.info = new LinkedHashMap<>(info);
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
        index.add(cdxj(exchange, payloadDigest, offset, length));
        rotateIfFull();
    }

    @Override
    public void write(CrawlRecord record) throws IOException {
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
        fileName = String.format(Locale.ROOT, "%s-%05d.warc.gz", stem, sequence);
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

    private void rotateIfFull() throws IOException {
        if (file.position() >= maxSize) {
            file.close();
            file = null;
        }
    }

    @Override
    public void idle(long nanoTime) {
        // every record is written to the channel as a whole gzip member; nothing is buffered here
    }

    @Override
    public void close() throws IOException {
        try {
            deflater.end();
            if (file != null) {
                file.close();
                file = null;
            }
        } finally {
            index.sort(null);
            try (Writer cdxj = Files.newBufferedWriter(directory.resolve(stem + ".cdxj"), StandardCharsets.UTF_8)) {
                for (String line : index) {
                    cdxj.write(line);
                    cdxj.write('\n');
                }
            }
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
