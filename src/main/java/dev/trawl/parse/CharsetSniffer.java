package dev.trawl.parse;

import dev.trawl.parse.Page.CharsetSource;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mozilla.universalchardet.UniversalDetector;

/**
 * Chooses the charset of an HTML body, in the order of the HTML spec's encoding sniffing: a byte-order
 * mark, the Content-Type charset, a {@code <meta>} in the first {@value #PRESCAN_BYTES} bytes, statistical
 * detection (only for bodies that are not valid UTF-8), then UTF-8. Labels Java does not know fall through
 * to the next step. Stateless and thread-safe.
 */
final class CharsetSniffer {
    static final int PRESCAN_BYTES = 4096;
    /** Enough text for the detector to be confident, without scanning a whole 10 MiB page. */
    private static final int DETECT_BYTES = 64 * 1024;
    private static final Pattern COMMENT = Pattern.compile("<!--.*?(-->|$)", Pattern.DOTALL);
    /** Both {@code <meta charset=x>} and {@code <meta http-equiv=... content="text/html; charset=x">}. */
    private static final Pattern META_CHARSET = Pattern.compile(
            "<meta\\s[^>]*?charset\\s*=\\s*[\"']?\\s*([^\\s\"'/>;]+)", Pattern.CASE_INSENSITIVE);

    private CharsetSniffer() {}

    /**
     * The chosen charset, where it came from, and how many leading bytes (a BOM) to skip before decoding.
     */
    record Choice(Charset charset, CharsetSource source, int skip) {}

    static Choice choose(byte[] body, Optional<String> headerCharset) {
        Optional<Choice> bom = bom(body);
        if (bom.isPresent()) {
            return bom.get();
        }
        Optional<Charset> header = headerCharset.flatMap(EncodingLabels::resolve);
        if (header.isPresent()) {
            return new Choice(header.get(), CharsetSource.HEADER, 0);
        }
        Optional<Charset> meta = prescan(body);
        if (meta.isPresent()) {
            return new Choice(meta.get(), CharsetSource.META, 0);
        }
        if (!isValidUtf8(body)) {
            Optional<Charset> detected = detect(body);
            if (detected.isPresent()) {
                return new Choice(detected.get(), CharsetSource.DETECTED, 0);
            }
        }
        return new Choice(StandardCharsets.UTF_8, CharsetSource.DEFAULT, 0);
    }

    private static Optional<Choice> bom(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
            return Optional.of(new Choice(StandardCharsets.UTF_8, CharsetSource.BOM, 3));
        }
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
            return Optional.of(new Choice(StandardCharsets.UTF_16BE, CharsetSource.BOM, 2));
        }
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
            return Optional.of(new Choice(StandardCharsets.UTF_16LE, CharsetSource.BOM, 2));
        }
        return Optional.empty();
    }

    /** Reads the head of the body as ISO-8859-1, skips comments, and takes the first known meta label. */
    private static Optional<Charset> prescan(byte[] body) {
        String head = new String(body, 0, Math.min(body.length, PRESCAN_BYTES), StandardCharsets.ISO_8859_1);
        Matcher meta = META_CHARSET.matcher(COMMENT.matcher(head).replaceAll(""));
        while (meta.find()) {
            Optional<Charset> charset = EncodingLabels.resolveInDocument(meta.group(1));
            if (charset.isPresent()) {
                return charset;
            }
        }
        return Optional.empty();
    }

    private static boolean isValidUtf8(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static Optional<Charset> detect(byte[] body) {
        UniversalDetector detector = new UniversalDetector();
        detector.handleData(body, 0, Math.min(body.length, DETECT_BYTES));
        detector.dataEnd();
        return Optional.ofNullable(detector.getDetectedCharset()).flatMap(EncodingLabels::resolve);
    }
}
